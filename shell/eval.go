// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// The interpreter parses the text of eval itself, so none of the
// rewritings of the shell's program (rewriteProgram) would reach it. The
// call handler takes `eval ARGS` first: it parses the text as the shell
// parses its program, rewrites it, prints the tree and hands the
// interpreter an eval of that text instead. The rewritten eval runs with
// unitVar set to "eval" for its duration (a prefix assignment), which
// dash names in its messages ("sh: 2: eval: x: not found"), and its text
// ends with evalMark, by which the handler knows it for its own.

// unitVar holds what dash names after the line number in the messages
// of an eval's text.
const unitVar = "LINUXVFS_UNIT"

// evalMark ends the text of an eval the handler rewrote: a comment, so
// that the line numbers of the text stay the original's.
const evalMark = "\n#" + internal + "rewritten"

// rewrittenEval says args are an eval the handler made.
func rewrittenEval(args []string) bool {
	return args[0] == "eval" && len(args) == 2 && strings.HasSuffix(args[1], evalMark)
}

// evalCall is what runs for the user's `eval ARGS`: the eval of the
// rewritten text, or nil when the interpreter's eval is to run as it is
// (no text, a syntax error, which it reports, or a function named eval).
func (s *shell) evalCall(hc interp.HandlerContext, args []string) []string {
	// bash abandons an eval's text where a check fails and goes on after
	// the eval with status 1: its checks of the program (line aborts)
	// would end the shell instead, so its evals run unrewritten.
	if s.dialect != Dash || len(args) < 2 || s.runner != nil && s.runner.Funcs["eval"] != nil {
		return nil
	}
	text, ok := s.rewriteUnit(hc, strings.Join(args[1:], " "), "eval")
	if !ok {
		return nil
	}
	return []string{"eval", unitVar + "=eval eval " + singleQuote(text+evalMark)}
}

// rewriteUnit parses src as the shell parses its program, rewrites it as
// text read by unit ("eval", or the name of a sourced file) and prints
// it. ok is false when src does not parse, or when its rewriting would
// not read back as the same program.
func (s *shell) rewriteUnit(hc interp.HandlerContext, src, unit string) (text string, ok bool) {
	s.units.Lock()
	defer s.units.Unlock()
	saved := s.unitState
	defer func() { s.unitState = saved }()
	s.unitState = unitState{unit: unit, nested: true, noMarkers: !markersResolve(hc)}
	file, fixed, _, err := s.parseProgram(src)
	if err != nil {
		return "", false
	}
	s.rewriteProgram(file, fixed)
	var b strings.Builder
	if err := syntax.NewPrinter().Print(&b, file); err != nil {
		return "", false
	}
	text = b.String()
	if !readsBack(text) {
		return "", false
	}
	return keepLines(text, stmtLines(file)), true
}

// stmtLines are the lines of the statements under n, in the order
// syntax.Walk visits them.
func stmtLines(n syntax.Node) []uint {
	var lines []uint
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok {
			lines = append(lines, st.Pos().Line())
		}
		return true
	})
	return lines
}

// keepLines puts the statements of text, a printed program, back on the
// lines they had: the printer starts at line 1 and leaves at most one
// empty line where the text had more, or comments. Each statement that
// comes early gets newlines before it, which the shell's grammar allows
// before every statement.
func keepLines(text string, want []uint) string {
	file, err := syntax.NewParser().Parse(strings.NewReader(text), "")
	if err != nil {
		return text
	}
	var offs []uint
	var got []uint
	syntax.Walk(file, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok {
			offs = append(offs, st.Pos().Offset())
			got = append(got, st.Pos().Line())
		}
		return true
	})
	if len(got) != len(want) {
		return text
	}
	var b strings.Builder
	added, from := uint(0), uint(0)
	for i, off := range offs {
		if off < from || got[i]+added >= want[i] {
			continue
		}
		b.WriteString(text[from:off])
		b.WriteString(strings.Repeat("\n", int(want[i]-got[i]-added)))
		added, from = want[i]-got[i], off
	}
	b.WriteString(text[from:])
	return b.String()
}

// markersResolve says the environment in force resolves nounset
// markers: not one copied into a background subshell (a pipeline's
// part), which has only the markers known when it started.
func markersResolve(hc interp.HandlerContext) bool {
	return hc.Env.Get(unboundPrefix+"1_"+unitVar).Kind == expand.NameRef
}

// readsBack says text, parsed as the interpreter parses eval's text,
// prints as text again.
func readsBack(text string) bool {
	file, err := syntax.NewParser().Parse(strings.NewReader(text), "")
	if err != nil {
		return false
	}
	var b strings.Builder
	return syntax.NewPrinter().Print(&b, file) == nil && b.String() == text
}

// unitState is the state of the rewriting of one parsed text: the
// shell's program, or an eval's or a sourced file's text read while it
// runs.
type unitState struct {
	// src is the text, for rewritings that quote it.
	src string
	// unit is "" for the shell's program, else what dash names after
	// the line number in the messages of the text ("eval", a file name).
	unit string
	// nested says the text is not the shell's program.
	nested bool
	// noMarkers says the text's parameters get no nounset markers.
	noMarkers bool
}

// unitOf is what dash names after the line number in the messages of
// the command hc runs: "eval" within an eval's text, the file's name
// within a sourced file's, which ends when that text has run.
func (s *shell) unitOf(hc interp.HandlerContext) string {
	if s.dialect != Dash {
		return ""
	}
	return hc.Env.Get(unitVar).String()
}

// unitLinePrefix is linePrefix followed by unit, as dash names it.
func (s *shell) unitLinePrefix(line uint, unit string) string {
	if unit == "" || s.dialect != Dash {
		return s.linePrefix(line)
	}
	return s.linePrefix(line) + unit + ": "
}

// arithSite is the arithmetic expression of marker id, which a text read
// while the shell runs may be adding to.
func (s *shell) arithSite(id int) (arithSite, bool) {
	s.units.RLock()
	defer s.units.RUnlock()
	if id < 1 || id > len(s.arithSites) {
		return arithSite{}, false
	}
	return s.arithSites[id-1], true
}

// lateSite is the put-off expansion of id (latearith.go).
func (s *shell) lateSite(id int) (lateSite, bool) {
	s.units.RLock()
	defer s.units.RUnlock()
	if id < 1 || id > len(s.lateSites) {
		return lateSite{}, false
	}
	return s.lateSites[id-1], true
}

// addMarkers adds a text's nounset markers to those markerEnviron lists.
func (s *shell) addMarkers(markers []string) {
	if s.nested {
		// The shell runs: other goroutines read the list.
		s.markersMu.Lock()
		defer s.markersMu.Unlock()
	}
	for _, m := range markers {
		if !slices.Contains(s.markers, m) {
			s.markers = append(s.markers, m)
		}
	}
}

// The interpreter reads the file of `. FILE` itself. For dash the call
// handler reads it first, rewrites its text as an eval's, and has the
// interpreter source a name of dotMark's that the open handler answers
// with the rewritten text; unitVar holds FILE meanwhile.
const dotMark = internal + "dot"

// rewrittenDot says args are a . the handler made.
func rewrittenDot(args []string) bool {
	return args[0] == "." && len(args) > 1 && strings.HasPrefix(args[1], dotMark)
}

// dotCall is what runs for `. FILE ARGS` once FILE is found: the source
// of its rewritten text, or nil when the interpreter's . is to read the
// file itself.
func (s *shell) dotCall(hc interp.HandlerContext, args []string) []string {
	p := s.procOf(hc)
	fd, err := p.task.Openat(applet.AtCWD, p.taskName(args[1]), linux.O_RDONLY, 0)
	if err != nil {
		return nil
	}
	src, err := io.ReadAll(&applet.File{Task: p.task, Fd: fd})
	p.task.Close(fd)
	if err != nil {
		return nil
	}
	text, ok := s.rewriteUnit(hc, string(src), args[1])
	if !ok {
		return nil
	}
	s.units.Lock()
	if s.dots == nil {
		s.dots = map[string]string{}
	}
	id := dotMark + strconv.Itoa(len(s.dots)+1)
	for s.dots[id] != "" {
		id += "_"
	}
	s.dots[id] = text
	s.units.Unlock()
	words := []string{unitVar + "=" + singleQuote(args[1]), ".", id}
	for _, a := range args[2:] {
		words = append(words, singleQuote(a))
	}
	return []string{"eval", strings.Join(words, " ")}
}

// dotText is the rewritten text the interpreter's . opens by name.
func (s *shell) dotText(name string) (io.ReadWriteCloser, bool) {
	if !strings.HasPrefix(name, dotMark) {
		return nil, false
	}
	s.units.Lock()
	text, ok := s.dots[name]
	delete(s.dots, name)
	s.units.Unlock()
	return readOnlyText{strings.NewReader(text)}, ok
}

// readOnlyText is a text the interpreter reads as a file.
type readOnlyText struct{ *strings.Reader }

func (readOnlyText) Write([]byte) (int, error) { return 0, os.ErrPermission }
func (readOnlyText) Close() error              { return nil }

// unitMark follows the line number in the nounset markers of a text
// read while the shell runs, and the text's index in unitNames.
const unitMark = "u"

// unitTag is what follows the line in the nounset markers of the text
// being rewritten: nothing for the shell's program.
func (s *shell) unitTag() string {
	if s.unit == "" {
		return ""
	}
	i := slices.Index(s.unitNames, s.unit)
	if i < 0 {
		s.unitNames = append(s.unitNames, s.unit)
		i = len(s.unitNames) - 1
	}
	return unitMark + strconv.Itoa(i)
}

// unitName is the unit of a marker's tag (unitTag).
func (s *shell) unitName(tag string) string {
	i, err := strconv.Atoi(tag)
	s.units.RLock()
	defer s.units.RUnlock()
	if err != nil || i < 0 || i >= len(s.unitNames) {
		return ""
	}
	return s.unitNames[i]
}
