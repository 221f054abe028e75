// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"mvdan.cc/sh/v3/syntax"
)

// The interpreter knows descriptors 0 to 2 only, so a simple command's
// redirections of higher descriptors (readlink /proc/self/fd/3 3<FILE)
// are done on the shell's task around it, as bash does for a builtin
// (and a forked program inherits them):
//
//	{ FDPUSH 3; FDREDIR 3 < FILE && CMD; FDPOP $?; }
//
// FDPUSH keeps what the descriptors were, FDREDIR applies the
// redirections (a failure skips the command, status 1), FDPOP puts the
// descriptors back and ends with the command's status.

const (
	fdpushCmd = internal + "fdpush"
	fdpopCmd  = internal + "fdpop"
)

// rewriteCmdFds rewrites st if it is a simple command with redirections
// of descriptors above 2.
func rewriteCmdFds(st *syntax.Stmt) {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 || call.Args[0].Lit() == "exec" {
		return
	}
	var high, low []*syntax.Redirect
	for _, rd := range st.Redirs {
		if n, err := strconv.Atoi(litValue(rd.N)); err == nil && n > 2 && rd.Hdoc == nil {
			high = append(high, rd)
		} else {
			low = append(low, rd)
		}
	}
	if len(high) == 0 {
		return
	}
	pos := st.Pos()
	lit := func(s string) *syntax.Word {
		return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: s}}}
	}
	push := &syntax.CallExpr{Args: []*syntax.Word{lit(fdpushCmd)}}
	redir := &syntax.CallExpr{Args: []*syntax.Word{lit(fdredirCmd)}}
	for _, rd := range high {
		push.Args = append(push.Args, lit(rd.N.Value))
		redir.Args = append(redir.Args, lit(rd.N.Value), lit(rd.Op.String()), rd.Word)
	}
	status := &syntax.Word{Parts: []syntax.WordPart{&syntax.ParamExp{Dollar: pos, Short: true,
		Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "?"}}}}
	pop := &syntax.CallExpr{Args: []*syntax.Word{lit(fdpopCmd), status}}
	inner := &syntax.Stmt{Position: pos, Cmd: call, Redirs: low}
	and := &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt,
		X: &syntax.Stmt{Position: pos, Cmd: redir}, Y: inner}
	st.Cmd = &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{
		{Position: pos, Cmd: push}, {Position: pos, Cmd: and}, {Position: pos, Cmd: pop}}}
	st.Redirs = nil
}

// savedFd is a descriptor FDPUSH kept: a close-on-exec copy, or -1 if it
// was closed.
type savedFd struct{ fd, copy int }

// fdStacks are the saved descriptors of each task's shell, innermost last.
type fdStacks struct {
	mu sync.Mutex
	m  map[*proc][][]savedFd
}

func fdpushApplet(c *cmd) int {
	p := c.sh.procOf(c.hc)
	var saved []savedFd
	for _, a := range c.Args {
		n, _ := strconv.Atoi(a)
		cp, err := c.Task.Fcntl(n, linux.F_DUPFD_CLOEXEC, uint64(shellFdFloor(c.Task)))
		if err != nil {
			cp = -1
		}
		saved = append(saved, savedFd{n, cp})
	}
	st := &c.sh.fdSaves
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.m == nil {
		st.m = map[*proc][][]savedFd{}
	}
	st.m[p] = append(st.m[p], saved)
	return 0
}

func fdpopApplet(c *cmd) int {
	p := c.sh.procOf(c.hc)
	st := &c.sh.fdSaves
	st.mu.Lock()
	stack := st.m[p]
	var saved []savedFd
	if len(stack) > 0 {
		saved, st.m[p] = stack[len(stack)-1], stack[:len(stack)-1]
	}
	st.mu.Unlock()
	for i := len(saved) - 1; i >= 0; i-- {
		s := saved[i]
		if s.copy < 0 {
			c.Task.Close(s.fd)
			continue
		}
		c.Task.Dup2(s.copy, s.fd)
		c.Task.Close(s.copy)
	}
	n, _ := strconv.Atoi(c.Args[0])
	return n
}
