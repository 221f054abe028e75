// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestStatmountWrapper builds a small tree with the Go calls and reads it
// back: listmount's IDs are statx's unique IDs, and a mount point longer
// than the wrapper's first buffer comes back whole.
func TestStatmountWrapper(t *testing.T) {
	task := newScKernel(t)
	name := strings.Repeat("d", 200)
	dir := ""
	for range 30 { // past PATH_MAX: made one level at a time
		dir += "/" + name
		if err := task.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := task.Chdir(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := task.Mount("src", ".", "tmpfs", linux.MS_RDONLY, "size=2m"); err != nil {
		t.Fatal(err)
	}
	var st vfs.Statx
	if err := task.StatxMask(linux.AT_FDCWD, "../"+name, 0, linux.STATX_MNT_ID_UNIQUE, &st); err != nil {
		t.Fatal(err)
	}
	if st.Mask&linux.STATX_MNT_ID_UNIQUE == 0 || st.Mask&linux.STATX_MNT_ID != 0 {
		t.Errorf("statx mask %#x: want STATX_MNT_ID_UNIQUE alone", st.Mask)
	}
	ids, err := task.Listmount(vfs.MntIDReq{MntID: linux.LSMT_ROOT}, 10, 0)
	if err != nil || len(ids) != 2 || ids[1] != st.MntID || ids[0] <= linux.MNT_UNIQUE_ID_OFFSET {
		t.Fatalf("listmount = %#x, %v; want the root and %#x", ids, err, st.MntID)
	}
	sm, err := task.Statmount(vfs.MntIDReq{MntID: st.MntID, Param: linux.STATMOUNT_SUPPORTED}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sm.MntPoint != dir || sm.MntParentID != ids[0] || sm.FsType != "tmpfs" || sm.SbSource != "src" ||
		sm.MntAttr&linux.MOUNT_ATTR_RDONLY == 0 || sm.SbFlags&linux.SB_RDONLY == 0 ||
		!slices.Equal(sm.OptArray, []string{"size=2048k"}) || sm.MntOpts != "size=2048k" {
		t.Errorf("statmount = %+v", sm)
	}
	if int(sm.Size) != linux.STATMOUNT_SIZE+len("\x00tmpfs\x00/\x00"+dir+"\x00size=2048k\x00size=2048k\x00src\x00") {
		t.Errorf("size %d", sm.Size)
	}
	if sm.MntNsID == 0 || sm.MntNsID != task.MountNamespace().ID() {
		t.Errorf("mnt_ns_id %d, namespace's %d", sm.MntNsID, task.MountNamespace().ID())
	}
}

// TestStatmountSmallBuffer: Linux writes the empty string area past a
// buffer smaller than the fixed part (size comes out as bufsize+1); a Go
// slice has nothing past its end, so that is EFAULT here, as it is on
// Linux for a NULL buffer.
func TestStatmountSmallBuffer(t *testing.T) {
	task := newScKernel(t)
	ids, err := task.Listmount(vfs.MntIDReq{MntID: linux.LSMT_ROOT}, 1, 0)
	if err != nil || len(ids) != 1 {
		t.Fatal(ids, err)
	}
	req := vfs.MntIDReq{MntID: ids[0], Param: linux.STATMOUNT_FS_SUBTYPE}.Bytes()
	if err := task.StatmountRaw(req, make([]byte, 100), 0); err != linux.EFAULT {
		t.Errorf("100-byte buffer: %v, want EFAULT", err)
	}
	buf := make([]byte, 600)
	if err := task.StatmountRaw(req, buf, 0); err != nil {
		t.Fatal(err)
	}
	if sm, _ := vfs.DecodeStatmount(buf); sm.Size != linux.STATMOUNT_SIZE+1 || sm.Mask != 0 {
		t.Errorf("600-byte buffer: size %d mask %#x, want 513 and 0", sm.Size, sm.Mask)
	}
}

// TestMntIDReqBytes: the request a Go caller builds is the C layout.
func TestMntIDReqBytes(t *testing.T) {
	b := vfs.MntIDReq{MntNsFd: 3, MntID: 0x1122334455667788, Param: 0x7f, MntNsID: 9}.Bytes()
	want := []byte{32, 0, 0, 0, 3, 0, 0, 0, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
		0x7f, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0}
	if !slices.Equal(b, want) {
		t.Errorf("bytes % x", b)
	}
	if b := (vfs.MntIDReq{Size: 24, MntNsID: 9}).Bytes(); len(b) != 24 || b[0] != 24 {
		t.Errorf("size 24: % x", b)
	}
}
