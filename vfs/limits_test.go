// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
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
