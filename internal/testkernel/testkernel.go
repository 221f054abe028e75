// SPDX-License-Identifier: Apache-2.0

// Package testkernel makes the kernels that filesystem tests run on: a
// kernel with tmpfs and the types under test registered, booted on a
// tmpfs root (InitMountTree), and its init task; and a disk in memory
// to mount from, as /dev/loop0.
package testkernel

import (
	"errors"
	"io"
	"sync"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// New returns a kernel with tmpfs and types registered, not yet booted:
// the place to register what else a test needs before Init.
func New(t testing.TB, types ...vfs.FilesystemType) *vfs.Kernel {
	t.Helper()
	k := vfs.NewKernel()
	for _, ty := range append([]vfs.FilesystemType{tmpfs.Type{}}, types...) {
		must(t, k.RegisterFilesystem(ty))
	}
	return k
}

// Init boots k on a tmpfs root and returns init, with dirs made (mode
// 0755).
func Init(t testing.TB, k *vfs.Kernel, dirs ...string) *vfs.Task {
	t.Helper()
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	must(t, err)
	for _, d := range dirs {
		must(t, init.Mkdir(d, 0o755))
	}
	return init
}

// Boot is Init(New(types...), dirs...).
func Boot(t testing.TB, types []vfs.FilesystemType, dirs ...string) *vfs.Task {
	t.Helper()
	return Init(t, New(t, types...), dirs...)
}

// Loop0 makes image the disk 7:0 of init's kernel, with a block node
// /dev/loop0 for it (and /dev, if missing).
func Loop0(t testing.TB, init *vfs.Task, image []byte) *Disk {
	t.Helper()
	if err := init.Mkdir("/dev", 0o755); err != nil && !errors.Is(err, linux.EEXIST) {
		t.Fatal(err)
	}
	must(t, init.Mknodat(linux.AT_FDCWD, "/dev/loop0", linux.S_IFBLK|0o600, linux.Mkdev(7, 0)))
	d := &Disk{B: image}
	must(t, init.Kernel().AddDisk(linux.Mkdev(7, 0), d))
	return d
}

// Disk is a disk in memory (vfs.Disk), named like the first loop
// device; writes change B.
type Disk struct {
	mu sync.Mutex
	B  []byte
	RO bool // the device refuses writes (BLKROSET)
}

// ReadAt reads as a file of the disk's size would.
func (d *Disk) ReadAt(p []byte, off int64) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if off >= int64(len(d.B)) {
		return 0, io.EOF
	}
	n := copy(p, d.B[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// WriteAt writes into B, up to its end.
func (d *Disk) WriteAt(p []byte, off int64) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if off >= int64(len(d.B)) {
		return 0, io.EOF
	}
	return copy(d.B[off:], p), nil
}

// Size is the disk's size in bytes.
func (d *Disk) Size() int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return int64(len(d.B))
}

// ReadOnly reports RO.
func (d *Disk) ReadOnly() bool { return d.RO }

// Name is the disk's name in messages ("loop0").
func (d *Disk) Name() string { return "loop0" }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
