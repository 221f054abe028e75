// SPDX-License-Identifier: Apache-2.0

package tmpfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
)

// Since Linux 6.7 every tmpfs superblock has a random UUID and statfs
// reports it folded as f_fsid (checked on 6.18: two tmpfs mounts show
// different, non-zero fsids; a bind mount shows its source's).
func TestStatfsFsidFromUUID(t *testing.T) {
	init := testkernel.Boot(t, nil, "/a", "/b", "/c")
	for _, d := range []string{"/a", "/b"} {
		if err := init.Mount("t", d, "tmpfs", 0, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := init.Mount("/a", "/c", "", linux.MS_BIND, ""); err != nil {
		t.Fatal(err)
	}
	a, err := init.Statfs("/a")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := init.Statfs("/b")
	c, _ := init.Statfs("/c")
	if a.Fsid == [2]uint32{} || a.Fsid == b.Fsid || a.Fsid != c.Fsid {
		t.Errorf("fsids %x %x %x: want a non-zero one per superblock, shared by the bind", a.Fsid, b.Fsid, c.Fsid)
	}
}
