// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// findExec is one -exec, -execdir, -ok or -okdir.
type findExec struct {
	name  string
	argv  []string // with "{}" where the file names go
	batch bool     // the "{} +" form
	inDir bool     // -execdir, -okdir
	ask   bool     // -ok, -okdir
	// pending are the names of a batch not yet run, and pendDir the
	// directory they are relative to (-execdir).
	pending []string
	pendDir string
	pendFd  int
	size    int
}

// findBatchMax bounds a batch's argument bytes, well below ARG_MAX.
const findBatchMax = 128 * 1024

// parseExec parses the command of -exec and its kin, up to ";" or "{} +".
func (p *findParser) parseExec(name string) (findExpr, error) {
	x := &findExec{name: name, inDir: strings.HasSuffix(name, "dir"), ask: strings.HasPrefix(name, "-ok")}
	start := p.pos
	end := -1
	for i := start; i < len(p.toks); i++ {
		t := p.toks[i]
		if t == ";" {
			end = i
			break
		}
		if t == "+" && i > start && !x.ask {
			prev := p.toks[i-1]
			if prev == "{}" {
				x.batch, end = true, i
				break
			}
			if strings.Contains(prev, "{}") {
				return nil, findErrf("In '%s ... {} +' the '{}' must appear by itself, but you specified %s", name, applet.QuoteArg(prev))
			}
		}
	}
	if end < 0 {
		return nil, findErrf("missing argument to `%s'", name)
	}
	if end == start {
		return nil, findErrf("invalid argument `%s' to `%s'", p.toks[end], name)
	}
	x.argv = append([]string(nil), p.toks[start:end]...)
	p.pos = end + 1
	if x.batch {
		n := 0
		for _, a := range x.argv {
			if strings.Contains(a, "{}") {
				n++
			}
		}
		if n > 1 {
			return nil, findErrf("Only one instance of {} is supported with %s ... +", name)
		}
		x.argv = x.argv[:len(x.argv)-1]
		p.f.execs = append(p.f.execs, x)
	}
	f := p.f
	return findTest(func(e *findEntry) bool { return x.run(f, e) }), nil
}

// run is the primary for one file: a batch collects it, the ";" form
// runs the command and is true when it exits 0.
func (x *findExec) run(f *finder, e *findEntry) bool {
	dir, name := "", e.path
	dirfd := applet.AtCWD
	if x.inDir {
		dir, name = execDir(e)
		if dir == "" {
			dirfd = e.dirfd
		}
	}
	if x.batch {
		if len(x.pending) > 0 && (x.size+len(name)+1 > findBatchMax || (x.inDir && (dir != x.pendDir || dirfd != x.pendFd))) {
			x.flush(f)
		}
		x.pending = append(x.pending, name)
		x.pendDir, x.pendFd = dir, dirfd
		x.size += len(name) + 1
		return true
	}
	argv := make([]string, len(x.argv))
	for i, a := range x.argv {
		argv[i] = strings.ReplaceAll(a, "{}", name)
	}
	if x.ask && !f.confirm(argv, e.path) {
		return false
	}
	return f.spawn(argv, dir, dirfd, x.ask) == 0
}

// flush runs a batch's command with the names collected; a failure makes
// find's status 1.
func (x *findExec) flush(f *finder) {
	if len(x.pending) == 0 {
		return
	}
	var argv []string
	for _, a := range x.argv {
		argv = append(argv, a)
	}
	argv = append(argv, x.pending...)
	dir, dirfd := x.pendDir, x.pendFd
	x.pending, x.size = nil, 0
	if f.spawn(argv, dir, dirfd, false) != 0 {
		f.status = 1
	}
}

// confirm is -ok's question on standard error; a "y" answer runs it.
func (f *finder) confirm(argv []string, name string) bool {
	f.c.Out.Flush()
	fmt.Fprintf(f.c.Errw, "< %s ... %s > ? ", argv[0], name)
	if f.okInput == nil {
		f.okInput = bufio.NewReader(f.c.Stdin)
	}
	line, err := f.okInput.ReadString('\n')
	if err != nil && line == "" {
		return false
	}
	return line[0] == 'y' || line[0] == 'Y'
}

// spawn runs argv in a child, in dir (or the directory dirfd) when set,
// and returns its exit status.
func (f *finder) spawn(argv []string, dir string, dirfd int, nullIn bool) int {
	c := f.c
	t := c.Task.Clone(0)
	defer t.Exit()
	var err error
	switch {
	case dir != "":
		err = t.Chdir(dir)
	case dirfd != applet.AtCWD:
		err = t.Fchdir(dirfd)
	}
	if err != nil {
		f.fail(dir, err)
		return 1
	}
	name, err := c.FindProgram(t, argv[0], c.Env)
	if err != nil {
		c.Errorf("%s: %s", c.QuoteArg(argv[0]), applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return 127
		}
		return 126
	}
	var stdin io.Reader = c.Stdin
	if nullIn || f.okInput != nil {
		stdin = strings.NewReader("")
	}
	return c.RunProgram(t, name, argv, c.Env, stdin)
}
