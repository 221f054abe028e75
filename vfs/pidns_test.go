// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"slices"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func mustFork(t *testing.T, p *vfs.Task) *vfs.Task {
	t.Helper()
	c, err := p.Fork(0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// unshare(CLONE_NEWPID) leaves the caller where it is; its first child is
// number 1 of the new namespace and has its numbers in both, the next
// child of either 2; the parent of 1 is outside (getppid 0).
func TestPidNamespaceNumbers(t *testing.T) {
	init := bootMounts(t)
	k := init.Kernel()
	a := mustFork(t, init)
	defer a.Exit()
	self := a.Getpid()
	if err := a.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	if a.Getpid() != self || a.PidNamespace() != k.InitPidNS() {
		t.Fatalf("the caller moved: pid %d", a.Getpid())
	}
	ns := a.PidNSForChildren()
	if ns.Level() != 1 || ns.Parent() != k.InitPidNS() {
		t.Fatalf("new namespace level %d", ns.Level())
	}
	c := mustFork(t, a)
	defer c.Exit()
	g := mustFork(t, c)
	defer g.Exit()
	if c.Getpid() != 1 || g.Getpid() != 2 {
		t.Errorf("pids %d %d, want 1 2", c.Getpid(), g.Getpid())
	}
	if got, want := c.NSPids(k.InitPidNS()), []int32{c.TID(), 1}; !slices.Equal(got, want) {
		t.Errorf("NSpid %v, want %v", got, want)
	}
	if c.PPID() != 0 || c.PPidIn(k.InitPidNS()) != a.TID() || g.PPID() != 1 {
		t.Errorf("ppids %d %d %d", c.PPID(), c.PPidIn(k.InitPidNS()), g.PPID())
	}
	if a.PidIn(ns) != 0 || ns.Task(1) != c || ns.Task(3) != nil {
		t.Error("the new namespace sees its parent's tasks")
	}
	if got := ns.Pids(); !slices.Equal(got, []int32{1, 2}) {
		t.Errorf("pids of the namespace %v", got)
	}
	if k.TaskByTID(g.TID()) != g || g.TID() == 2 {
		t.Errorf("global number %d", g.TID())
	}
}

// A second unshare(CLONE_NEWPID) before the children moved is EINVAL, as
// is one from a task whose children go to a namespace it joined.
func TestPidNamespaceUnshareTwice(t *testing.T) {
	init := bootMounts(t)
	a := mustFork(t, init)
	defer a.Exit()
	if err := a.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	if err := a.Unshare(linux.CLONE_NEWPID); err != linux.EINVAL {
		t.Fatalf("second unshare: %v, want EINVAL", err)
	}
	c := mustFork(t, a)
	defer c.Exit()
	if err := c.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatalf("the child of the namespace: %v", err)
	}
	if got := mustFork(t, c); got.NSPids(init.PidNamespace())[2] != 1 {
		t.Error("nested namespace's first task is not 1")
	} else {
		got.Exit()
	}
}

// When number 1 exits, the namespace takes no more tasks (fork: ENOMEM)
// and the tasks left in it are sent SIGKILL.
func TestPidNamespaceReaperExit(t *testing.T) {
	init := bootMounts(t)
	a := mustFork(t, init)
	defer a.Exit()
	if err := a.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	c := mustFork(t, a)
	g := mustFork(t, c)
	defer g.Exit()
	c.Exit()
	if _, err := a.Fork(0); err != linux.ENOMEM {
		t.Errorf("fork into a namespace without reaper: %v, want ENOMEM", err)
	}
	sigs := g.TakeSignals()
	if len(sigs) != 1 || sigs[0].Signo != linux.SIGKILL {
		t.Errorf("signals of the task left: %+v", sigs)
	}
	if g.PPID() != 0 {
		t.Errorf("orphan's ppid %d", g.PPID())
	}
	// Clone, for callers that cannot fail, still makes one.
	n := a.Clone(0)
	if n.Getpid() != 3 {
		t.Errorf("forced child pid %d, want 3", n.Getpid())
	}
	n.Exit()
}

// pid_for_children is ENOENT until the namespace has its reaper; setns
// into a pid namespace takes the caller's own or a descendant, which
// becomes the namespace of its children.
func TestPidNamespaceLinksAndSetns(t *testing.T) {
	init := bootMounts(t)
	a := mustFork(t, init)
	defer a.Exit()
	if got, _ := a.NamespaceLink("pid"); got != "pid:[4026531836]" {
		t.Errorf("initial pid namespace %q", got)
	}
	if err := a.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.NamespaceLink("pid_for_children"); err != linux.ENOENT {
		t.Errorf("pid_for_children before the first child: %v, want ENOENT", err)
	}
	c := mustFork(t, a)
	defer c.Exit()
	own, _ := c.NamespaceLink("pid")
	if got, err := a.NamespaceLink("pid_for_children"); got != own || err != nil {
		t.Errorf("pid_for_children %q %v, want %q", got, err, own)
	}
	// a joins its own namespace again: its children stay with it.
	ns := a.PidNSForChildren()
	if err := vfs.SetnsPid(a, a.PidNamespace()); err != nil {
		t.Fatalf("setns to the own namespace: %v", err)
	}
	if got := mustFork(t, a); got.PidNamespace() != init.PidNamespace() {
		t.Error("after setns to its own namespace the child went elsewhere")
	} else {
		got.Exit()
	}
	if err := vfs.SetnsPid(a, ns); err != nil {
		t.Fatalf("setns to a child namespace: %v", err)
	}
	if err := vfs.SetnsPid(c, init.PidNamespace()); err != linux.EINVAL {
		t.Errorf("setns to the parent namespace: %v, want EINVAL", err)
	}
	b := mustFork(t, init)
	defer b.Exit()
	if err := b.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	sib := mustFork(t, b)
	defer sib.Exit()
	if err := vfs.SetnsPid(c, sib.PidNamespace()); err != linux.EINVAL {
		t.Errorf("setns to a sibling namespace: %v, want EINVAL", err)
	}
	user := mustFork(t, a)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	if err := vfs.SetnsPid(user, user.PidNamespace()); err != linux.EPERM {
		t.Errorf("setns without CAP_SYS_ADMIN: %v, want EPERM", err)
	}
}

// Namespaces nest 32 deep below the initial one (MAX_PID_NS_LEVEL).
func TestPidNamespaceDepth(t *testing.T) {
	init := bootMounts(t)
	var tasks []*vfs.Task
	defer func() {
		for _, x := range slices.Backward(tasks) {
			x.Exit()
		}
	}()
	cur := init
	for i := 1; i <= 32; i++ {
		c, err := cur.Fork(linux.CLONE_NEWPID)
		if err != nil {
			t.Fatalf("level %d: %v", i, err)
		}
		tasks = append(tasks, c)
		cur = c
	}
	if cur.PidNamespace().Level() != 32 || cur.Getpid() != 1 || len(cur.NSPids(init.PidNamespace())) != 33 {
		t.Fatalf("level %d", cur.PidNamespace().Level())
	}
	if err := cur.Unshare(linux.CLONE_NEWPID); err != linux.ENOSPC {
		t.Errorf("level 33: %v, want ENOSPC", err)
	}
}
