// SPDX-License-Identifier: Apache-2.0

package iofs

import (
	"io/fs"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// handle is the private task an FS or a Root works through: a clone of the
// embedder's task (same credentials and mount namespace, a copy of its
// root and working directory) with a descriptor table of its own, so that
// the descriptors the adapter opens never show up in the embedder's table.
type handle struct {
	t      *vfs.Task
	closed atomic.Bool
}

// newHandle clones t without CLONE_FILES or CLONE_FS (as fork does) and
// closes the descriptors the clone inherited.
func newHandle(t *vfs.Task) *handle {
	c := t.Clone(0)
	for _, fd := range c.Fds() {
		_ = c.Close(fd)
	}
	return &handle{t: c}
}

// task returns the private task, or EBADF once the handle is closed.
func (h *handle) task() (*vfs.Task, error) {
	if h.closed.Load() {
		return nil, linux.EBADF
	}
	return h.t, nil
}

// close ends the private task; its open files close with it.
func (h *handle) close() error {
	if !h.closed.CompareAndSwap(false, true) {
		return linux.EBADF
	}
	h.t.Exit()
	return nil
}

// chrootTo makes dir the private task's root and working directory. The
// adapter may confine itself even when the embedder's credentials could
// not chroot: CAP_SYS_CHROOT is raised for this one call only.
func (h *handle) chrootTo(dir string) error {
	t := h.t
	if err := t.Chdir(dir); err != nil {
		return err
	}
	c := t.Cred()
	raised := *c
	raised.Effective = raised.Effective.Add(linux.CAP_SYS_CHROOT)
	t.SetCred(&raised)
	err := t.Chroot(".")
	t.SetCred(c)
	if err != nil {
		return err
	}
	return t.Chdir("/")
}

// pathErr wraps err for op on name the way package os does.
func pathErr(op, name string, err error) error {
	if err == nil {
		return nil
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// unixMode converts an fs.FileMode's permission and special bits to a
// mode_t, as os.syscallMode does.
func unixMode(m fs.FileMode) uint32 {
	mode := uint32(m.Perm())
	if m&fs.ModeSetuid != 0 {
		mode |= linux.S_ISUID
	}
	if m&fs.ModeSetgid != 0 {
		mode |= linux.S_ISGID
	}
	if m&fs.ModeSticky != 0 {
		mode |= linux.S_ISVTX
	}
	return mode
}
