// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
	"weak"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// The order of a pipeline's processes. A shell forks a pipeline's
// commands left to right, each a few microseconds after the one before,
// and a program needs far longer than that to get going: in
// `ps -o pid,comm | cat` ps has the lower pid and lists cat. The
// interpreter runs every part but the last in a goroutine of its own,
// started in whatever order the scheduler likes, and a program here runs
// the moment its task exists. So the simple commands of a pipeline that
// are next to another simple command carry pipeSideVar, which says
// which of their standard streams is the pipe to such a neighbour ("l":
// standard input, from the left one; "r": standard output, to the right
// one), and a part that runs a program
//
//   - waits, before its fork, for the part on its left to be forked (the
//     process IDs come out left to right);
//   - after it, for the parts on its right to be forked, before its
//     program runs (they all exist when ps reads /proc).
//
// A builtin counts as forked once its call is made. Parts find each
// other by the pipe between them: both ends are one inode. Every wait
// ends pipeStartWait after the first of the two parts arrived, as a
// shell's children would go on without a neighbour that is stuck.

// pipeSideVar marks a pipeline part's pipes to its simple neighbours.
const pipeSideVar = "LINUXVFS_PIPESIDE"

const pipeStartWait = 100 * time.Millisecond

// markPipeSides gives the simple commands of every pipeline under n their
// pipeSideVar assignment.
func markPipeSides(n syntax.Node) {
	done := map[*syntax.BinaryCmd]bool{}
	syntax.Walk(n, func(n syntax.Node) bool {
		b, ok := n.(*syntax.BinaryCmd)
		if !ok || !isPipe(b) || done[b] {
			return true
		}
		parts := pipeParts(b, done)
		simple := make([]bool, len(parts))
		for i, part := range parts {
			c, ok := part.Cmd.(*syntax.CallExpr)
			simple[i] = ok && len(c.Args) > 0
		}
		for i, part := range parts {
			side := ""
			if i > 0 && simple[i-1] {
				side += "l"
			}
			if i+1 < len(parts) && simple[i+1] {
				side += "r"
			}
			if simple[i] && side != "" {
				c := part.Cmd.(*syntax.CallExpr)
				pos := part.Pos()
				a := &syntax.Assign{Name: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: pipeSideVar}, Value: litWord(pos, side)}
				c.Assigns = append([]*syntax.Assign{a}, c.Assigns...)
			}
		}
		return true
	})
}

// pipeLink is what the two parts on either side of one pipe know of
// each other. The ends are weak: a link must not keep a pipe alive.
type pipeLink struct {
	w, r         weak.Pointer[os.File]
	born         time.Time
	writerUp     chan struct{} // the writing part is forked
	readerUp     chan struct{} // the reading part and all right of it are
	wOnce, rOnce sync.Once
}

type pipeLinks struct {
	mu sync.Mutex
	m  map[uint64]*pipeLink // by the pipe's inode
}

// link is the link of the pipe f is one end of (the writing end if
// writer), nil if f is no pipe. An inode number is used again once a
// pipe is gone: a link that knows another file for that end is an old
// one, replaced.
func (ls *pipeLinks) link(f *os.File, writer bool) *pipeLink {
	ino, ok := pipeInode(f)
	if !ok {
		return nil
	}
	end := weak.Make(f)
	ls.mu.Lock()
	defer ls.mu.Unlock()
	l := ls.m[ino]
	if l != nil {
		if mine := l.end(writer); *mine != (weak.Pointer[os.File]{}) && *mine != end {
			l = nil
		}
	}
	if l == nil {
		l = &pipeLink{born: time.Now(), writerUp: make(chan struct{}), readerUp: make(chan struct{})}
		if ls.m == nil {
			ls.m = map[uint64]*pipeLink{}
		}
		ls.m[ino] = l
	}
	if mine := l.end(writer); *mine == (weak.Pointer[os.File]{}) {
		*mine = end
		runtime.AddCleanup(f, ls.drop, linkKey{ino, l})
	}
	return l
}

func (l *pipeLink) end(writer bool) *weak.Pointer[os.File] {
	if writer {
		return &l.w
	}
	return &l.r
}

type linkKey struct {
	ino uint64
	l   *pipeLink
}

// drop forgets a link once one of its files is gone.
func (ls *pipeLinks) drop(k linkKey) {
	ls.mu.Lock()
	if ls.m[k.ino] == k.l {
		delete(ls.m, k.ino)
	}
	ls.mu.Unlock()
}

// pipeInode is the inode of the pipe f, without putting f in blocking
// mode as File.Fd would.
func pipeInode(f *os.File) (uint64, bool) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, false
	}
	var st unix.Stat_t
	serr := rc.Control(func(fd uintptr) { err = unix.Fstat(int(fd), &st) })
	if serr != nil || err != nil || st.Mode&unix.S_IFMT != unix.S_IFIFO {
		return 0, false
	}
	return st.Ino, true
}

// awaitWriter waits for the writing part's fork, awaitReaders for the
// reading part's and those right of it.
func (l *pipeLink) awaitWriter() {
	if l != nil {
		l.wait(l.writerUp)
	}
}

func (l *pipeLink) awaitReaders() {
	if l != nil {
		l.wait(l.readerUp)
	}
}

// wait waits for c, at most pipeStartWait after the link was made.
func (l *pipeLink) wait(c chan struct{}) { waitUntil(c, l.born.Add(pipeStartWait)) }

func (l *pipeLink) writerForked() {
	if l != nil {
		l.wOnce.Do(func() { close(l.writerUp) })
	}
}

func (l *pipeLink) readerForked() {
	if l != nil {
		l.rOnce.Do(func() { close(l.readerUp) })
	}
}

// pipeSides are a pipeline part's links: in from its left neighbour, out
// to its right one; nil where it has none.
type pipeSides struct{ in, out *pipeLink }

// pipeSidesOf finds the links of the command hc runs, from pipeSideVar.
func (s *shell) pipeSidesOf(hc interp.HandlerContext) pipeSides {
	v := hc.Env.Get(pipeSideVar)
	if !v.IsSet() {
		return pipeSides{}
	}
	var ps pipeSides
	side := v.String()
	if f, ok := hc.Stdin.(*os.File); ok && strings.Contains(side, "l") {
		ps.in = s.pipeParts.link(f, false)
	}
	if f, ok := hc.Stdout.(*os.File); ok && strings.Contains(side, "r") {
		ps.out = s.pipeParts.link(f, true)
	}
	return ps
}

// beforeFork waits for the left neighbour's fork.
func (ps pipeSides) beforeFork() { ps.in.awaitWriter() }

// forked tells the left neighbour once the right ones are forked too,
// and the right one at once. A program's part calls it after its fork,
// before its program runs.
func (ps pipeSides) forked() {
	ps.out.writerForked()
	ps.out.awaitReaders()
	ps.in.readerForked()
}

// builtinCalled is forked for a builtin: it waits for nobody.
func (ps pipeSides) builtinCalled() {
	ps.out.writerForked()
	ps.in.readerForked()
}

type pipeSidesKey struct{}

// withPipeSides keeps a part's links in ctx for runProgram.
func withPipeSides(ctx context.Context, ps pipeSides) context.Context {
	if ps == (pipeSides{}) {
		return ctx
	}
	return context.WithValue(ctx, pipeSidesKey{}, ps)
}

func pipeSidesFrom(ctx context.Context) pipeSides {
	ps, _ := ctx.Value(pipeSidesKey{}).(pipeSides)
	return ps
}
