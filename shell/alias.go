// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// alias and unalias. The interpreter keeps the aliases it expands (dash
// expands them in scripts; bash -c only after shopt -s expand_aliases),
// but prints them as it re-reads their words, in no fixed order, and says
// nothing of a name it does not have. So the shell keeps the texts
// itself, per shell process as the hash table is (a subshell starts with
// a copy), answers listings and lookups with each shell's words, order
// and quoting, and hands the interpreter only the definitions and
// removals (as `builtin alias`, which the call handler lets through).

// aliasSet is one shell process's aliases, as written.
type aliasSet struct {
	mu   sync.Mutex
	defs map[string]aliasDef
	seq  uint64
}

type aliasDef struct {
	value string
	seq   uint64 // first definition, for dash's order within a bucket
}

func (a *aliasSet) copySet() *aliasSet {
	a.mu.Lock()
	defer a.mu.Unlock()
	return &aliasSet{defs: maps.Clone(a.defs), seq: a.seq}
}

func (a *aliasSet) get(name string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	d, ok := a.defs[name]
	return d.value, ok
}

// set defines name; a redefinition keeps its place.
func (a *aliasSet) set(name, value string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.defs == nil {
		a.defs = map[string]aliasDef{}
	}
	d, ok := a.defs[name]
	if !ok {
		a.seq++
		d.seq = a.seq
	}
	d.value = value
	a.defs[name] = d
}

func (a *aliasSet) remove(name string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, ok := a.defs[name]
	delete(a.defs, name)
	return ok
}

func (a *aliasSet) clearAll() {
	a.mu.Lock()
	defer a.mu.Unlock()
	clear(a.defs)
}

// names are the aliases in the order the dialect lists them: bash's
// sorted, dash's by its table's 39 buckets, then by first definition.
func (a *aliasSet) names(d Personality) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	names := slices.Collect(maps.Keys(a.defs))
	slices.SortFunc(names, func(x, y string) int {
		if d == Bash {
			return strings.Compare(x, y)
		}
		if bx, by := dashAliasBucket(x), dashAliasBucket(y); bx != by {
			return int(bx) - int(by)
		}
		return cmpSeq(a.defs[x].seq, a.defs[y].seq)
	})
	return names
}

// dashAliasBucket is the slot of dash's alias table a name falls in: the
// command table's sum over 39 slots.
func dashAliasBucket(name string) uint32 {
	if name == "" {
		return 0
	}
	sum := uint32(name[0]) << 4
	for i := 0; i < len(name); i++ {
		sum += uint32(name[i])
	}
	return sum % 39
}

// aliasTable is the aliases of p's shell process.
func (p *proc) aliasTable() *aliasSet {
	for q := p; q != nil; q = q.parent {
		if q.aliases != nil {
			return q.aliases
		}
	}
	return &aliasSet{}
}

// aliasCall runs alias or unalias (args as the call handler has them)
// and returns what the interpreter is to run instead: its own alias or
// unalias for the definitions or removals, then the status. A failure
// among definitions needs both, so they go through eval, whose alias
// comes back here and is passed on.
func (s *shell) aliasCall(hc interp.HandlerContext, args []string) []string {
	a := s.procOf(hc).aliasTable()
	var forward []string
	var status int
	if args[0] == "alias" {
		forward, status = s.aliasBuiltin(hc, a, args[1:])
	} else {
		forward, status = s.unaliasBuiltin(hc, a, args[1:])
	}
	switch {
	case len(forward) == 0:
		return []string{internal + "status", fmt.Sprint(status)}
	case status == 0:
		return forward
	}
	return []string{"eval", singleQuoted(aliasFwdCmd) + " " + strings.Join(quoteAll(forward), " ") + "; " +
		singleQuoted(internal+"status") + " " + fmt.Sprint(status)}
}

// aliasFwdCmd before alias or unalias passes it to the interpreter as it
// is (aliasCall's eval).
const aliasFwdCmd = internal + "aliasfwd"

// aliasBuiltin lists, shows or defines; it returns the interpreter's
// alias command for the definitions (nil for none) and the status.
func (s *shell) aliasBuiltin(hc interp.HandlerContext, a *aliasSet, args []string) ([]string, int) {
	dash := s.dialect == Dash
	if !dash {
		for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
			if args[0] == "--" {
				args = args[1:]
				break
			}
			if strings.Trim(args[0][1:], "p") != "" {
				bad := strings.Trim(args[0][1:], "p")[:1]
				s.builtinMsg(hc, "alias: -"+bad+": invalid option\nalias: usage: alias [-p] [name[=value] ... ]")
				return nil, 2
			}
			args = args[1:]
		}
	}
	// dash writes a builtin's output when it ends, after its errors.
	var out strings.Builder
	defer func() { fmt.Fprint(hc.Stdout, out.String()) }()
	if len(args) == 0 {
		for _, name := range a.names(s.dialect) {
			v, _ := a.get(name)
			out.WriteString(s.aliasLine(name, v))
		}
		return nil, 0
	}
	status := 0
	var defs []string
	for _, arg := range args {
		name, value, isDef := strings.Cut(arg, "=")
		if isDef && name != "" {
			a.set(name, value)
			if interpReads(value) {
				defs = append(defs, arg)
			}
			continue
		}
		if v, ok := a.get(arg); ok {
			out.WriteString(s.aliasLine(arg, v))
			if !dash {
				fmt.Fprint(hc.Stdout, out.String())
				out.Reset()
			}
			continue
		}
		status = 1
		if dash {
			fmt.Fprintf(hc.Stderr, "alias: %s not found\n", arg)
		} else {
			s.builtinMsg(hc, "alias: "+arg+": not found")
		}
	}
	if defs == nil {
		return nil, status
	}
	return append([]string{"alias"}, defs...), status
}

// unaliasBuiltin removes names (-a: all); it returns the interpreter's
// unalias command and the status.
func (s *shell) unaliasBuiltin(hc interp.HandlerContext, a *aliasSet, args []string) ([]string, int) {
	all := false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		if strings.Trim(args[0][1:], "a") != "" {
			bad := strings.Trim(args[0][1:], "a")[:1]
			if s.dialect == Dash {
				s.builtinMsg(hc, "unalias: Illegal option -"+bad)
			} else {
				s.builtinMsg(hc, "unalias: -"+bad+": invalid option\n"+unaliasUsage)
			}
			return nil, 2
		}
		all, args = true, args[1:]
	}
	if all {
		names := a.names(s.dialect)
		a.clearAll()
		if len(names) == 0 {
			return nil, 0
		}
		return append([]string{"unalias"}, names...), 0
	}
	if len(args) == 0 && s.dialect == Bash {
		fmt.Fprintln(hc.Stderr, unaliasUsage)
		return nil, 2
	}
	status := 0
	var gone []string
	for _, name := range args {
		if a.remove(name) {
			gone = append(gone, name)
			continue
		}
		status = 1
		if s.dialect == Dash {
			fmt.Fprintf(hc.Stderr, "unalias: %s not found\n", name)
		} else {
			s.builtinMsg(hc, "unalias: "+name+": not found")
		}
	}
	if gone == nil {
		return nil, status
	}
	return append([]string{"unalias"}, gone...), status
}

const unaliasUsage = "unalias: usage: unalias [-a] name [name ...]"

// aliasLine is one alias as the dialect's listing shows it: bash's with
// "alias " before it, a quote in the value as close-quote, backslash,
// quote, reopen; dash's bare, the quote double-quoted between the two.
func (s *shell) aliasLine(name, value string) string {
	if s.dialect == Dash {
		return name + "='" + strings.ReplaceAll(value, "'", `'"'"'`) + "'\n"
	}
	return "alias " + name + "='" + strings.ReplaceAll(value, "'", `'\''`) + "'\n"
}

// interpReads reports whether the interpreter can take value as an
// alias's words; one it cannot (an open quote, which a shell would read
// on into the text after the alias) is listed but not expanded.
func interpReads(value string) bool {
	for _, err := range syntax.NewParser().WordsSeq(strings.NewReader(value)) {
		if err != nil {
			return false
		}
	}
	return true
}

// builtinMsg prints a builtin's diagnostic with the line prefix.
func (s *shell) builtinMsg(hc interp.HandlerContext, msg string) {
	fmt.Fprintf(hc.Stderr, "%s%s\n", s.linePrefix(hc.Pos.Line()), msg)
}

// singleQuoted is w in single quotes, for the text the interpreter
// evaluates (printf %q's shellQuote writes control bytes as $'\\NNN').
func singleQuoted(w string) string { return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'" }

func quoteAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = singleQuoted(w)
	}
	return out
}
