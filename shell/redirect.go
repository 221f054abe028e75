// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/syntax"
)

// The interpreter opens redirections by name only and knows descriptors
// 0 to 2 alone. prepare rewrites a parsed program so that bash's forms
// still work and fail like bash:
//
//   - every file redirection's target gets a marker prefix carrying its
//     line (the open handler is not told where it is), so that a failure
//     reads "sh: line 5: /mnt/g: Read-only file system";
//   - <> and >| become < and > with the marker saying how to open
//     (>| also under set -C, noclobber.go);
//   - <&N and >&N for N > 2 become < and > of the marker "fd" kind,
//     which the open handler serves with a dup of the task's descriptor N
//     (deferred for a simple command as a file is);
//   - exec with only redirections of descriptors above 2 (exec 3<f,
//     exec 4>&-) becomes the internal fdredir command, which opens, dups
//     and closes the task's own descriptors: shell descriptor N is task
//     descriptor N, as in a real shell process.

// markerStart begins a marked redirection target: "\x01LINE:KIND\x01NAME"
// (not NUL, which expansion deletes).
const markerStart = "\x01"

// Marker kinds.
const (
	markFile    = ""     // open NAME with the interpreter's flags
	markRW      = "rw"   // <>: open NAME read-write, creating it
	markDupFd   = "fd"   // NAME is a descriptor number to duplicate
	markDupErr  = "fd2"  // markDupFd onto the standard error
	markClobber = "clob" // >|: truncate NAME even under set -C
	fdredirCmd  = internal + "fdredir"
)

// prepare rewrites the special parameters $$, $PPID (pids.go) and $!,
// the background jobs (jobs.go), the subshells (subshell.go) and the
// redirections of a program or statement; jobTexts are the jobs as jobs
// prints them (jobTexts).
func prepare(n syntax.Node, jobTexts map[*syntax.Stmt]string) {
	rewritePids(n)
	rewriteLastJob(n)
	isolateJobs(n)
	rewriteJobs(n, jobTexts)
	rewriteSubshells(n)
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok {
			st.Redirs = slices.DeleteFunc(st.Redirs, devFdRedirect)
			rewriteExecFds(st)
			rewriteCmdFds(st)
			// A simple command's file redirections are opened where it
			// runs (deferred.go).
			call, ok := st.Cmd.(*syntax.CallExpr)
			deferrable := ok && len(call.Args) > 0 || redirChecked(st)
			for _, rd := range st.Redirs {
				markRedirect(rd, deferrable)
			}
		}
		return true
	})
}

// devFdRedirect makes a redirection to /dev/stdin, /dev/stdout,
// /dev/stderr or /dev/fd/N a duplication of that descriptor, as bash
// does itself and a system's links into /proc/self/fd do for dash: the
// interpreter's standard streams need not be the task's descriptors. It
// reports whether the redirection does nothing at all (< /dev/stdin).
func devFdRedirect(rd *syntax.Redirect) (drop bool) {
	fd := ""
	switch name := rd.Word.Lit(); {
	case name == "/dev/stdin":
		fd = "0"
	case name == "/dev/stdout":
		fd = "1"
	case name == "/dev/stderr":
		fd = "2"
	case strings.HasPrefix(name, "/dev/fd/") && isDigits(name[len("/dev/fd/"):]):
		fd = name[len("/dev/fd/"):]
	default:
		return false
	}
	target := litValue(rd.N)
	switch rd.Op {
	case syntax.RdrIn:
		rd.Op = syntax.DplIn
		if target == "" {
			target = "0"
		}
	case syntax.RdrOut, syntax.AppOut, syntax.RdrClob:
		rd.Op = syntax.DplOut
		if target == "" {
			target = "1"
		}
	default:
		return false
	}
	if target == fd {
		return true
	}
	pos := rd.Word.Pos()
	rd.Word = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: fd}}}
	return false
}

// markRedirect prefixes a redirection's target with its marker.
func markRedirect(rd *syntax.Redirect, deferrable bool) {
	kind := markFile
	switch rd.Op {
	case syntax.RdrOut, syntax.AppOut, syntax.RdrIn, syntax.RdrAll, syntax.AppAll:
	case syntax.RdrClob:
		rd.Op, kind = syntax.RdrOut, markClobber
	case syntax.RdrInOut:
		// The interpreter opens every '<' as standard input; 1<> and 2<>
		// go through '>', whose target it puts on that descriptor (the
		// marker makes open use O_RDWR|O_CREAT, without O_TRUNC).
		rd.Op, kind = syntax.RdrIn, markRW
		if n := litValue(rd.N); n == "1" || n == "2" {
			rd.Op = syntax.RdrOut
		}
	case syntax.DplIn, syntax.DplOut:
		if lit := rd.Word.Lit(); lit == "-" || lit == "0" || lit == "1" || lit == "2" {
			return // the interpreter's own cases
		}
		kind = markDupFd
		if litValue(rd.N) == "2" {
			kind = markDupErr
		}
		if rd.Op == syntax.DplIn {
			rd.Op = syntax.RdrIn
		} else {
			rd.Op = syntax.RdrOut
		}
	default:
		return
	}
	if deferrable {
		kind = markDeferred + kind
	}
	m := &syntax.Lit{ValuePos: rd.Word.Pos(), ValueEnd: rd.Word.Pos(),
		Value: markerStart + strconv.Itoa(int(rd.Pos().Line())) + ":" + kind + markerStart}
	rd.Word.Parts = append([]syntax.WordPart{m}, rd.Word.Parts...)
}

// unmark splits an opened name into its line, kind and real name; names
// the interpreter opens on its own (".", source) have no marker.
func unmark(name string) (line int, kind, rest string) {
	if !strings.HasPrefix(name, markerStart) {
		return 0, markFile, name
	}
	head, rest, ok := strings.Cut(name[1:], markerStart)
	if !ok {
		return 0, markFile, name
	}
	l, kind, _ := strings.Cut(head, ":")
	line, _ = strconv.Atoi(l)
	return line, kind, rest
}

// rewriteExecFds turns `exec N<file M>&-` with every N above 2 into the
// internal fdredir command with (N, operator, target) triples. An exec
// that also redirects 0 to 2 (exec 3<&0 <file) becomes, in the order its
// redirections are made, fdredir for each run of those above 2 and a
// plain exec for each run of the others, joined by &&.
func rewriteExecFds(st *syntax.Stmt) {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) != 1 || len(call.Assigns) > 0 || call.Args[0].Lit() != "exec" || !slices.ContainsFunc(st.Redirs, highRedirect) {
		return
	}
	pos := call.Args[0].Pos()
	var parts []*syntax.Stmt
	for rest := st.Redirs; len(rest) > 0; {
		high := highRedirect(rest[0])
		n := 1
		for n < len(rest) && highRedirect(rest[n]) == high {
			n++
		}
		part := &syntax.Stmt{Position: pos, Cmd: &syntax.CallExpr{Args: call.Args}, Redirs: rest[:n]}
		if high {
			part = fdredirStmt(pos, rest[:n])
		}
		parts = append(parts, part)
		rest = rest[n:]
	}
	if len(parts) == 1 {
		st.Cmd, st.Redirs = parts[0].Cmd, nil
		return
	}
	chain := parts[0]
	for _, p := range parts[1:] {
		chain = &syntax.Stmt{Position: pos, Cmd: &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt, X: chain, Y: p}}
	}
	st.Cmd = &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{chain}}
	st.Redirs = nil
}

// highRedirect reports whether rd redirects a descriptor above 2, which
// the interpreter does not know.
func highRedirect(rd *syntax.Redirect) bool {
	n, err := strconv.Atoi(litValue(rd.N))
	return err == nil && n > 2 && rd.Hdoc == nil
}

// fdredirStmt is FDREDIR with the (N, operator, target) triples of rds.
func fdredirStmt(pos syntax.Pos, rds []*syntax.Redirect) *syntax.Stmt {
	lit := func(s string) *syntax.Word {
		return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: s}}}
	}
	args := []*syntax.Word{lit(fdredirCmd)}
	for _, rd := range rds {
		args = append(args, lit(rd.N.Value), lit(rd.Op.String()), rd.Word)
	}
	return &syntax.Stmt{Position: pos, Cmd: &syntax.CallExpr{Args: args}}
}

func litValue(l *syntax.Lit) string {
	if l == nil {
		return ""
	}
	return l.Value
}

// fdredirApplet applies exec's redirections of descriptors above 2 to the
// task's descriptor table: open and move into place, duplicate, or close.
func fdredirApplet(c *cmd) int {
	for i := 0; i+2 < len(c.Args); i += 3 {
		n, _ := strconv.Atoi(c.Args[i])
		if err := c.fdredir(n, c.Args[i+1], c.Args[i+2]); err != nil {
			c.Out.Flush()
			fmt.Fprintf(c.Errw, "%s%s\n", c.sh.linePrefix(c.hc.Pos.Line()), err)
			return c.sh.redirStatus()
		}
	}
	return 0
}

// fdredir performs one redirection; the error is worded as bash's.
func (c *cmd) fdredir(n int, op, target string) error {
	if op == "<&" || op == ">&" {
		if target == "-" {
			c.Task.Close(n) // closing a closed descriptor is no error
			return nil
		}
		m, err := strconv.Atoi(target)
		if err != nil {
			return fmt.Errorf("%s: ambiguous redirect", target)
		}
		if m >= 0 && m <= 2 {
			if err := c.dupStd(m, n); err != nil {
				return fmt.Errorf("%d: %s", m, applet.ErrText(err))
			}
			return nil
		}
		if _, err := c.Task.Dup2(m, n); err != nil {
			return fmt.Errorf("%d: %s", m, applet.ErrText(err))
		}
		return nil
	}
	flags := map[string]uint32{"<": linux.O_RDONLY, ">": linux.O_WRONLY | linux.O_CREAT | linux.O_TRUNC,
		">|": linux.O_WRONLY | linux.O_CREAT | linux.O_TRUNC, ">>": linux.O_WRONLY | linux.O_CREAT | linux.O_APPEND,
		"<>": linux.O_RDWR | linux.O_CREAT}[op]
	open, err := flags, error(nil)
	if op == ">" && noclobber(c.hc.Env) {
		open, err = clobberFlags(c.Task, target, flags)
	}
	fd := -1
	if err == nil {
		fd, err = c.Task.OpenatFrom(applet.AtCWD, target, open, 0o666, shellFdFloor(c.Task))
	}
	if err != nil {
		lead, text := c.sh.redirText(target, flags, err)
		return fmt.Errorf("%s%s: %s", lead, target, text)
	}
	if fd != n {
		_, err = c.Task.Dup2(fd, n)
		c.Task.Close(fd)
	}
	if err != nil {
		return fmt.Errorf("%d: %s", n, applet.ErrText(err))
	}
	return nil
}

// dupStd makes descriptor n a copy of the shell's standard stream m
// (exec 3<&0): the interpreter keeps 0 to 2 as streams of its own (a
// pipeline's pipe, a redirection), which the task's descriptors 0 to 2
// need not be, so the file behind the stream is put at n.
func (c *cmd) dupStd(m, n int) error {
	p := c.sh.procOf(c.hc)
	switch m {
	case 0:
		return c.sh.attachIn(c.Task, n, c.hc.Stdin)
	case 1:
		return c.sh.attachOut(p, c.Task, n, c.hc.Stdout, nil)
	}
	return c.sh.attachOut(p, c.Task, n, c.hc.Stderr, nil)
}

// errAmbiguous is bash's word for a redirection target it cannot use.
var errAmbiguous = errors.New("ambiguous redirect")

// openDupFd serves <&N and >&N: a duplicate of the task's descriptor N,
// sharing its offset, closed with the redirection.
func (p *proc) openDupFd(name string) (*applet.File, error) {
	n, err := strconv.Atoi(name)
	if err != nil {
		return nil, errAmbiguous
	}
	fd, err := p.task.Fcntl(n, linux.F_DUPFD_CLOEXEC, uint64(shellFdFloor(p.task)))
	if err != nil {
		return nil, err
	}
	return &applet.File{Task: p.task, Fd: fd}, nil
}

// shellFdBase is where the descriptors the shell holds for itself start,
// as bash keeps its saved ones at 10 and above: below, they would take
// the numbers a script's exec N<FILE means (and a redirection's end would
// close what exec put there).
const shellFdBase = 10

// shellFdFloor is where t's own descriptors start: shellFdBase, or 3
// when RLIMIT_NOFILE leaves no descriptor there (bash's move_to_high_fd
// then keeps the low one it had).
func shellFdFloor(t *vfs.Task) int {
	if r, _ := t.Getrlimit(linux.RLIMIT_NOFILE); r.Cur <= shellFdBase {
		return 3
	}
	return shellFdBase
}

// openShellFile opens name in t as a descriptor of the shell's own,
// close-on-exec, at shellFdBase or above.
func openShellFile(t *vfs.Task, name string, flags, mode uint32) (*applet.File, error) {
	fd, err := t.OpenatFrom(applet.AtCWD, name, flags|linux.O_CLOEXEC, mode, shellFdFloor(t))
	if err != nil {
		return nil, err
	}
	return &applet.File{Task: t, Fd: fd}, nil
}
