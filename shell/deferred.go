// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"
	"io"
	"maps"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// A shell forks before it opens a program's redirections: the child opens
// them, then execs, so `cat < /proc/self/status` shows cat. The
// interpreter opens redirections before it knows what the command is, so
// the file redirections of a simple command (prepare marks them) are
// deferred: the open handler hands out a stand-in that says what to open.
// When the command turns out to be a program, spawn opens the files in
// the forked task (openIn); for a builtin or function the call handler
// opens them in the shell's task first (settleRedirs), as before. A
// redirection nobody took (a command that expanded to nothing) is opened
// when the interpreter closes it, so that `> f` still creates f.

// markDeferred prefixes the kind of a redirection that may be deferred.
const markDeferred = "+"

// deferredOpen is one deferred redirection.
type deferredOpen struct {
	p     *proc
	name  string // relative to p's working directory
	line  int
	unit  string // unitOf the command
	flags uint32 // the Linux open flags, without O_CLOEXEC
	// noclobber says set -C was on for a truncating open (noclobber.go).
	noclobber bool
	// dup says name is a descriptor number to duplicate (>&N); quiet
	// that its failure goes unreported.
	dup, quiet bool
	seq        uint64 // command-line order among the deferred ones

	mu   sync.Mutex
	file *applet.File // opened in the shell's task
	err  error        // that open's failure
	used bool         // a program's task opened it
}

var deferredSeq atomic.Uint64

func newDeferred(p *proc, name string, line int, flags uint32) *deferredOpen {
	return &deferredOpen{p: p, name: name, line: line, flags: flags, seq: deferredSeq.Add(1)}
}

// resolve opens the file in the shell's task, once.
func (d *deferredOpen) resolve() (*applet.File, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.file == nil && d.err == nil && d.dup {
		d.file, d.err = d.p.openDupFd(d.name)
	}
	if d.file == nil && d.err == nil {
		var flags uint32
		if flags, d.err = d.openFlags(d.p.task); d.err == nil {
			d.file, d.err = openShellFile(d.p.task, d.name, flags, 0o666)
		}
	}
	return d.file, d.err
}

// pending reports whether nothing opened d yet.
func (d *deferredOpen) pending() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.file == nil && d.err == nil && !d.used
}

// openIn opens the file in t as descriptor fd: a program's redirection,
// opened by its own task.
func (d *deferredOpen) openIn(t *vfs.Task, fd int) error {
	d.mu.Lock()
	d.used = true
	d.mu.Unlock()
	if d.dup {
		return d.dupIn(t, fd)
	}
	flags, err := d.openFlags(t)
	nfd := -1
	if err == nil {
		nfd, err = t.Openat(applet.AtCWD, d.name, flags, 0o666)
	}
	if err != nil {
		return &redirError{d: d, err: err}
	}
	if nfd != fd {
		_, err = t.Dup2(nfd, fd)
		t.Close(nfd)
	}
	return err
}

// dupIn makes fd in t a copy of t's descriptor d.name (>&N).
func (d *deferredOpen) dupIn(t *vfs.Task, fd int) error {
	n, err := strconv.Atoi(d.name)
	if err != nil {
		return &redirError{d: d, err: errAmbiguous}
	}
	if _, err := t.Dup2(n, fd); err != nil {
		return &redirError{d: d, err: err}
	}
	return nil
}

// openFlags are the flags to open d with in t, checked against set -C.
func (d *deferredOpen) openFlags(t *vfs.Task) (uint32, error) {
	if d.noclobber && d.flags&linux.O_TRUNC != 0 {
		return clobberFlags(t, d.name, d.flags)
	}
	return d.flags, nil
}

// redirError is a redirection that could not be opened, worded as bash
// reports it ("sh: line 3: /x/y: No such file or directory").
type redirError struct {
	d   *deferredOpen
	err error
}

func (e *redirError) Error() string { return e.d.name + ": " + applet.ErrText(e.err) }

// deferredOut is the interpreter's stand-in for an output redirection.
// Written to directly (by a builtin it was not settled for), it opens the
// file in the shell's task.
type deferredOut struct{ *deferredOpen }

func (w *deferredOut) Write(p []byte) (int, error) {
	f, err := w.resolve()
	if err != nil {
		return 0, err
	}
	return f.Write(p)
}

func (w *deferredOut) Read(p []byte) (int, error) {
	f, err := w.resolve()
	if err != nil {
		return 0, err
	}
	return f.Read(p)
}

// Close ends the redirection; one nobody took is opened first.
func (w *deferredOut) Close() error {
	if w.pending() {
		w.resolve()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file != nil {
		return w.file.Close()
	}
	return nil
}

// deferredOf is the deferred redirection behind a stream, nil if none.
func (s *shell) deferredOf(stream any) *deferredOpen {
	switch v := stream.(type) {
	case *deferredOut:
		return v.deferredOpen
	case *os.File:
		if st := s.ins.get(v); st != nil {
			return st.pending
		}
	}
	return nil
}

// runsProgram reports whether args will run as a program in a forked
// task: not a builtin, a function or one of linuxvfs's internal commands.
func (s *shell) runsProgram(p *proc, args []string) bool {
	name := args[0]
	if strings.HasPrefix(name, internal) || interp.IsBuiltin(name) || overridden[name] {
		return false
	}
	return !s.isFunc(p, name)
}

// isFunc reports whether name is a shell function for (sub)shell p: the
// functions a background job's clone was forked with, or the top-level
// interpreter's, which only its own goroutine (and pipeline parts it
// waits for) may read.
func (s *shell) isFunc(p *proc, name string) bool {
	for q := p; q != nil; q = q.parent {
		if q.funcs != nil {
			return q.funcs[name]
		}
	}
	return s.runner != nil && s.runner.Funcs[name] != nil
}

// funcsFor is the snapshot of functions a job forked from p starts with.
func (s *shell) funcsFor(p *proc) map[string]bool {
	out := map[string]bool{}
	for q := p; q != nil; q = q.parent {
		if q.funcs != nil {
			maps.Copy(out, q.funcs)
			return out
		}
	}
	if s.runner != nil {
		for name := range s.runner.Funcs {
			out[name] = true
		}
	}
	return out
}

// settleRedirs opens a builtin's or function's deferred redirections in
// the shell's task, in command-line order, before it runs. On a failure
// it reports it and returns the command to run instead (redirFailed).
func (s *shell) settleRedirs(hc interp.HandlerContext, args []string) []string {
	if s.runsProgram(s.procOf(hc), args) {
		return nil
	}
	if !s.openRedirsFirst(hc) {
		return s.redirFailed(args[0])
	}
	return nil
}

// openRedirsFirst is what the forked child of a command that cannot run
// does before execve fails: it opens the command's redirections, in
// command-line order. On a failure it reports it and returns false: the
// command's status is then the redirection's, and execve's error is
// never seen.
func (s *shell) openRedirsFirst(hc interp.HandlerContext) bool {
	var ds []*deferredOpen
	for _, stream := range []any{hc.Stdin, hc.Stdout, hc.Stderr} {
		if d := s.deferredOf(stream); d != nil && d.pending() {
			ds = append(ds, d)
		}
	}
	sortDeferred(ds)
	for _, d := range ds {
		if _, err := d.resolve(); err != nil {
			s.reportRedir(hc, &redirError{d: d, err: err})
			return false
		}
	}
	return true
}

func sortDeferred(ds []*deferredOpen) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].seq < ds[j-1].seq; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// reportRedir prints a builtin's redirection failure on the standard
// error in force: the command's own if a redirection before the failing
// one opened it, else the shell's.
func (s *shell) reportRedir(hc interp.HandlerContext, re *redirError) {
	var w io.Writer = hc.Stderr
	if d := s.deferredOf(hc.Stderr); d != nil {
		w = s.stderr
		if f, err := d.resolveIfBefore(re.d); err == nil && f != nil {
			w = f
		}
	} else if w == nil {
		w = s.stderr
	}
	s.printRedir(w, re)
}

// printRedir prints the report of a deferred redirection's failure on w.
func (s *shell) printRedir(w io.Writer, re *redirError) {
	switch {
	case re.d.quiet:
	case re.d.dup:
		fmt.Fprintf(w, "%s%s: %s\n", s.unitLinePrefix(uint(re.d.line), re.d.unit), re.d.name, applet.ErrText(re.err))
	default:
		fmt.Fprintln(w, s.redirMessage(re.d.line, re.d.unit, re.d.name, re.d.flags, re.err))
	}
}

// resolveIfBefore is d's file if d came before other and opened.
func (d *deferredOpen) resolveIfBefore(other *deferredOpen) (*applet.File, error) {
	if d.seq >= other.seq {
		return nil, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.file, d.err
}
