// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// Process substitution. The interpreter runs <(cmd) and >(cmd) with a
// FIFO it makes on the host and gives the command that FIFO's host path,
// which no program of the virtual system can open. As bash hands a
// program /dev/fd/63, the call handler gives it /dev/fd/N: one end of a
// pipe of the virtual kernel on descriptor N of the shell's task (which
// the program inherits), the other end fed from or into the host FIFO by
// a task of its own. The descriptors close before the (sub)shell's next
// command.

// substOutMark begins the word of a >(cmd), which runs the other way.
const substOutMark = "\x01substout\x01"

// markSubstOut tags every >(cmd) so that the call handler knows its
// direction (the expanded word is just a path).
func markSubstOut(n syntax.Node) {
	targets := map[*syntax.Word]bool{} // a redirection opens the FIFO itself
	syntax.Walk(n, func(n syntax.Node) bool {
		if rd, ok := n.(*syntax.Redirect); ok {
			targets[rd.Word] = true
		}
		return true
	})
	syntax.Walk(n, func(n syntax.Node) bool {
		w, ok := n.(*syntax.Word)
		if !ok || len(w.Parts) != 1 || targets[w] {
			return true
		}
		if ps, ok := w.Parts[0].(*syntax.ProcSubst); ok && ps.Op == syntax.CmdOut {
			mark := &syntax.Lit{ValuePos: ps.Pos(), ValueEnd: ps.Pos(), Value: substOutMark}
			w.Parts = []syntax.WordPart{mark, ps}
		}
		return true
	})
}

// substArgs replaces the host FIFOs among args by /dev/fd/N; args is
// changed in place. The descriptors stay on the (sub)shell's task until
// a program started with them inherits them (spawn closes them there
// then); a builtin's stay open, as bash's do.
func (s *shell) substArgs(hc interp.HandlerContext, args []string) {
	var p *proc
	next := 63
	for i, a := range args {
		path, out := strings.CutPrefix(a, substOutMark)
		if i == 0 || !isProcSubstFifo(hc, path) {
			continue
		}
		if p == nil {
			p = s.procOf(hc)
			p.mu.Lock() // pipeline parts may share the task
			defer p.mu.Unlock()
		}
		fd, err := bridgeFifo(p.task, path, out, next)
		if err != nil {
			continue
		}
		args[i] = "/dev/fd/" + strconv.Itoa(fd)
		if p.substFds == nil {
			p.substFds = map[string]int{}
		}
		p.substFds[args[i]] = fd
		next = fd - 1
	}
}

// inheritSubst closes on p's task the substitutions' descriptors that
// argv names, once its program's task has them.
func (p *proc) inheritSubst(argv []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, a := range argv {
		if fd, ok := p.substFds[a]; ok {
			p.task.Close(fd)
			delete(p.substFds, a)
		}
	}
}

// bridgeFifo makes a pipe whose program-side end is on t at descriptor
// want (or the first free one below it) and whose other end a task of
// its own joins to the host FIFO at path: it reads the FIFO into the
// pipe, or for out the pipe into the FIFO.
func bridgeFifo(t *vfs.Task, path string, out bool, want int) (int, error) {
	helper := t.Clone(0)
	fds, err := helper.Pipe2(linux.O_CLOEXEC)
	if err != nil {
		helper.Exit()
		return -1, err
	}
	mine, theirs := fds[0], fds[1] // the program reads
	if out {
		mine, theirs = fds[1], fds[0]
	}
	fd, err := giveFd(helper, mine, t, want)
	helper.Close(mine)
	if err != nil {
		helper.Exit()
		return -1, err
	}
	go pumpFifo(helper, theirs, path, out)
	return fd, nil
}

// giveFd puts from's descriptor fd on t at want, or the highest free one
// below it.
func giveFd(from *vfs.Task, fd int, t *vfs.Task, want int) (int, error) {
	f, err := from.Fget(fd)
	if err != nil {
		return -1, err
	}
	defer f.DecRef()
	for ; want > 2; want-- {
		if _, err := t.Fcntl(want, linux.F_GETFD, 0); err == linux.EBADF {
			break
		}
	}
	tmp, err := t.InstallFile(f, false)
	if err != nil {
		return -1, err
	}
	if want <= 2 || tmp == want {
		return tmp, nil
	}
	_, err = t.Dup2(tmp, want)
	t.Close(tmp)
	return want, err
}

// pumpFifo copies between the host FIFO and helper's pipe end fd until
// one side ends, then ends helper. What the program does not read is
// still drained from the FIFO, so that the interpreter's writer ends.
func pumpFifo(helper *vfs.Task, fd int, path string, out bool) {
	defer helper.Exit()
	end := &applet.File{Task: helper, Fd: fd}
	if out {
		host, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer host.Close()
		io.Copy(host, end)
		return
	}
	host, err := os.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return
	}
	defer host.Close()
	if _, err := io.Copy(end, host); err != nil {
		io.Copy(io.Discard, host)
	}
}
