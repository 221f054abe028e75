// SPDX-License-Identifier: Apache-2.0

// Package fuse exports a directory of a virtual system to the host through
// FUSE (github.com/hanwen/go-fuse/v2), so that real programs can work in it.
//
// Every FUSE request is done by the virtual kernel on behalf of its host
// caller: the caller's fsuid, fsgid, supplementary groups and effective
// capabilities become the credentials of a task made for that set (see
// callerCred), and the export is mounted with allow_other and without
// default_permissions, so the access decisions are the virtual kernel's
// and its errno values reach the caller unchanged.
//
// A node ID stands for an inode as reached through one virtual mount and
// holds an O_PATH file on it; lookups walk from the parent's file with
// the caller's task, crossing virtual mounts as the kernel crosses them.
// The host sees one st_dev for the whole export; inode numbers stay
// distinct across virtual superblocks (see inoMap).
//
// Entries and attributes are not cached by the host (timeouts 0), so each
// path walk on the host asks the virtual kernel again and its permission
// checks see every component; file data uses the host page cache, dropped
// at each open.
package fuse

import (
	"errors"
	"sync"
	"syscall"
	"time"

	gofuse "github.com/hanwen/go-fuse/v2/fuse"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Options tune an export.
type Options struct {
	// Name is the FUSE mount's source (fsname) as /proc/mounts shows
	// it; "linuxvfs" when empty.
	Name string
	// ReadOnly mounts the export read-only on the host.
	ReadOnly bool
	// Timeout is how long the host may cache entries and attributes;
	// 0, the default, makes it ask each time.
	Timeout time.Duration
	// Debug logs every request.
	Debug bool
}

// Server is a running export.
type Server struct {
	raw   *gofuse.Server
	fs    *exportFS
	mount string
	once  sync.Once
}

// Mount exports dir, resolved by t, at the host directory mountpoint and
// starts serving. The export works through clones of t: t itself may go
// on or exit.
func Mount(t *vfs.Task, dir, mountpoint string, opts *Options) (*Server, error) {
	if opts == nil {
		opts = &Options{}
	}
	efs, err := newExportFS(t, dir, opts)
	if err != nil {
		return nil, err
	}
	name := opts.Name
	if name == "" {
		name = "linuxvfs"
	}
	mo := &gofuse.MountOptions{
		AllowOther:    true,
		FsName:        name,
		Name:          "linuxvfs",
		DirectMount:   true,
		DisableXAttrs: true, // no virtual filesystem has extended attributes
		MaxWrite:      1 << 20,
		Debug:         opts.Debug,
		// The virtual kernel removes set-ID bits on write, truncate and
		// chown itself; O_TRUNC comes with the open.
		ExtraCapabilities: gofuse.CAP_ATOMIC_O_TRUNC | gofuse.CAP_HANDLE_KILLPRIV | gofuse.CAP_HANDLE_KILLPRIV_V2,
	}
	if opts.ReadOnly {
		mo.Options = append(mo.Options, "ro")
	}
	raw, err := gofuse.NewServer(efs, mountpoint, mo)
	if err != nil {
		efs.release()
		return nil, err
	}
	s := &Server{raw: raw, fs: efs, mount: mountpoint}
	go raw.Serve()
	if err := raw.WaitMount(); err != nil {
		s.Unmount()
		return nil, err
	}
	return s, nil
}

// Wait returns once the export has ended: unmounted from the host
// (umount, fusermount -u, or the last user of a lazy unmount gone) or by
// Unmount.
func (s *Server) Wait() { s.raw.Wait(); s.fs.waitReleased() }

// Unmount ends the export: an unmount, made lazy (MNT_DETACH) when the
// mount is busy, and the wait for the server to end. Host processes that
// still work inside a lazily unmounted export keep it up until they leave.
func (s *Server) Unmount() error {
	var err error
	s.once.Do(func() {
		if err = s.raw.Unmount(); err != nil {
			if derr := syscall.Unmount(s.mount, syscall.MNT_DETACH); derr == nil || derr == syscall.EINVAL {
				err = nil
			}
		}
	})
	s.Wait()
	return err
}

// status turns a virtual kernel error into the FUSE reply's errno, the
// same number.
func status(err error) gofuse.Status {
	if err == nil {
		return gofuse.OK
	}
	var e linux.Errno
	if errors.As(err, &e) {
		return gofuse.Status(e)
	}
	return gofuse.EIO
}
