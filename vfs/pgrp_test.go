// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// init leads session and group 1; children inherit both; setsid makes a
// leader of a task that leads no group and refuses one that does;
// setpgid joins a group of the session or makes one, and refuses a
// session leader, another session and a child after execve (as on 6.18).
func TestSessionsAndGroups(t *testing.T) {
	init := bootMounts(t)
	a := mustFork(t, init)
	defer a.Exit()
	if pg, _ := a.Getpgid(0); pg != 1 || a.Getpgrp() != 1 {
		t.Fatalf("child's pgid %d", pg)
	}
	if sid, _ := a.Getsid(0); sid != 1 {
		t.Fatalf("child's sid %d", sid)
	}
	if _, err := init.Setsid(); err != linux.EPERM {
		t.Errorf("setsid of a group leader: %v", err)
	}
	sid, err := a.Setsid()
	if err != nil || sid != a.Getpid() || a.Getpgrp() != a.Getpid() {
		t.Fatalf("setsid: %d %v, pgrp %d", sid, err, a.Getpgrp())
	}
	if _, err := a.Setsid(); err != linux.EPERM {
		t.Errorf("second setsid: %v", err)
	}
	b := mustFork(t, a)
	defer b.Exit()
	c := mustFork(t, a)
	defer c.Exit()
	if err := a.Setpgid(b.Getpid(), 0); err != nil || b.Getpgrp() != b.Getpid() {
		t.Fatalf("setpgid(b, 0): %v, pgrp %d", err, b.Getpgrp())
	}
	if err := a.Setpgid(c.Getpid(), b.Getpid()); err != nil || c.Getpgrp() != b.Getpid() {
		t.Fatalf("joining b's group: %v, pgrp %d", err, c.Getpgrp())
	}
	for _, tc := range []struct {
		name    string
		pid, pg int32
		want    error
		caller  interface{ Setpgid(int32, int32) error }
	}{
		{"negative", 0, -1, linux.EINVAL, a},
		{"not a child", init.Getpid(), 0, linux.ESRCH, a},
		{"session leader", 0, 0, linux.EPERM, a},
		{"no such group", c.Getpid(), 99999, linux.EPERM, a},
		{"group of another session", 0, 1, linux.EPERM, b},
	} {
		if err := tc.caller.Setpgid(tc.pid, tc.pg); err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	c.Execve("/bin/true", []string{"true"}, nil)
	if err := a.Setpgid(c.Getpid(), 0); err != linux.EACCES {
		t.Errorf("child after execve: %v", err)
	}
	if _, err := init.Getpgid(99999); err != linux.ESRCH {
		t.Errorf("getpgid of nobody: %v", err)
	}
}

// A group's ID stays taken after its leader exits while a member lives
// (no task is found by the number), and kill of the group reaches the
// member; once the last member is gone, kill of the group is ESRCH.
func TestGroupOutlivesLeader(t *testing.T) {
	init := bootMounts(t)
	leader := mustFork(t, init)
	if _, err := leader.Setsid(); err != nil {
		t.Fatal(err)
	}
	member := mustFork(t, leader)
	id := leader.Getpid()
	leader.Exit()
	if got := init.PidNamespace().Task(id); got != nil {
		t.Fatalf("the exited leader is still found")
	}
	if pg := member.Getpgrp(); pg != id {
		t.Fatalf("member's pgrp %d, want %d", pg, id)
	}
	targets, err := init.KillProcesses(-id, 0)
	if err != nil || len(targets) != 0 {
		t.Fatalf("kill(-%d, 0): %v %v", id, targets, err)
	}
	targets, err = init.KillProcesses(-id, linux.SIGTERM)
	if err != nil || len(targets) != 1 || targets[0] != member {
		t.Fatalf("kill(-%d, TERM): %v %v", id, targets, err)
	}
	member.Exit()
	if _, err := init.KillProcesses(-id, linux.SIGTERM); err != linux.ESRCH {
		t.Errorf("kill of the empty group: %v", err)
	}
}
