// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// The interpreter parses the text of eval and the file of . itself, so
// none of the rewritings of the shell's program (rewriteProgram) would
// reach them. For dash the call handler takes `eval ARGS` first: it
// parses the text as the shell parses its program, rewrites it, prints
// the tree (printUnit: a text the interpreter reads back as the same
// tree, each command on the line it had, for the messages' line numbers)
// and hands the interpreter an eval of that text instead. The rewritten
// eval runs with unitVar set to "eval" for its duration (a prefix
// assignment), which dash names in its messages ("sh: 2: eval: x: not
// found"), and its text ends with evalMark, by which the handler knows
// it for its own. A sourced file goes the same way (dotCall).
//
// bash's are left as they are: where a check fails, bash abandons the
// eval's text and goes on after the eval with status 1, and the checks
// of the program can only abandon a top-level line (lineabort.go) or end
// the shell, which would be worse than the interpreter's own eval.

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
// (no text, a function named eval, a text that would not print).
func (s *shell) evalCall(hc interp.HandlerContext, args []string) []string {
	if len(args) < 2 || s.runner != nil && s.runner.Funcs["eval"] != nil {
		return nil
	}
	text, ok, _ := s.rewriteUnit(hc, strings.Join(args[1:], " "), "eval")
	if !ok {
		return nil
	}
	return []string{"eval", unitVar + "=eval eval " + singleQuote(text+evalMark)}
}

// rewriteUnit parses src as the shell parses its program, rewrites it as
// text read by unit ("eval", or the name of a sourced file) and prints
// it. ok is false when its rewriting would not read back as the same
// program; a syntax error is dash's (linesBeforeError).
func (s *shell) rewriteUnit(hc interp.HandlerContext, src, unit string) (text string, ok bool, err error) {
	s.units.Lock()
	defer s.units.Unlock()
	saved := s.unitState
	defer func() { s.unitState = saved }()
	s.unitState = unitState{unit: unit, nested: true, noMarkers: !markersResolve(hc)}
	// A loop evaluates the same text again and again; what the
	// rewriting depends on besides the text only ever turns on.
	key := fmt.Sprintf("%s\x00%v\x00%v\x00%s", unit, s.noMarkers, s.roSeen, src)
	if r, ok := s.unitCache[key]; ok {
		return r.text, r.ok, r.err
	}
	file, fixed, _, err := s.parseProgram(src)
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		file, fixed, err = s.linesBeforeError(pe, src), src, nil
	}
	if err == nil {
		s.rewriteProgram(file, fixed)
		text, ok = printUnit(file)
	}
	if len(s.unitCache) >= 64 || s.unitCache == nil {
		s.unitCache = map[string]unitText{}
	}
	s.unitCache[key] = unitText{text, ok, err}
	return text, ok, err
}

// unitText is a text's rewriting as rewriteUnit printed it.
type unitText struct {
	text string
	ok   bool
	err  error
}

// linesBeforeError is what dash runs of a text with a syntax error: it
// reads and runs a line at a time, so the complete lines before the error
// run, and then the error's report ends the shell with status 2.
func (s *shell) linesBeforeError(pe syntax.ParseError, src string) *syntax.File {
	var stmts []*syntax.Stmt
	for line, err := range syntax.NewParser().InteractiveSeq(strings.NewReader(src)) {
		if err != nil {
			break
		}
		stmts = append(stmts, line...)
	}
	if n := len(stmts); n > 0 {
		// The line of the last is complete only if the failing
		// command begins on a later one.
		last := stmts[n-1]
		rest, _, _ := strings.Cut(src[last.End().Offset():], "\n")
		if rest, _, _ = strings.Cut(rest, "#"); strings.Trim(rest, " \t;&") != "" {
			stmts = slices.DeleteFunc(stmts, func(st *syntax.Stmt) bool { return st.End().Line() >= last.Pos().Line() })
		}
	}
	line, text := dashSyntax(pe, src)
	msg := s.unitLinePrefix(line, s.unit) + "Syntax error: " + text
	end := &syntax.Stmt{Position: pe.Pos, Cmd: exitWithMessage(pe.Pos, 2, msg)}
	return &syntax.File{Stmts: append(stmts, end)}
}

// printUnit prints a rewritten text for the interpreter to parse, each
// statement on its line (the line numbers of messages); ok is false when
// the text would not read back as file.
func printUnit(file *syntax.File) (text string, ok bool) {
	quoteLits(file)
	want := shape(&syntax.File{Stmts: file.Stmts})
	lines := stmtLines(file)
	// Each statement on one line first; the printer's layout as it is
	// if that does not read back.
	for _, print := range []func(*syntax.File) (string, bool){printCompact, printPlain} {
		if text, ok := print(file); ok {
			if text = keepLines(text, lines); readsAs(text, want) {
				return text, true
			}
		}
	}
	return "", false
}

// printCompact prints each top-level statement of file on one line,
// after the one before where the two began on the same line (and no
// here-document's body comes between them).
func printCompact(file *syntax.File) (string, bool) {
	p := syntax.NewPrinter(syntax.SingleLine(true))
	var b strings.Builder
	for i, st := range file.Stmts {
		text := b.String()
		switch {
		case i == 0 || strings.HasSuffix(text, "\n"):
		case st.Pos().Line() > file.Stmts[i-1].End().Line():
			b.WriteByte('\n')
		case strings.HasSuffix(text, "&"):
			b.WriteByte(' ')
		default:
			b.WriteString("; ")
		}
		if err := p.Print(&b, st); err != nil {
			return "", false
		}
	}
	b.WriteByte('\n')
	return addSeparators(b.String()), true
}

// addSeparators puts "; " where the parser finds two commands of text
// without one between them: the printer leaves it out after a case
// whose last item ends with ";;".
func addSeparators(text string) string {
	for range 100 {
		_, err := syntax.NewParser().Parse(strings.NewReader(text), "")
		var pe syntax.ParseError
		if !errors.As(err, &pe) || !strings.HasPrefix(pe.Text, "statements must be separated") {
			break
		}
		off := pe.Pos.Offset()
		if off == 0 || off > uint(len(text)) || text[off-1] != ' ' {
			break
		}
		text = text[:off-1] + "; " + text[off:]
	}
	return text
}

// printPlain prints file in the printer's layout.
func printPlain(file *syntax.File) (string, bool) {
	return printed(syntax.NewPrinter(), file)
}

// printed is n as p prints it.
func printed(p *syntax.Printer, n syntax.Node) (string, bool) {
	var b strings.Builder
	err := p.Print(&b, n)
	return b.String(), err == nil
}

// readsAs says text, parsed as the interpreter parses eval's text, is
// the tree whose shape is want.
func readsAs(text, want string) bool {
	file, err := syntax.NewParser().Parse(strings.NewReader(text), "")
	return err == nil && shape(&syntax.File{Stmts: file.Stmts}) == want
}

// shape is the tree n without its positions: its nodes' types and
// fields as syntax.DebugPrint lists them, in the form the parser gives
// what prints alike (normalize).
func shape(n syntax.Node) string {
	normalize(n)
	var b strings.Builder
	if err := syntax.DebugPrint(&b, n); err != nil {
		return ""
	}
	lines := strings.Split(b.String(), "\n")
	return strings.Join(slices.DeleteFunc(lines, posLine), "\n")
}

// normalize gives the nodes under n that the rewritings made the form
// the parser gives what they print as: a word's adjacent literals
// joined, a declaration's word argument naked, a command substitution
// in $( ) (its text parsed already).
func normalize(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if as, ok := n.(*syntax.Assign); ok && as.Name == nil {
			as.Naked = true
		}
		if cs, ok := n.(*syntax.CmdSubst); ok {
			cs.Backquotes = false
		}
		w, ok := n.(*syntax.Word)
		if !ok {
			return true
		}
		for i := 0; i+1 < len(w.Parts); {
			a, ok1 := w.Parts[i].(*syntax.Lit)
			b, ok2 := w.Parts[i+1].(*syntax.Lit)
			if !ok1 || !ok2 {
				i++
				continue
			}
			joined := &syntax.Lit{ValuePos: a.ValuePos, ValueEnd: b.ValueEnd, Value: a.Value + b.Value}
			w.Parts = slices.Replace(w.Parts, i, i+2, syntax.WordPart(joined))
		}
		return true
	})
}

// quoteLits puts in single quotes the literal parts of the commands'
// words under n that the rewritings made with characters the parser
// would read as something else (an internal command's "<" argument, a
// space).
func quoteLits(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CallExpr:
			for _, w := range n.Args {
				quoteWordLits(w)
			}
		case *syntax.Assign:
			quoteWordLits(n.Value)
		case *syntax.Redirect:
			quoteWordLits(n.Word)
			unquoteHdoc(n.Hdoc)
		case *syntax.Stmt:
			if n.Negated && isList(n.Cmd) {
				// "! X && Y" negates X only.
				n.Cmd = inBlock(n.Cmd)
			}
			if b, ok := n.Cmd.(*syntax.BinaryCmd); ok && isList(b) && isList(b.Y.Cmd) && !b.Y.Negated {
				// "X || Y && Z" is "{ X || Y; } && Z".
				b.Y = &syntax.Stmt{Position: b.Y.Position, Cmd: inBlock(b.Y.Cmd)}
			}
		case *syntax.SglQuoted:
			// A rewriting's: the parser gives none with a quote, nor a
			// newline on a single line.
			oneLine := n.Left.Line() == n.Right.Line()
			if !n.Dollar && (strings.Contains(n.Value, "'") || oneLine && strings.Contains(n.Value, "\n")) {
				n.Dollar, n.Value = true, dollarQuoted(n.Value)
			}
		}
		return true
	})
}

// quoteWordLits quotes the literal parts of w that would not read back
// as themselves.
func quoteWordLits(w *syntax.Word) {
	if w == nil {
		return
	}
	for i, part := range w.Parts {
		l, ok := part.(*syntax.Lit)
		_, procSubst := nextPart(w.Parts, i).(*syntax.ProcSubst)
		switch {
		case !ok || strings.Contains(l.Value, `\`):
			// The interpreter reads a literal's backslashes as quoting:
			// in quotes they would be characters.
		case !procSubst && litReadsBack(l.Value):
		case strings.ContainsAny(l.Value, "'\n"):
			w.Parts[i] = &syntax.SglQuoted{Left: l.ValuePos, Right: l.ValuePos, Dollar: true, Value: dollarQuoted(l.Value)}
		default:
			w.Parts[i] = &syntax.SglQuoted{Left: l.ValuePos, Right: l.ValuePos, Value: l.Value}
		}
	}
}

// litReadsBack says the parser reads v, printed as it is, as one literal
// word v.
func litReadsBack(v string) bool {
	if !strings.ContainsAny(v, " \t\n;&|<>(){}'\"$`#~=*?[") {
		return true
	}
	file, err := syntax.NewParser().Parse(strings.NewReader(": "+v), "")
	if err != nil || len(file.Stmts) != 1 {
		return false
	}
	call, ok := file.Stmts[0].Cmd.(*syntax.CallExpr)
	return ok && len(call.Args) == 2 && len(call.Args[1].Parts) == 1 && call.Args[1].Lit() == v
}

// nextPart is the part after parts[i], if any.
func nextPart(parts []syntax.WordPart, i int) syntax.WordPart {
	if i+1 < len(parts) {
		return parts[i+1]
	}
	return nil
}

// unquoteHdoc makes literals of the quoted parts of a here-document's
// body, which reads every character but $, ` and \ as itself: dash's
// braces (quoteBraces) would print as quotes.
func unquoteHdoc(w *syntax.Word) {
	if w == nil {
		return
	}
	for i, part := range w.Parts {
		if q, ok := part.(*syntax.SglQuoted); ok && !q.Dollar && !strings.ContainsAny(q.Value, "$`\\") {
			w.Parts[i] = &syntax.Lit{ValuePos: q.Left, ValueEnd: q.Right, Value: q.Value}
		}
	}
}

// isList says c is an and-or list (X && Y, X || Y).
func isList(c syntax.Command) bool {
	b, ok := c.(*syntax.BinaryCmd)
	return ok && (b.Op == syntax.AndStmt || b.Op == syntax.OrStmt)
}

// inBlock is c in braces.
func inBlock(c syntax.Command) *syntax.Block {
	return &syntax.Block{Lbrace: c.Pos(), Rbrace: c.End(), Stmts: []*syntax.Stmt{{Position: c.Pos(), Cmd: c}}}
}

// dollarQuoted is s as the text between $' and '.
func dollarQuoted(s string) string {
	return strings.NewReplacer(`\`, `\\`, "'", `\'`, "\n", `\n`).Replace(s)
}

// posLine says line, of syntax.DebugPrint's, gives a position ("Pos:
// 3:14", "?:?" for none).
func posLine(line string) bool {
	_, value, ok := strings.Cut(line, ": ")
	l, c, ok2 := strings.Cut(value, ":")
	return ok && ok2 && posNumber(l) && posNumber(c)
}

func posNumber(s string) bool {
	return s == "?" || s != "" && strings.Trim(s, "0123456789") == ""
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
	var offs, got []uint
	var heredocs [][2]uint // operator and body offsets
	syntax.Walk(file, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			offs = append(offs, n.Pos().Offset())
			got = append(got, n.Pos().Line())
		case *syntax.Redirect:
			if n.Hdoc != nil {
				heredocs = append(heredocs, [2]uint{n.OpPos.Offset(), n.Hdoc.Pos().Offset()})
			}
		}
		return true
	})
	if len(got) != len(want) {
		return text
	}
	// A newline between a here-document's operator and its body would
	// start the body there.
	pending := func(off uint) bool {
		return slices.ContainsFunc(heredocs, func(h [2]uint) bool { return h[0] < off && off <= h[1] })
	}
	var b strings.Builder
	added, from := uint(0), uint(0)
	for i, off := range offs {
		if off < from || got[i]+added >= want[i] || pending(off) {
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
// with the rewritten text; unitVar holds FILE meanwhile. The slash keeps
// the interpreter's own lookup of the name from searching PATH.
const dotMark = internal + "dot/"

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
	text, ok, _ := s.rewriteUnit(hc, string(src), args[1])
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

// readOnlyText is a text the interpreter reads as a file, which it
// never writes.
type readOnlyText struct{ *strings.Reader }

func (readOnlyText) Write([]byte) (int, error) { return 0, os.ErrPermission }
func (readOnlyText) Close() error              { return nil }

// unitMark follows the line number in the names of the nounset markers
// and readonly sites of a text read while the shell runs, and the text's
// index in unitNames.
const unitMark = "u"

// unitTag is what follows the line in the names of the markers and sites
// of the text being rewritten: nothing for the shell's program.
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

// tagROSites puts the unit's tag (unitTag) after the line in the names
// of readonly.go's sites under n, for the reports to name the unit.
func (s *shell) tagROSites(n syntax.Node) {
	if s.unit == "" {
		return
	}
	tag := s.unitTag()
	syntax.Walk(n, func(n syntax.Node) bool {
		pe, ok := n.(*syntax.ParamExp)
		if !ok || pe.Param == nil {
			return true
		}
		rest, ok := strings.CutPrefix(pe.Param.Value, roSitePrefix)
		if !ok || rest == "" || rest[0] < '0' || rest[0] > '9' {
			return true // not a site (roCheckVar)
		}
		if site, ctx, ok := strings.Cut(rest, "_"); ok && !strings.Contains(site, unitMark) {
			pe.Param = &syntax.Lit{ValuePos: pe.Param.ValuePos, ValueEnd: pe.Param.ValueEnd, Value: roSitePrefix + site + tag + "_" + ctx}
		}
		return true
	})
}

// untagFunctions takes the unit off what the bodies of the functions
// under n report: a function defined by an eval's text or a sourced file
// mostly runs later, called from elsewhere, and dash names the unit that
// runs when the report is made (the call's), which is none there. The
// commands' own reports name the unit in force (unitOf).
func (s *shell) untagFunctions(n syntax.Node) {
	if s.unit == "" {
		return
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		if fn, ok := n.(*syntax.FuncDecl); ok {
			syntax.Walk(fn.Body, s.untagNode)
			return false
		}
		return true
	})
}

// untagNode takes the unit off the marker, site or put-off expansion n
// names, if any (untagFunctions).
func (s *shell) untagNode(n syntax.Node) bool {
	switch n := n.(type) {
	case *syntax.ParamExp:
		if n.Param == nil {
			break
		}
		for _, prefix := range []string{unboundPrefix, unboundPositional, roSitePrefix} {
			// PREFIX LINE [c] TAG _ NAME
			site, name, ok := strings.Cut(strings.TrimPrefix(n.Param.Value, prefix), "_")
			line, tag, tagged := strings.Cut(site, unitMark)
			if strings.HasPrefix(n.Param.Value, prefix) && ok && tagged && tag != "" && strings.Trim(tag, "0123456789") == "" {
				n.Param = &syntax.Lit{ValuePos: n.Param.ValuePos, ValueEnd: n.Param.ValueEnd, Value: prefix + line + "_" + name}
				break
			}
		}
	case *syntax.Lit:
		if id, err := strconv.Atoi(strings.TrimPrefix(n.Value, arithPrefix)); err == nil && id > 0 && id <= len(s.arithSites) {
			s.arithSites[id-1].unit = ""
		}
	case *syntax.CallExpr:
		if len(n.Args) > 1 {
			switch n.Args[0].Lit() {
			case badSubstCmd, lateArithCmd, lateArithCmdCmd:
				if id, err := strconv.Atoi(n.Args[1].Lit()); err == nil && id > 0 && id <= len(s.lateSites) {
					s.lateSites[id-1].unit = ""
				}
			}
		}
	}
	return true
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
