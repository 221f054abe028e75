// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// A readonly variable's assignment fails in both shells, but each words
// it its own way ("sh: line 3: x: readonly variable", dash's "sh: 3: x:
// is read only", with the builtin's name for export, readonly, local and
// declare), and dash ends the (sub)shell with status 2. The interpreter
// says just "x: readonly variable", without a line, and goes on. So, in
// a program that makes a variable readonly at all, every assigning
// statement gets two parameter expansions that the shell's environment
// answers (markerEnviron.Get):
//
//	x=2          ->  x=${LINUXVFS_RO3_+}2 LINUXVFS_ROOK=${LINUXVFS_ROCHK?}
//	export x=2   ->  export ${LINUXVFS_RO3_export+} x=2 ${LINUXVFS_ROCHK?}
//
// The first, expanded before the assignment, records where it is (line
// and command); the shell's standard error then rewrites the
// interpreter's report with it (readonlyMessage). The second is
// expanded after the assignment: when a report came in between, the
// environment says the variable is unset, which makes the interpreter
// end the (sub)shell as set -u does, quietly (the status becomes dash's
// 2 as set -u's does). It is dash's; bash has it only for an assignment
// without a command, which ends a subshell and at the top level abandons
// the rest of the line (lineabort.go), and goes on after the others.

const (
	roSitePrefix = "LINUXVFS_RO"
	roCheckVar   = "LINUXVFS_ROCHK"
	roOKVar      = "LINUXVFS_ROOK"
	// roPrefixCtx names an assignment before a command's name: the
	// interpreter reports it again when it restores the variable.
	roPrefixCtx = "prefix"
)

// roUsed finds a program that can make a variable readonly.
var roUsed = regexp.MustCompile(`\breadonly\b|\b(declare|typeset|local)\s+(-\w+\s+)*-\w*r`)

// roSite is the assignment the shell last started.
type roSite struct {
	mu   sync.Mutex
	gen  uint64
	line int
	ctx  string
	unit string // of the text the assignment is in (unitState)
	// reported are the generation and name of the last report, which
	// the interpreter's second report of a prefix assignment repeats.
	reportedGen  uint64
	reportedName string
	// failed says dash's check is to end the (sub)shell; endedGen is
	// the generation in which it did, after which the interpreter may
	// report again (a for loop's next round) while it winds down.
	failed   bool
	endedGen uint64
	// checked says a check follows the last assignment's.
	checked bool
	// forBroke says a bash for loop stopped at a readonly variable.
	forBroke bool
}

// rewriteReadonly gives the assigning statements under n their markers,
// if src can make a variable readonly.
func (s *shell) rewriteReadonly(n syntax.Node, src string) {
	if roUsed.MatchString(src) {
		s.roSeen = true
	}
	// An eval's text assigns to what the program made readonly.
	if !s.roSeen {
		return
	}
	s.markSubshells(n)
	syntax.Walk(n, func(n syntax.Node) bool {
		switch c := n.(type) {
		case *syntax.CallExpr:
			s.markAssigns(c)
		case *syntax.DeclClause:
			s.markDecl(c)
		case *syntax.ForClause:
			s.markFor(c)
		}
		return true
	})
	if s.dialect != Dash {
		s.endForsAtReadonly(n)
	}
}

// markAssigns marks a command's assignments (x=1, or x=1 cmd).
func (s *shell) markAssigns(c *syntax.CallExpr) {
	if len(c.Assigns) == 0 || c.Assigns[0].Name != nil && strings.HasPrefix(c.Assigns[0].Name.Value, "LINUXVFS_") {
		return
	}
	first := c.Assigns[0]
	if first.Array != nil || first.Naked {
		return
	}
	ctx := ""
	if len(c.Args) > 0 {
		ctx = roPrefixCtx
	}
	pos := first.Pos()
	if first.Value == nil {
		first.Value = &syntax.Word{}
	}
	// bash goes on after a failed assignment before a command (which
	// runs); one without a command abandons the line, as in dash it
	// ends the shell.
	checked := s.dialect == Dash || ctx == ""
	first.Value.Parts = append([]syntax.WordPart{roSiteExp(pos, ctx, checked)}, first.Value.Parts...)
	if checked {
		c.Assigns = append(c.Assigns, &syntax.Assign{Name: roLit(pos, roOKVar), Value: s.checkWord(c, pos, abortAssign)})
	}
}

// markDecl marks export, readonly, local, declare and typeset.
func (s *shell) markDecl(c *syntax.DeclClause) {
	pos := c.Pos()
	checked := s.dialect == Dash // bash's builtins fail with status 1
	site := &syntax.Assign{Value: &syntax.Word{Parts: []syntax.WordPart{roSiteExp(pos, c.Variant.Value, checked)}}}
	c.Args = append([]*syntax.Assign{site}, c.Args...)
	if checked {
		c.Args = append(c.Args, &syntax.Assign{Value: s.checkWord(c, pos, abortAssign)})
	}
}

// markFor marks a for loop's variable, set before each round.
func (s *shell) markFor(c *syntax.ForClause) {
	wi, ok := c.Loop.(*syntax.WordIter)
	if !ok || !wi.InPos.IsValid() {
		return
	}
	pos := wi.Name.Pos()
	wi.Items = append([]*syntax.Word{{Parts: []syntax.WordPart{roSiteExp(pos, "", true)}}}, wi.Items...)
	if s.dialect != Dash {
		// bash's loop ends at once with status 1 (endForsAtReadonly).
		brk := &syntax.BinaryCmd{OpPos: pos, Op: syntax.OrStmt, X: callStmt(pos, litWord(pos, roForCmd)),
			Y: callStmt(pos, litWord(pos, "break"))}
		c.Do = append([]*syntax.Stmt{{Position: pos, Cmd: brk}}, c.Do...)
		if s.roFors == nil {
			s.roFors = map[*syntax.ForClause]bool{}
		}
		s.roFors[c] = true
		return
	}
	check := &syntax.CallExpr{Assigns: []*syntax.Assign{{Name: roLit(pos, roOKVar), Value: s.checkWord(c, pos, abortAssign)}}}
	c.Do = append([]*syntax.Stmt{{Position: pos, Cmd: check}}, c.Do...)
}

// Where bash's for finds its variable readonly, the loop runs no round
// and fails: each round starts with "FOR || break", FOR failing after
// the report, and the loop is followed by "FOREND $?", which gives
// status 1 after such a break and the loop's own otherwise.
const (
	roForCmd    = internal + "rofor"
	roForEndCmd = internal + "roforend"
)

// endForsAtReadonly follows each loop markFor marked under n with
// roForEndCmd.
func (s *shell) endForsAtReadonly(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		fc, ok := st.Cmd.(*syntax.ForClause)
		if !ok || !s.roFors[fc] {
			return true
		}
		delete(s.roFors, fc)
		pos := st.Pos()
		status := &syntax.Word{Parts: []syntax.WordPart{&syntax.ParamExp{Dollar: pos, Short: true, Param: roLit(pos, "?")}}}
		st.Cmd = &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{
			{Position: pos, Cmd: fc}, callStmt(pos, litWord(pos, roForEndCmd), status)}}
		return true
	})
}

// forRound is roForCmd and roForEndCmd: what to run instead.
func (s *shell) forRound(args []string) []string {
	s.ro.mu.Lock()
	defer s.ro.mu.Unlock()
	if args[0] == roForCmd {
		if s.ro.failed {
			s.ro.failed, s.ro.forBroke = false, true
			return []string{statusCmd, "1"}
		}
		return []string{statusCmd, "0"}
	}
	status := "0"
	if len(args) > 1 {
		status = args[1]
	}
	if s.ro.forBroke {
		s.ro.forBroke = false
		status = "1"
	}
	return []string{statusCmd, status}
}

// emptyWord is ”: the rewritings' empty words are quoted, as the
// interpreter's tracing (the printer) takes a word without parts for an
// error.
func emptyWord(pos syntax.Pos) *syntax.Word {
	return &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Left: pos, Right: pos}}}
}

func roLit(pos syntax.Pos, v string) *syntax.Lit {
	return &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: v}
}

// roSiteExp is ${LINUXVFS_RO<line>_<ctx>+}, empty whatever happens; a
// "c" after the line says a check follows.
func roSiteExp(pos syntax.Pos, ctx string, checked bool) *syntax.ParamExp {
	mark := ""
	if checked {
		mark = "c"
	}
	name := roSitePrefix + strconv.Itoa(int(pos.Line())) + mark + "_" + ctx
	return &syntax.ParamExp{Dollar: pos, Param: roLit(pos, name),
		Exp: &syntax.Expansion{Op: syntax.AlternateUnset, Word: emptyWord(pos)}}
}

// checkWord is the check after c's assignment or expansion: ${LINUXVFS_ROCHK?}
// where a failure ends the (sub)shell (dash, a subshell of bash), and
// at bash's top level ${LINUXVFS_ROCHK?KIND}, whose report says that the
// failure abandons the line (kind, lineabort.go); for an assignment with
// the options in effect ($-), as under set -e it ends the shell instead.
func (s *shell) checkWord(c syntax.Node, pos syntax.Pos, kind string) *syntax.Word {
	word := emptyWord(pos)
	if s.dialect != Dash && !s.inSub[c] {
		s.lineAborts = true
		word = &syntax.Word{Parts: []syntax.WordPart{roLit(pos, kind)}}
		if kind == abortAssign {
			word.Parts = []syntax.WordPart{roLit(pos, kind+" "), &syntax.ParamExp{Dollar: pos, Short: true, Param: roLit(pos, "-")}}
		}
	}
	return &syntax.Word{Parts: []syntax.WordPart{&syntax.ParamExp{Dollar: pos, Param: roLit(pos, roCheckVar),
		Exp: &syntax.Expansion{Op: syntax.ErrorUnset, Word: word}}}}
}

// wrapCheckedSubsts puts, in dash, the commands of each command
// substitution that holds a check into a subshell of their own: a
// failed check ends the substitution, whose status must be dash's 2,
// which the subshell's end gives (reap) where the interpreter gives 1.
func (s *shell) wrapCheckedSubsts(n syntax.Node) {
	if s.dialect != Dash {
		return
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		if cs, ok := n.(*syntax.CmdSubst); ok && holdsCheck(cs) {
			pos := cs.Pos()
			cs.Stmts = []*syntax.Stmt{{Position: pos, Cmd: &syntax.Subshell{Lparen: pos, Rparen: pos, Stmts: cs.Stmts}}}
		}
		return true
	})
}

// holdsCheck reports whether a check is among n's expansions.
func holdsCheck(n syntax.Node) bool {
	found := false
	syntax.Walk(n, func(n syntax.Node) bool {
		if pe, ok := n.(*syntax.ParamExp); ok && pe.Param != nil && pe.Param.Value == roCheckVar {
			found = true
		}
		return !found
	})
	return found
}

// roLookup answers the environment for a marker name; ok is false for
// any other name.
func (s *shell) roLookup(name string) (vr expand.Variable, ok bool) {
	if name == roCheckVar {
		s.ro.mu.Lock()
		failed := s.ro.failed
		s.ro.failed = false
		if failed {
			s.ro.endedGen = s.ro.gen
		}
		s.ro.mu.Unlock()
		if failed {
			return expand.Variable{}, true
		}
		return expand.Variable{Set: true, Kind: expand.String}, true
	}
	rest, found := strings.CutPrefix(name, roSitePrefix)
	if !found || rest == "" || rest[0] < '0' || rest[0] > '9' {
		return expand.Variable{}, false
	}
	lineText, ctx, _ := strings.Cut(rest, "_")
	lineText, tag, _ := strings.Cut(lineText, unitMark)
	lineText, checked := strings.CutSuffix(lineText, "c")
	line, _ := strconv.Atoi(lineText)
	unit := ""
	if tag != "" {
		unit = s.unitName(tag)
	}
	s.ro.mu.Lock()
	s.ro.gen++
	s.ro.line, s.ro.ctx, s.ro.checked, s.ro.unit = line, ctx, checked, unit
	s.ro.mu.Unlock()
	return expand.Variable{}, true
}

// readonlyMessage turns the interpreter's report of a readonly variable
// ("x: readonly variable\n") into the shell's own, or drops it (drop)
// when it repeats the last; ok is false for any other text.
func (s *shell) readonlyMessage(p []byte) (msg []byte, drop, ok bool) {
	if rest, found := bytes.CutPrefix(p, []byte(roCheckVar+": ")); found {
		// A check ended the (sub)shell or abandons bash's line: the
		// failure has been reported already.
		if s.dialect == Dash {
			s.unbound.Store(true) // for dash's status, 2
		} else {
			s.noteAbort(string(bytes.TrimSuffix(rest, []byte("\n"))))
		}
		return nil, true, true
	}
	name, found := bytes.CutSuffix(p, []byte(": readonly variable\n"))
	if !found || !syntax.ValidName(string(name)) || bytes.HasPrefix(name, []byte("LINUXVFS_")) {
		return nil, false, false
	}
	s.ro.mu.Lock()
	defer s.ro.mu.Unlock()
	repeated := s.ro.reportedGen == s.ro.gen && s.ro.reportedName == string(name)
	if repeated && (s.ro.ctx == roPrefixCtx || s.ro.endedGen == s.ro.gen) {
		return nil, true, true
	}
	s.ro.reportedGen, s.ro.reportedName = s.ro.gen, string(name)
	if s.ro.checked {
		s.ro.failed = true
	}
	return []byte(s.unitLinePrefix(uint(s.ro.line), s.ro.unit) + s.readonlyText(s.ro.ctx, string(name)) + "\n"), false, true
}

// readonlyText words a failed assignment to the readonly variable name,
// made by builtin (export, local ...; "" for a plain assignment).
func (s *shell) readonlyText(builtin, name string) string {
	if builtin == roPrefixCtx {
		builtin = ""
	}
	if s.dialect == Dash {
		if builtin != "" {
			return builtin + ": " + name + ": is read only"
		}
		return name + ": is read only"
	}
	switch builtin {
	case "local", "declare", "typeset", "read":
		return builtin + ": " + name + ": readonly variable"
	}
	return name + ": readonly variable"
}

// readonlyArgs checks the names unset and read are to change: the
// command to run instead when one is readonly, nil if none is.
func (s *shell) readonlyArgs(hc interpEnv, line uint, args []string) []string {
	var names []string
	switch args[0] {
	case "unset":
		if slices.Contains(args[1:], "-f") {
			return nil
		}
		names = args[1:]
	case "read":
		names = skipBashReadOptions(args[1:])
	default:
		return nil
	}
	for _, n := range names {
		if n == "-v" || !syntax.ValidName(n) || !hc.Get(n).ReadOnly {
			continue
		}
		msg := s.linePrefix(line)
		code, fatal := 1, false
		switch {
		case s.dialect == Dash:
			msg += args[0] + ": " + n + ": is read only"
			code, fatal = 2, args[0] == "unset"
		case args[0] == "unset":
			msg += "unset: " + n + ": cannot unset: readonly variable"
		default:
			msg += n + ": readonly variable"
		}
		status := []string{statusCmd, strconv.Itoa(code), msg}
		if fatal {
			return append([]string{"exec"}, status...)
		}
		return status
	}
	return nil
}

// interpEnv is what readonlyArgs reads of the caller's variables.
type interpEnv interface {
	Get(name string) expand.Variable
}

// skipBashReadOptions drops read's options and their arguments (-p
// PROMPT, -d DELIM, -n N, -N N, -t T, -u FD, -a NAME is an array: kept).
func skipBashReadOptions(args []string) []string {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		if args[0] == "--" {
			return args[1:]
		}
		last := args[0][len(args[0])-1]
		if strings.IndexByte("pdnNtu", last) >= 0 && len(args) > 1 {
			args = args[1:]
		}
		args = args[1:]
	}
	return args
}

// declListCmd lists the readonly or exported variables: `readonly -p`,
// `export -p` and both without operands, which the interpreter lacks.
const declListCmd = internal + "declist"

// rewriteDeclLists replaces the listing forms of export and readonly
// under n by declListCmd.
func rewriteDeclLists(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		dc, ok := st.Cmd.(*syntax.DeclClause)
		if !ok || dc.Variant.Value != "export" && dc.Variant.Value != "readonly" {
			return true
		}
		for _, as := range dc.Args {
			if !as.Naked || as.Name == nil || as.Name.Value != "-p" {
				if as.Name != nil || as.Value == nil || as.Value.Lit() != "-p" {
					return true
				}
			}
		}
		pos := dc.Pos()
		st.Cmd = &syntax.CallExpr{Args: []*syntax.Word{
			{Parts: []syntax.WordPart{roLit(pos, declListCmd)}},
			{Parts: []syntax.WordPart{roLit(pos, dc.Variant.Value)}},
		}}
		return true
	})
}

// declListApplet is declListCmd: its operand is export or readonly.
func declListApplet(c *cmd) int {
	readonly := len(c.Args) > 0 && c.Args[0] == "readonly"
	vars := map[string]expand.Variable{}
	c.hc.Env.Each(func(name string, _ expand.Variable) bool {
		if internalVars[name] || strings.HasPrefix(name, "LINUXVFS_") || c.sh.notShells(name) {
			return true
		}
		vr := c.hc.Env.Get(name)
		if !readonly && alwaysExported[name] && vr.IsSet() {
			vr.Exported = true // the interpreter's cd sets them plain
		}
		if readonly && vr.ReadOnly || !readonly && vr.Exported {
			vars[name] = vr
		}
		return true
	})
	if _, ok := vars["OLDPWD"]; !ok && !readonly && c.sh.dialect == Bash {
		// bash exports OLDPWD from the start, unset until a cd.
		vars["OLDPWD"] = expand.Variable{Exported: true}
	}
	names := slices.Sorted(maps.Keys(vars))
	for _, name := range names {
		c.Out.WriteString(c.sh.declLine(c.Args[0], name, vars[name]) + "\n")
	}
	return 0
}

// declLine is one variable as the listing shows it: dash's "export
// NAME='value'", bash's `declare -rx NAME="value"`.
func (s *shell) declLine(builtin, name string, vr expand.Variable) string {
	if s.dialect == Dash {
		if !vr.IsSet() {
			return builtin + " " + name
		}
		return builtin + " " + name + "=" + dashQuote(vr.String())
	}
	flags := vr.Flags()
	if name == "UID" || name == "EUID" {
		flags = "i" + flags // bash's are integers
	}
	line := "declare -" + flags + " " + name
	switch {
	case vr.Kind == expand.Indexed:
		var b strings.Builder
		for i, v := range vr.List {
			idx := i
			if vr.Indexes != nil {
				idx = vr.Indexes[i]
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("[" + strconv.Itoa(idx) + "]=" + bashDeclQuote(v))
		}
		return line + "=(" + b.String() + ")"
	case vr.IsSet():
		return line + "=" + bashDeclQuote(vr.String())
	}
	return line
}

// dashQuote single-quotes v, an embedded quote as '"'"'.
func dashQuote(v string) string {
	return "'" + strings.ReplaceAll(v, "'", `'"'"'`) + "'"
}

// bashDeclQuote double-quotes v as declare -p does.
func bashDeclQuote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		if strings.ContainsRune("\"\\$`", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// notShells reports whether the interpreter's variable name is none of
// the shell's: GID is no shell's, UID and EUID are bash's only.
func (s *shell) notShells(name string) bool {
	return name == "GID" || s.dialect == Dash && (name == "UID" || name == "EUID")
}

// markSubshells notes the nodes inside a subshell, a command or process
// substitution, where bash ends the subshell on an assignment's or an
// expansion's failure (at the top level it goes on with the next line).
func (s *shell) markSubshells(n syntax.Node) {
	if s.inSub != nil {
		return
	}
	s.inSub = map[syntax.Node]bool{}
	mark := func(n syntax.Node) {
		syntax.Walk(n, func(inner syntax.Node) bool {
			switch inner.(type) {
			case *syntax.CallExpr, *syntax.DeclClause, *syntax.ForClause:
				s.inSub[inner] = true
			}
			return true
		})
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Subshell, *syntax.CmdSubst, *syntax.ProcSubst:
			mark(n)
			return false
		case *syntax.Stmt:
			if n.Background || n.Coprocess {
				mark(n)
				return false
			}
		case *syntax.BinaryCmd:
			// A pipeline's parts but the last run in subshells here
			// (bash's last too, but the interpreter's in the shell).
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				mark(n.X)
			}
		}
		return true
	})
}
