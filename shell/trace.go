// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// traceFilter hides linuxvfs's own rewriting from set -x: the interpreter
// traces each command as one write of "+ NAME ARGS\n", including the
// internal commands and variables that prepare and the handlers insert
// (subshell.go, umask.go, redirect.go). Those lines are dropped, except
// that the internal fdredir shows as the exec it stands for, as bash
// prints it. The interpreter always starts a trace line with "+ "; the
// filter puts the shell's PS4 there instead (tracePrefix). Everything
// else passes unchanged.
type traceFilter struct {
	w  io.Writer
	ps *tracePrefix
}

func (f traceFilter) Write(p []byte) (int, error) {
	rest, ok := bytes.CutPrefix(p, []byte("+ "))
	if !ok {
		f.ps.release()
		return f.w.Write(p)
	}
	// A job's last command shows without its mark (jobs.go).
	rest = bytes.TrimPrefix(rest, []byte(jobExecCmd+" "))
	orig := rest
	switch string(rest) {
	case quietOn:
		f.ps.quiet.Store(true)
	case quietOff:
		f.ps.quiet.Store(false)
		return len(p), nil
	}
	if f.ps.quiet.Load() {
		return len(p), nil
	}
	rest = getoptsTrace(rest)
	if bytes.HasPrefix(rest, []byte(xtraceCmd+" ")) {
		// A declaration's: its words come with the call (nothing if not).
		f.ps.hold(heldLine{w: f.w, orig: orig, prefix: f.ps.get()})
		return len(p), nil
	}
	if internalTrace(rest) {
		if bytes.HasPrefix(rest, []byte(fdredirCmd+" ")) {
			rest = []byte("exec\n")
		} else {
			return len(p), nil
		}
	}
	rest = traceMarkers.ReplaceAll(rest, nil)
	prefix := f.ps.get()
	if value, ok := bytes.CutPrefix(rest, []byte("PS4=")); ok {
		// The line of an assignment to PS4 still shows the old prompt.
		f.ps.setTraced(string(bytes.TrimSuffix(value, []byte("\n"))))
	}
	if f.ps.assignLine != nil && assignTrace(orig) {
		rest = f.ps.assignLine(rest)
	}
	if callTrace(orig) {
		f.ps.hold(heldLine{w: f.w, orig: orig, line: append([]byte(prefix), rest...), prefix: prefix})
		return len(p), nil
	}
	f.ps.release()
	if _, err := f.w.Write(append([]byte(prefix), rest...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// A call's trace line comes from the interpreter before the call handler
// sees the call, with the arguments joined into one string (a builtin's
// quoted as one word), which is not what either shell prints. Such a line
// is held until the call handler, which has the words, writes the
// shell's own line in its place (claimTrace); any other write first lets
// the held lines out as they came, so nothing is reordered or lost.

// heldLine is a call's trace line waiting for its words.
type heldLine struct {
	w      io.Writer
	orig   []byte // as the interpreter wrote it, after "+ "
	line   []byte // what the filter would write for it
	prefix string
}

// assignTrace reports whether a trace line is an assignment's.
func assignTrace(line []byte) bool {
	name, _, ok := bytes.Cut(line, []byte("="))
	return ok && syntax.ValidName(string(name))
}

// callTrace reports whether a trace line is a simple command's call (not
// an assignment, nor the line of a for, case or let).
func callTrace(line []byte) bool {
	word, _, _ := bytes.Cut(bytes.TrimSuffix(line, []byte("\n")), []byte(" "))
	switch {
	case bytes.IndexByte(word, '=') >= 0, len(word) == 0:
		return false
	case string(word) == "for", string(word) == "case", string(word) == "let":
		return false
	}
	return true
}

func (t *tracePrefix) hold(h heldLine) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.held = append(t.held, h)
	t.nheld.Store(int32(len(t.held)))
}

// release writes the held lines as they came.
func (t *tracePrefix) release() {
	if t.nheld.Load() == 0 {
		return
	}
	t.mu.Lock()
	held := t.held
	t.held = nil
	t.nheld.Store(0)
	t.mu.Unlock()
	for _, h := range held {
		if h.line != nil {
			h.w.Write(h.line)
		}
	}
}

// claimTrace puts lines (without prefix) in place of the held trace of
// the call whose interpreter line is orig; lines held before it go out
// first.
func (t *tracePrefix) claimTrace(orig []byte, lines []string) {
	if t.nheld.Load() == 0 {
		return
	}
	t.mu.Lock()
	i := slices.IndexFunc(t.held, func(h heldLine) bool { return bytes.Equal(h.orig, orig) })
	if i < 0 {
		t.mu.Unlock()
		return
	}
	before, h := t.held[:i], t.held[i]
	t.held = slices.Clone(t.held[i+1:])
	t.nheld.Store(int32(len(t.held)))
	t.mu.Unlock()
	for _, b := range before {
		if b.line != nil {
			b.w.Write(b.line)
		}
	}
	for _, line := range lines {
		h.w.Write([]byte(h.prefix + line))
	}
}

// traceMarkers are the markers of readonly.go and arith.go as a traced
// command shows them (a for loop's words, let's expressions).
var traceMarkers = regexp.MustCompile(`\$\{LINUXVFS_RO[0-9]+c?_[a-z]*\+''\} ?|LINUXVFS_A[0-9]+, ?`)

// internalTrace reports whether a traced command is one of linuxvfs's
// (or the case around an EXIT trap's action, lineabort.go).
func internalTrace(line []byte) bool {
	if bytes.HasPrefix(line, []byte(internal)) || bytes.HasPrefix(line, []byte(exitGateCase)) {
		return true
	}
	name, _, ok := bytes.Cut(line, []byte("="))
	return ok && internalVars[string(name)]
}

// tracePrefix is PS4 as the trace lines show it, expanded. It is taken
// from the variables each time a command is called (note), and from the
// trace of an assignment to PS4, which comes before the next command's
// trace line.
type tracePrefix struct {
	mu       sync.Mutex
	raw      string
	expanded string
	// quiet is set between the traces of quietOn and quietOff, whose
	// commands' lines are the shell's own.
	quiet atomic.Bool
	// assignLine rewrites an assignment's trace line for the shell's
	// dialect (traceAssignLine).
	assignLine func([]byte) []byte
	// held are the call trace lines waiting for their words, nheld
	// their number (mu).
	held  []heldLine
	nheld atomic.Int32
}

// quietOn and quietOff are the traces of the internal quiet command that
// begin and end a run of the shell's own commands (getopts.go).
const (
	quietOn  = internal + "quiet on\n"
	quietOff = internal + "quiet off\n"
)

func newTracePrefix() *tracePrefix { return &tracePrefix{raw: "+ ", expanded: "+ "} }

func (t *tracePrefix) get() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.expanded
}

// note takes PS4 from env, where a command is called; an unset PS4
// shows nothing.
func (t *tracePrefix) note(env expand.Environ) {
	v := env.Get("PS4")
	raw := v.String()
	t.mu.Lock()
	defer t.mu.Unlock()
	if raw == t.raw && !strings.ContainsAny(raw, "$`") {
		return
	}
	t.raw, t.expanded = raw, expandPrompt(raw, env)
}

// setTraced takes PS4 from the traced value of an assignment, which the
// interpreter quotes as bash would.
func (t *tracePrefix) setTraced(quoted string) {
	raw := quoted
	f, err := syntax.NewParser().Parse(strings.NewReader("PS4="+quoted), "")
	if err == nil && len(f.Stmts) == 1 {
		if call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr); ok && len(call.Assigns) == 1 && call.Assigns[0].Value != nil {
			if v, err := expand.Literal(&expand.Config{Env: expand.ListEnviron()}, call.Assigns[0].Value); err == nil {
				raw = v
			}
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.raw, t.expanded = raw, expandPrompt(raw, nil)
}

// expandPrompt expands a prompt's parameters with env (none if nil); a
// prompt that does not parse is shown as it is.
func expandPrompt(s string, env expand.Environ) string {
	if !strings.ContainsAny(s, "$`'\"\\") {
		return s
	}
	word, err := syntax.NewParser().Document(strings.NewReader(s))
	if err != nil {
		return s
	}
	if env == nil {
		env = expand.ListEnviron()
	}
	out, err := expand.Document(&expand.Config{Env: env}, word)
	if err != nil {
		return s
	}
	return out
}

// interpTraceText is the line the interpreter traces a call of fields
// with (after "+ "): the arguments joined, a builtin's quoted as one word.
func interpTraceText(fields []string) []byte {
	args := strings.Join(fields[1:], " ")
	switch {
	case strings.TrimSpace(args) == "":
		return []byte(fields[0] + "\n")
	case interp.IsBuiltin(fields[0]):
		q, err := syntax.Quote(args, syntax.LangBash)
		if err != nil {
			return nil
		}
		return []byte(fields[0] + " " + q + "\n")
	}
	return []byte(fields[0] + " " + args + "\n")
}

// traceText is the line the shell itself traces a call of words with:
// dash writes the words as they are, bash quotes those that need it.
// The words the shell's rewriting added (marked internal) are left out.
func (s *shell) traceText(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if strings.HasPrefix(w, internal) {
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		if s.dialect == Bash {
			w = bashTraceWord(w)
		}
		b.WriteString(w)
	}
	b.WriteByte('\n')
	return b.String()
}

// claimCallTrace gives the held trace line of this call its words, and
// the assignments before it (on the line in dash, each on a line of its
// own before it in bash). getopts keeps its own trace (getoptsTrace).
func (s *shell) claimCallTrace(hc interp.HandlerContext, fields []string) {
	if s.ps4.nheld.Load() == 0 || len(fields) == 0 || slices.Contains(fields, getoptsMark) {
		return
	}
	orig := interpTraceText(fields)
	switch {
	case orig == nil:
		return
	case fields[0] == xtraceCmd && len(fields) > 1:
		s.ps4.claimTrace(orig, s.declTraceLines(fields[1:]))
		return
	case strings.HasPrefix(fields[0], internal):
		return
	case rewrittenEval(fields) || rewrittenDot(fields):
		// It stands for the eval or . traced already (eval.go).
		s.ps4.claimTrace(orig, nil)
		return
	}
	assigns := s.prefixAssigns(hc.Pos, fields[0], hc.Env)
	if s.dialect != Bash {
		s.ps4.claimTrace(orig, []string{s.traceText(append(assigns, fields...))})
		return
	}
	var lines []string
	for _, a := range assigns {
		name, value, _ := strings.Cut(a, "=")
		lines = append(lines, name+"="+bashAssignValue(value)+"\n")
	}
	s.ps4.claimTrace(orig, append(lines, s.traceText(fields)))
}

// bashTraceWord is a word as bash's trace shows it: as it is unless a
// shell would read it otherwise, then in single quotes (a quote inside
// as '\”), or $'...' for control characters; ” when empty.
func bashTraceWord(w string) string {
	switch {
	case w == "":
		return "''"
	case strings.ContainsFunc(w, func(r rune) bool { return r < ' ' && r != '\t' && r != '\n' || r == 0x7f }):
		return ansiCQuote(w)
	case strings.ContainsAny(w, " \t\n'\"\\|&;()<>!{}*[]?^$`") || w[0] == '~' || w[0] == '#' ||
		strings.Contains(w, "=~") || strings.Contains(w, ":~"):
		return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return w
}

// ansiCQuote is w in $'...' as bash writes it: C's escapes where they
// exist, other control bytes in octal.
func ansiCQuote(w string) string {
	named := map[byte]string{'\a': `\a`, '\b': `\b`, 0x1b: `\E`, '\f': `\f`, '\n': `\n`, '\r': `\r`,
		'\t': `\t`, '\v': `\v`, '\\': `\\`, '\'': `\'`}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch esc, ok := named[c]; {
		case ok:
			b.WriteString(esc)
		case c < ' ' || c == 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
