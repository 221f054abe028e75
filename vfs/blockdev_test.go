// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// memDisk is a disk held in memory.
type memDisk struct {
	b  []byte
	ro bool
}

func (d *memDisk) ReadAt(p []byte, off int64) (int, error)  { return copy(p, d.b[off:]), nil }
func (d *memDisk) WriteAt(p []byte, off int64) (int, error) { return copy(d.b[off:], p), nil }
func (d *memDisk) Size() int64                              { return int64(len(d.b)) }
func (d *memDisk) ReadOnly() bool                           { return d.ro }
func (d *memDisk) Name() string                             { return "mem0" }

// blkType is a block filesystem for the tests: its disks start with
// "BLK!"; named by name, so that two types can claim one disk.
type blkType struct{ name string }

func (t blkType) Name() string         { return t.name }
func (blkType) Flags() vfs.FSTypeFlags { return vfs.FS_REQUIRES_DEV }
func (t blkType) InitFsContext(fc *vfs.FsContext) error {
	fc.Ops = blkOps{}
	return nil
}

type blkOps struct{}

func (blkOps) ParseParam(*vfs.FsContext, *vfs.FsParameter) error { return vfs.ENOPARAM }
func (blkOps) Reconfigure(*vfs.FsContext) error                  { return nil }
func (blkOps) GetTree(fc *vfs.FsContext) error                   { return fc.GetTreeBdev(blkFill) }

func blkFill(sb *vfs.Superblock, disk vfs.Disk, fc *vfs.FsContext) error {
	magic := make([]byte, 4)
	if _, err := disk.ReadAt(magic, 0); err != nil || !bytes.Equal(magic, []byte("BLK!")) {
		return fc.Errorf("no filesystem on %s", fc.Source)
	}
	sb.Ops = blkSuper{}
	fs := &libfs.FS{NextIno: fc.Kernel.GetNextIno}
	root, err := fs.NewRoot(sb, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o755})
	if err != nil {
		return err
	}
	sb.SetRoot(root)
	return nil
}

type blkSuper struct{}

func (blkSuper) ShowOptions(*vfs.Superblock, *strings.Builder) {}
func (blkSuper) Statfs(*vfs.Superblock) (vfs.Statfs, error)    { return vfs.Statfs{}, nil }

func bootBlock(t *testing.T, disk *memDisk) (*vfs.Kernel, *vfs.Task) {
	t.Helper()
	k := vfs.NewKernel()
	for _, typ := range []vfs.FilesystemType{tmpfs.Type{}, blkType{"blk"}, blkType{"blk2"}} {
		if err := k.RegisterFilesystem(typ); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.AddDisk(linux.Mkdev(7, 0), disk); err != nil {
		t.Fatal(err)
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"/a", "/b", "/dev"} {
		if err := task.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := task.Mknodat(linux.AT_FDCWD, "/dev/d", linux.S_IFBLK|0o600, linux.Mkdev(7, 0)); err != nil {
		t.Fatal(err)
	}
	if err := task.Mknodat(linux.AT_FDCWD, "/dev/none", linux.S_IFBLK|0o600, linux.Mkdev(7, 9)); err != nil {
		t.Fatal(err)
	}
	return k, task
}

func errIs(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) && !(err == nil && want == nil) {
		t.Errorf("%s: got %v, want %v", what, err, want)
	}
}

// TestGetTreeBdev covers get_tree_bdev: superblock sharing by device and
// type, the RO-state rule, exclusive holders, lookup_bdev's errors, and the
// disk let go with the last mount.
func TestGetTreeBdev(t *testing.T) {
	k, task := bootBlock(t, &memDisk{b: append([]byte("BLK!"), make([]byte, 1020)...)})
	dev := linux.Mkdev(7, 0)
	errIs(t, "first mount", task.Mount("/dev/d", "/a", "blk", linux.MS_RDONLY, ""), nil)
	errIs(t, "second mount", task.Mount("/dev/d", "/b", "blk", linux.MS_RDONLY, ""), nil)
	a, _ := task.Stat("/a")
	b, _ := task.Stat("/b")
	if a.DevMajor != 7 || a.DevMinor != 0 || a.Ino != b.Ino || a.DevMinor != b.DevMinor {
		t.Errorf("mounts of one device differ: %+v %+v", a, b)
	}
	if n := k.DiskOpeners(dev); n != 1 {
		t.Errorf("openers with one shared superblock: %d, want 1", n)
	}
	errIs(t, "read-write over a read-only superblock", task.Mount("/dev/d", "/b", "blk", 0, ""), linux.EBUSY)
	errIs(t, "another type on a held disk", task.Mount("/dev/d", "/b", "blk2", linux.MS_RDONLY, ""), linux.EBUSY)
	log := strings.Join(k.Dmesg(), "\n")
	for _, want := range []string{"mem0: Can't mount, would change RO state", "/dev/d: Can't open blockdev"} {
		if !strings.Contains(log, want) {
			t.Errorf("dmesg lacks %q:\n%s", want, log)
		}
	}
	errIs(t, "umount /a", task.Umount("/a"), nil)
	errIs(t, "umount /b", task.Umount("/b"), nil)
	if n := k.DiskOpeners(dev); n != 0 {
		t.Errorf("openers after the last umount: %d", n)
	}
	errIs(t, "the other type once free", task.Mount("/dev/d", "/b", "blk2", 0, ""), nil)
	errIs(t, "umount blk2", task.Umount("/b"), nil)
}

func TestLookupBdevErrors(t *testing.T) {
	_, task := bootBlock(t, &memDisk{b: make([]byte, 1024)})
	errIs(t, "no filesystem", task.Mount("/dev/d", "/a", "blk", 0, ""), linux.EINVAL)
	errIs(t, "no disk", task.Mount("/dev/none", "/a", "blk", 0, ""), linux.ENXIO)
	errIs(t, "missing", task.Mount("/dev/x", "/a", "blk", 0, ""), linux.ENOENT)
	errIs(t, "directory", task.Mount("/dev", "/a", "blk", 0, ""), linux.ENOTBLK)
	errIs(t, "empty source", task.Mount("", "/a", "blk", 0, ""), linux.EINVAL) // lookup_bdev, checked on 6.18
	errIs(t, "bind", task.Mount("/dev", "/b", "", linux.MS_BIND, ""), nil)
	errIs(t, "nodev", task.Mount("", "/b", "", linux.MS_REMOUNT|linux.MS_BIND|linux.MS_NODEV, ""), nil)
	errIs(t, "on a nodev mount", task.Mount("/b/d", "/a", "blk", 0, ""), linux.EACCES)
}

func TestReadOnlyDiskRefusesWriteMount(t *testing.T) {
	k, task := bootBlock(t, &memDisk{b: append([]byte("BLK!"), make([]byte, 1020)...), ro: true})
	errIs(t, "read-write", task.Mount("/dev/d", "/a", "blk", 0, ""), linux.EACCES)
	if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
		t.Errorf("openers after a refused mount: %d", n)
	}
	errIs(t, "read-only", task.Mount("/dev/d", "/a", "blk", linux.MS_RDONLY, ""), nil)
	fd, err := task.Open("/dev/d", linux.O_RDONLY, 0)
	errIs(t, "open the disk", err, nil)
	buf := make([]byte, 8)
	n, err := task.Read(fd, buf)
	if n != 8 || string(buf[:4]) != "BLK!" || err != nil {
		t.Errorf("read the disk: %d %q %v", n, buf, err)
	}
	if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 2 {
		t.Errorf("openers with a mount and a file: %d, want 2", n)
	}
	task.Close(fd)
}

// TestCreateExclBdev: FSCONFIG_CMD_CREATE_EXCL refuses a block device's
// superblock that is already there, with sget_fc's warning (checked on the
// host with ext4 on its mounted root disk: "w ext4: reusing existing
// filesystem not allowed"); a plain CREATE shares it.
func TestCreateExclBdev(t *testing.T) {
	_, task := bootBlock(t, &memDisk{b: append([]byte("BLK!"), make([]byte, 1020)...)})
	ctx := func(cmd uint32) (int, error) {
		fd, err := task.Fsopen("blk", 0)
		if err != nil {
			t.Fatal(err)
		}
		src := "source"
		if err := task.Fsconfig(fd, linux.FSCONFIG_SET_STRING, &src, []byte("/dev/d"), 0); err != nil {
			t.Fatal(err)
		}
		return fd, task.Fsconfig(fd, cmd, nil, nil, 0)
	}
	fd, err := ctx(linux.FSCONFIG_CMD_CREATE_EXCL)
	errIs(t, "exclusive, first", err, nil)
	m, err := task.Fsmount(fd, 0, 0)
	errIs(t, "fsmount", err, nil)
	errIs(t, "attach", task.MoveMount(m, "", linux.AT_FDCWD, "/a", linux.MOVE_MOUNT_F_EMPTY_PATH), nil)
	fd2, err := ctx(linux.FSCONFIG_CMD_CREATE_EXCL)
	errIs(t, "exclusive, second", err, linux.EBUSY)
	buf := make([]byte, 200)
	n, err := task.Read(fd2, buf)
	if err != nil || string(buf[:n]) != "w blk: reusing existing filesystem not allowed\n" {
		t.Errorf("log: %q, %v", buf[:max(n, 0)], err)
	}
	fd3, err := ctx(linux.FSCONFIG_CMD_CREATE)
	errIs(t, "shared", err, nil)
	for _, fd := range []int{fd, fd2, fd3, m} {
		task.Close(fd)
	}
}
