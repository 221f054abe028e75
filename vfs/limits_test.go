// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestMountMax: fs.mount-max bounds a namespace's mounts, counting every
// mount an operation would add (a whole rbind tree, every propagated copy)
// before it adds any (count_mounts); a refused operation adds nothing.
func TestMountMax(t *testing.T) {
	init := bootMounts(t)
	ns := init.MountNamespace()
	k := init.Kernel()
	for _, d := range []string{"/t", "/t/a", "/t/b", "/s", "/p", "/q"} {
		must(t, init.Mkdir(d, 0o755))
	}
	must(t, init.Mount("t", "/t", "tmpfs", 0, ""))
	must(t, init.Mkdir("/t/a", 0o755))
	must(t, init.Mount("a", "/t/a", "tmpfs", 0, ""))
	base := ns.NumMounts()
	k.SetMountMax(base + 2)

	// A two-mount tree fits in two slots, not in one.
	must(t, init.Mount("/t", "/s", "", linux.MS_BIND|linux.MS_REC, ""))
	if got := ns.NumMounts(); got != base+2 {
		t.Fatalf("rbind added %d mounts, want 2", got-base)
	}
	if err := init.Mount("x", "/p", "tmpfs", 0, ""); err != linux.ENOSPC {
		t.Fatalf("mount past fs.mount-max = %v, want ENOSPC", err)
	}
	k.SetMountMax(base + 3)
	if err := init.Mount("/t", "/q", "", linux.MS_BIND|linux.MS_REC, ""); err != linux.ENOSPC {
		t.Fatalf("rbind of 2 mounts into 1 slot = %v, want ENOSPC", err)
	}
	if got := ns.NumMounts(); got != base+2 {
		t.Fatalf("a refused rbind left %d mounts behind", got-base-2)
	}

	// Propagation: a mount under a shared /p with a peer on /q needs two.
	must(t, init.Mount("p", "/p", "tmpfs", 0, ""))
	must(t, init.Mount("", "/p", "", linux.MS_SHARED, ""))
	k.SetMountMax(base + 4)
	must(t, init.Mount("/p", "/q", "", linux.MS_BIND, ""))
	must(t, init.Mkdir("/p/x", 0o755))
	k.SetMountMax(base + 5)
	if err := init.Mount("y", "/p/x", "tmpfs", 0, ""); err != linux.ENOSPC {
		t.Fatalf("a mount whose copy has no room = %v, want ENOSPC", err)
	}
	k.SetMountMax(base + 6)
	must(t, init.Mount("y", "/p/x", "tmpfs", 0, ""))
	if _, err := init.Stat("/q/x/."); err != nil {
		t.Fatal(err)
	}
	if got := ns.NumMounts(); got != base+6 {
		t.Fatalf("%d mounts, want %d", got, base+6)
	}
}

// TestPropagationFailureGivesBack: when a copy for a receiver finds no
// room, the landing gives back everything it took: the copies already
// made (peers and slaves), the peer groups the new tree's mounts were
// given and the reservations; the table is as before, and the next
// shared mount and the next mount get the IDs they would have got.
func TestPropagationFailureGivesBack(t *testing.T) {
	init := bootMounts(t)
	ns := init.MountNamespace()
	k := init.Kernel()
	for _, d := range []string{"/p", "/q", "/r", "/src", "/n"} {
		must(t, init.Mkdir(d, 0o755))
	}
	must(t, init.Mount("p", "/p", "tmpfs", 0, ""))
	must(t, init.Mkdir("/p/x", 0o755))
	must(t, init.Mount("", "/p", "", linux.MS_SHARED, ""))
	must(t, init.Mount("/p", "/q", "", linux.MS_BIND, ""))
	must(t, init.Mount("/p", "/r", "", linux.MS_BIND, ""))
	must(t, init.Mount("", "/r", "", linux.MS_SLAVE, ""))
	must(t, init.Mount("src", "/src", "tmpfs", 0, ""))
	must(t, init.Mkdir("/src/in", 0o755))
	must(t, init.Mount("in", "/src/in", "tmpfs", 0, ""))
	before := init.Mountinfo()
	// An rbind of /src (two mounts) lands on /p and is copied onto /q
	// and /r: six mounts. Leave room for four.
	k.SetMountMax(ns.NumMounts() + 4)
	if err := init.Mount("/src", "/p/x", "", linux.MS_BIND|linux.MS_REC, ""); err != linux.ENOSPC {
		t.Fatalf("rbind with no room for its copies = %v, want ENOSPC", err)
	}
	// Moving /src there takes four for the copies; leave room for three.
	// The tree moved is no new one that its caller throws away: the
	// groups its mounts were given must go back here.
	k.SetMountMax(ns.NumMounts() + 3)
	if err := init.Mount("/src", "/p/x", "", linux.MS_MOVE, ""); err != linux.ENOSPC {
		t.Fatalf("move with no room for its copies = %v, want ENOSPC", err)
	}
	if after := init.Mountinfo(); after != before {
		t.Fatalf("a refused propagation changed the table:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	k.SetMountMax(1 << 20)
	must(t, init.Mount("n", "/n", "tmpfs", 0, ""))
	must(t, init.Mount("", "/n", "", linux.MS_SHARED, ""))
	// /p's group is 1; the new one must be 2, not past the groups the
	// failed tree was given.
	info := init.Mountinfo()
	if !strings.Contains(info, " / /n rw,relatime shared:2 - tmpfs n ") {
		t.Fatalf("the next shared mount did not get group 2:\n%s", info)
	}
	// Its mount ID is the lowest free one, the one after the table's
	// last before the attempt.
	lines := strings.Split(strings.TrimSpace(before), "\n")
	var lastID, nID int
	fmt.Sscanf(lines[len(lines)-1], "%d", &lastID)
	for _, l := range strings.Split(info, "\n") {
		if strings.Contains(l, " / /n ") {
			fmt.Sscanf(l, "%d", &nID)
		}
	}
	if nID != lastID+1 {
		t.Fatalf("the next mount got ID %d, want %d:\n%s", nID, lastID+1, info)
	}
}
