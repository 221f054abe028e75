// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"mvdan.cc/sh/v3/expand"
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
		return f.w.Write(p)
	}
	// A job's last command shows without its mark (jobs.go).
	rest = bytes.TrimPrefix(rest, []byte(jobExecCmd+" "))
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
	if _, err := f.w.Write(append([]byte(prefix), rest...)); err != nil {
		return 0, err
	}
	return len(p), nil
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
