// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	gofuse "github.com/hanwen/go-fuse/v2/fuse"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// create runs mk, which makes name in the directory dfd, and enters what
// it made.
func (e *exportFS) create(h *gofuse.InHeader, name string, out *gofuse.EntryOut, mk func(t *vfs.Task, dfd int) error) gofuse.Status {
	t := e.tasks.get(&h.Caller)
	return status(e.withNode(t, h.NodeId, func(dfd int) error {
		if err := mk(t, dfd); err != nil {
			return err
		}
		return e.lookupAt(t, dfd, name, out)
	}))
}

// Mknod is FUSE_MKNOD (the host has applied the umask to the mode).
func (e *exportFS) Mknod(cancel <-chan struct{}, in *gofuse.MknodIn, name string, out *gofuse.EntryOut) gofuse.Status {
	return e.create(&in.InHeader, name, out, func(t *vfs.Task, dfd int) error {
		return t.Mknodat(dfd, name, in.Mode, newDecodeDev(in.Rdev))
	})
}

// Mkdir is FUSE_MKDIR.
func (e *exportFS) Mkdir(cancel <-chan struct{}, in *gofuse.MkdirIn, name string, out *gofuse.EntryOut) gofuse.Status {
	return e.create(&in.InHeader, name, out, func(t *vfs.Task, dfd int) error {
		return t.Mkdirat(dfd, name, in.Mode)
	})
}

// Symlink is FUSE_SYMLINK.
func (e *exportFS) Symlink(cancel <-chan struct{}, h *gofuse.InHeader, target, name string, out *gofuse.EntryOut) gofuse.Status {
	return e.create(h, name, out, func(t *vfs.Task, dfd int) error {
		return t.Symlinkat(target, dfd, name)
	})
}

// Link is FUSE_LINK: linkat of the node by AT_EMPTY_PATH. The caller's
// task opens the node for itself, as linkat's LOOKUP_LINKAT_EMPTY rule
// lets a task link only what it opened unless it has
// CAP_DAC_READ_SEARCH; the host has already resolved the old name as
// the caller.
func (e *exportFS) Link(cancel <-chan struct{}, in *gofuse.LinkIn, name string, out *gofuse.EntryOut) gofuse.Status {
	t := e.tasks.get(&in.Caller)
	return status(e.withNode(t, in.Oldnodeid, func(ofd int) error {
		own, err := t.Reopen(ofd, linux.O_PATH|linux.O_CLOEXEC, 0)
		if err != nil {
			return err
		}
		defer t.Close(own)
		return e.withNode(t, in.NodeId, func(dfd int) error {
			if err := t.Linkat(own, "", dfd, name, linux.AT_EMPTY_PATH); err != nil {
				return err
			}
			return e.lookupAt(t, dfd, name, out)
		})
	}))
}

// Unlink is FUSE_UNLINK.
func (e *exportFS) Unlink(cancel <-chan struct{}, h *gofuse.InHeader, name string) gofuse.Status {
	t := e.tasks.get(&h.Caller)
	return status(e.withNode(t, h.NodeId, func(dfd int) error { return t.Unlinkat(dfd, name, 0) }))
}

// Rmdir is FUSE_RMDIR.
func (e *exportFS) Rmdir(cancel <-chan struct{}, h *gofuse.InHeader, name string) gofuse.Status {
	t := e.tasks.get(&h.Caller)
	return status(e.withNode(t, h.NodeId, func(dfd int) error { return t.Unlinkat(dfd, name, linux.AT_REMOVEDIR) }))
}

// Rename is FUSE_RENAME2: renameat2 with RENAME_NOREPLACE and
// RENAME_EXCHANGE passed through (RENAME_WHITEOUT too; the virtual
// kernel answers it).
func (e *exportFS) Rename(cancel <-chan struct{}, in *gofuse.RenameIn, oldName, newName string) gofuse.Status {
	t := e.tasks.get(&in.Caller)
	return status(e.withNode(t, in.NodeId, func(ofd int) error {
		return e.withNode(t, in.Newdir, func(nfd int) error {
			return t.Renameat2(ofd, oldName, nfd, newName, in.Flags)
		})
	}))
}
