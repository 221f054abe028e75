// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// getopts is the shell's own: the interpreter's words its messages
// neither as dash nor as bash, and leaves OPTIND and OPTARG as neither
// does. The handler does not see the positional parameters, so
// rewriteDialect appends getoptsMark and "$@" to every getopts; the
// place in a word of grouped options ("-abc") is kept in getoptsVar, with
// the OPTIND value it goes with, so that a script's own OPTIND=1 starts
// again. dash starts again at each function call: its functions with a
// getopts begin with a local getoptsVar.

const (
	getoptsMark = internal + "getopts"
	getoptsVar  = "LINUXVFS_GETOPTS"
	// getoptsLastVar is the OPTIND the last getopts of any function set:
	// when a dash function's getopts moved OPTIND, the caller's place
	// (its getoptsVar, back from the function's local one) still holds,
	// as dash restores its own after a call; only an assignment of
	// another value starts again.
	getoptsLastVar = "LINUXVFS_GETOPTS_OPTIND"
)

// getoptsWords is the words rewriteDialect gives every getopts after its
// own: the mark and "$@".
func getoptsWords(pos syntax.Pos) []*syntax.Word {
	return []*syntax.Word{
		{Parts: []syntax.WordPart{&syntax.SglQuoted{Left: pos, Right: pos, Value: getoptsMark}}},
		{Parts: []syntax.WordPart{&syntax.DblQuoted{Left: pos, Right: pos, Parts: []syntax.WordPart{
			&syntax.ParamExp{Dollar: pos, Short: true, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "@"}}}}}},
	}
}

// getoptsLocal is the statement beginning a dash function that calls
// getopts: the function reads its arguments from the first.
func getoptsLocal(pos syntax.Pos) *syntax.Stmt {
	value := &syntax.Word{Parts: []syntax.WordPart{
		&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "1:-1:"},
		&syntax.ParamExp{Dollar: pos, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "OPTIND"},
			Exp: &syntax.Expansion{Op: syntax.DefaultUnset}},
	}}
	return &syntax.Stmt{Position: pos, Cmd: &syntax.DeclClause{
		Variant: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "local"},
		Args:    []*syntax.Assign{{Name: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: getoptsVar}, Value: value}},
	}}
}

// callsGetopts reports whether a function body calls getopts itself (not
// in a function declared inside it).
func callsGetopts(body syntax.Node) bool {
	found := false
	syntax.Walk(body, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.FuncDecl:
			return false
		case *syntax.CallExpr:
			if len(n.Args) > 0 && n.Args[0].Lit() == "getopts" {
				found = true
			}
		}
		return !found
	})
	return found
}

// getoptsState is where getopts reads next: ind is OPTIND's meaning
// (the number of the next word, from 1), off the place in the word
// before it when that word has options left, else -1.
type getoptsState struct {
	ind, off int
}

// getoptsResult is what one call of getopts found.
type getoptsResult struct {
	opt    byte
	optarg string
	// setArg says OPTARG is set to optarg; keepArg that it is left as it
	// is (else it is unset).
	setArg, keepArg bool
	done            bool
	msg             string
}

// getoptsCall runs getopts for the call handler: args are as the
// rewriting left them.
func (s *shell) getoptsCall(hc interp.HandlerContext, args []string) []string {
	mark := slices.Index(args, getoptsMark)
	var words []string
	if mark > 3 {
		words = args[3:mark]
	} else {
		words = args[mark+1:]
	}
	args = args[:mark]
	prefix := s.linePrefix(hc.Pos.Line())
	if len(args) < 3 {
		if s.dialect == Dash {
			return []string{internal + "status", "2", prefix + "getopts: Usage: getopts optstring var [arg...]"}
		}
		return []string{internal + "status", "2", "getopts: usage: getopts optstring name [arg ...]"}
	}
	optstr, name := args[1], args[2]
	st := s.getoptsState(hc, len(words))
	res := s.getoptsNext(&st, optstr, words, hc.Env.Get("OPTERR").String() != "0")
	if s.dialect != Dash && !syntax.ValidName(name) {
		// bash reads the option, then finds the name bad.
		msg := prefix + "getopts: `" + name + "': not a valid identifier"
		if res.msg != "" {
			msg = res.msg + "\n" + msg
		}
		return []string{internal + "status", "1", msg}
	}
	shown := st.ind
	if s.dialect != Dash {
		if st.ind >= 2 && st.ind-2 < len(words) && st.off >= 0 && st.off < len(words[st.ind-2]) {
			shown-- // bash's OPTIND stays on a word until its last option
		}
		shown = min(shown, len(words)+1)
	}
	state := getoptsVar + "=" + singleQuote(strconv.Itoa(st.ind)+":"+strconv.Itoa(st.off)+":"+strconv.Itoa(shown))
	assign := state + " OPTIND=" + strconv.Itoa(shown) + " " + getoptsLastVar + "=" + strconv.Itoa(shown)
	if res.setArg {
		assign += " OPTARG=" + singleQuote(res.optarg)
	}
	script := []string{}
	if res.msg != "" {
		script = append(script, statusLine(0, res.msg))
	}
	if !res.setArg && !res.keepArg {
		script = append(script, state+" unset OPTARG")
	}
	code := 0
	if res.done {
		code = 1
	}
	if !syntax.ValidName(name) {
		// dash sets OPTIND and OPTARG before it finds the name bad.
		script = append(getoptsQuiet(append(script, assign)), statusLine(2, prefix+"getopts: "+name+": bad variable name"))
		return []string{"eval", strings.Join(script, "\n")}
	}
	assign += " " + name + "=" + singleQuote(string(res.opt))
	script = append(getoptsQuiet(append(script, assign)), statusLine(code, ""))
	return []string{"eval", strings.Join(script, "\n")}
}

// getoptsQuiet keeps set -x from showing the assignments of script.
func getoptsQuiet(script []string) []string {
	on, off := singleQuote(internal+"quiet")+" on", singleQuote(internal+"quiet")+" off"
	return append(append([]string{on}, script...), off)
}

// getoptsTraced matches the trace of a getopts with the words the
// rewriting added; the interpreter shows a builtin's words as one.
var getoptsTraced = regexp.MustCompile(`^getopts \$'(.*?) ?\\x01getopts.*'\n$`)

// getoptsTrace is a getopts' trace line without the words the rewriting
// added to it, its words apart (a word with a blank in it shows as two),
// else line unchanged.
func getoptsTrace(line []byte) []byte {
	m := getoptsTraced.FindSubmatch(line)
	if m == nil || bytes.ContainsAny(m[1], `\'`) {
		return line
	}
	out := "getopts"
	for _, w := range strings.Split(string(m[1]), " ") {
		q, err := syntax.Quote(w, syntax.LangBash)
		if err != nil {
			return line
		}
		out += " " + q
	}
	return []byte(out + "\n")
}

// getoptsState is where the last getopts left off, unless OPTIND was
// changed since: then it begins at the word OPTIND names.
func (s *shell) getoptsState(hc interp.HandlerContext, nwords int) getoptsState {
	optind := hc.Env.Get("OPTIND").String()
	st := getoptsState{ind: 1, off: -1}
	if n, err := strconv.Atoi(optind); err == nil && n > 1 {
		st.ind = n
	}
	if v := hc.Env.Get(getoptsVar); v.IsSet() {
		f := strings.Split(v.String(), ":")
		moved := s.dialect == Dash && optind == hc.Env.Get(getoptsLastVar).String()
		if len(f) == 3 && (f[2] == optind || moved) {
			st.ind, _ = strconv.Atoi(f[0])
			st.off, _ = strconv.Atoi(f[1])
		}
	}
	if s.dialect == Dash && st.ind > nwords+1 {
		st = getoptsState{ind: 1, off: -1}
	}
	return st
}

// getoptsNext reads the next option from words and moves st past it.
func (s *shell) getoptsNext(st *getoptsState, optstr string, words []string, opterr bool) getoptsResult {
	dash := s.dialect == Dash
	res := getoptsResult{opt: '?', keepArg: dash}
	var word string
	if st.ind > 1 && st.ind-2 < len(words) && st.off >= 0 && st.off < len(words[st.ind-2]) {
		word = words[st.ind-2]
	} else {
		if st.ind-1 >= len(words) {
			res.done = true
			return res
		}
		w := words[st.ind-1]
		if len(w) < 2 || w[0] != '-' {
			res.done = true
			return res
		}
		st.ind++
		st.off = 1
		if w == "--" {
			st.off = -1
			res.done = true
			return res
		}
		word = w
	}
	c := word[st.off]
	st.off++
	silent := strings.HasPrefix(optstr, ":")
	known, takesArg := getoptsSpec(optstr, c, dash)
	switch {
	case !known:
		if silent {
			res.optarg, res.setArg = string(c), true
		} else {
			res.keepArg = false
			res.msg = s.getoptsMessage(opterr, "Illegal option -"+string(c), "illegal option -- "+string(c))
		}
	case !takesArg:
		res.opt = c
		res.setArg = dash // dash sets OPTARG empty, bash unsets it
		res.keepArg = false
	case st.off < len(word):
		res.opt, res.optarg, res.setArg = c, word[st.off:], true
		st.off = -1
	case st.ind-1 < len(words):
		res.opt, res.optarg, res.setArg = c, words[st.ind-1], true
		st.ind++
		st.off = -1
	case silent:
		res.opt, res.optarg, res.setArg = ':', string(c), true
	default:
		res.keepArg = false
		res.msg = s.getoptsMessage(opterr, "No arg for -"+string(c)+" option", "option requires an argument -- "+string(c))
	}
	return res
}

// getoptsMessage is the complaint of a getopts that is not silent: dash's
// has no prefix and no OPTERR, bash's names the shell.
func (s *shell) getoptsMessage(opterr bool, dash, bash string) string {
	switch {
	case s.dialect == Dash:
		return dash
	case opterr:
		return s.name + ": " + bash
	}
	return ""
}

// getoptsSpec finds option c in optstr: known, and whether an argument
// follows it. A ':' is no option of bash's; dash finds it at the head.
func getoptsSpec(optstr string, c byte, dash bool) (known, takesArg bool) {
	if c == ':' && !dash {
		return false, false
	}
	for i := 0; i < len(optstr); i++ {
		if optstr[i] == c {
			return true, i+1 < len(optstr) && optstr[i+1] == ':'
		}
		if i+1 < len(optstr) && optstr[i+1] == ':' {
			i++
		}
	}
	return false, false
}
