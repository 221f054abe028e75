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
//
// Each virtual mount inside the exported directory gets a FUSE mount of
// its own on the host, at the same place (see submounts): the host sees
// each as a filesystem with its own st_dev, as the virtual kernel's
// processes see each mount's superblock, and inode numbers stay those of
// the virtual superblock.
//
// Entries and attributes are not cached by the host (timeouts 0), so each
// path walk on the host asks the virtual kernel again and its permission
// checks see every component; file data uses the host page cache, dropped
// at each open.
package fuse

import (
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	gofuse "github.com/hanwen/go-fuse/v2/fuse"
	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Options tune an export.
type Options struct {
	// Name is the FUSE mounts' source (fsname) as /proc/mounts shows
	// it; "linuxvfs" when empty.
	Name string
	// ReadOnly mounts the export read-only on the host.
	ReadOnly bool
	// Timeout is how long the host may cache entries and attributes;
	// 0, the default, makes it ask each time.
	Timeout time.Duration
	// Debug logs every request.
	Debug bool
	// DefaultPermissions has the host check permissions too, from the
	// attributes the export gives (default_permissions), before asking
	// the virtual kernel, which checks again. Without it the checks are
	// the virtual kernel's alone, but the host opens FIFOs and device
	// nodes itself without any.
	DefaultPermissions bool
	// NoSubmounts serves the whole export through one FUSE mount, as
	// one filesystem with one st_dev (inner virtual mounts are crossed
	// inside it, their inode numbers moved apart).
	NoSubmounts bool
}

// Server is a running export: the FUSE mount of the exported directory
// and one for each virtual mount inside it.
type Server struct {
	tasks *taskCache
	top   *fuseMount
	subs  *submounts // nil with NoSubmounts
	wd    *watchdog  // nil without WatchdogMain
	done  chan struct{}
	once  sync.Once
}

// fuseMount is one FUSE mount of an export: its server, and where the
// host has it.
type fuseMount struct {
	raw  *gofuse.Server
	fs   *exportFS
	path string     // on the host
	rel  string     // under the exported directory, "/x/y"; "" for the top
	mnt  *vfs.Mount // the virtual mount it shows
	// served is the mount its nodes are on: a submount's detached copy
	// of mnt (see detachedCopy), or mnt.
	served *vfs.Mount
	dev    uint64 // the host's st_dev for it

	mp mountpoint // a submount's place, as the FUSE mount above names it

	ended     chan struct{} // closed once the connection is over and released
	unmounted bool          // by the export (not by the host); submounts.mu
	dropped   atomic.Bool   // by the host after a failed lookup of its mount point
}

// Mount exports dir, resolved by t, at the host directory mountpoint and
// starts serving; every virtual mount below dir is mounted on the host
// at its place before Mount returns, and mounts made or unmounted later
// are followed. The export works through clones of t: t itself may go
// on or exit.
func Mount(t *vfs.Task, dir, mountpoint string, opts *Options) (*Server, error) {
	if opts == nil {
		opts = &Options{}
	}
	mountpoint, err := filepath.Abs(mountpoint)
	if err != nil {
		return nil, err
	}
	base := t.Clone(0)
	for _, fd := range base.Fds() {
		_ = base.Close(fd)
	}
	tasks := newTaskCache(base)
	root, st, err := openRoot(base, dir)
	if err != nil {
		tasks.exit()
		return nil, err
	}
	efs := newExportFS(tasks, root, st, opts.Timeout)
	s := &Server{tasks: tasks, done: make(chan struct{})}
	if !opts.NoSubmounts {
		s.subs = newSubmounts(tasks, opts)
		efs.lookupFailed, efs.shown = s.subs.lookupFailed, s.subs.shown
	}
	top, err := mountFUSE(efs, mountpoint, opts)
	if err != nil {
		tasks.exit()
		return nil, err
	}
	top.mnt = root.Mount()
	top.dev, _ = hostPathDev(mountpoint)
	s.top = top
	if s.wd, err = watchMount(mountpoint); err != nil {
		_ = syscall.Unmount(mountpoint, syscall.MNT_DETACH)
		<-top.ended
		tasks.exit()
		return nil, err
	}
	s.wd.note(top.dev, true)
	if fd, err := unix.Open(mountpoint, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0); err == nil {
		probePoll(fd)
		unix.Close(fd)
	}
	if s.subs != nil {
		s.subs.wd = s.wd
		s.subs.start(top, root)
	}
	go s.finish()
	return s, nil
}

// mountFUSE mounts efs at the host path mountpoint (the top of an
// export: go-fuse mounts it, by mount(2) or else by fusermount) and
// serves it.
func mountFUSE(efs *exportFS, mountpoint string, opts *Options) (*fuseMount, error) {
	mo := mountOptions(opts)
	mo.DirectMount = true
	if opts.ReadOnly {
		mo.Options = append(mo.Options, "ro")
	}
	if opts.DefaultPermissions {
		mo.Options = append(mo.Options, "default_permissions")
	}
	raw, err := gofuse.NewServer(efs, mountpoint, mo)
	if err != nil {
		efs.release()
		return nil, err
	}
	fuseFdsCloexec()
	// NewServer has mounted and answered FUSE_INIT. raw.WaitMount is
	// not called: all it would add is go-fuse's poll probe, which Mount
	// makes once the watchdog knows the connection (see probePoll).
	return serveFUSE(raw, efs, mountpoint), nil
}

// mountOptions are go-fuse's options for a mount of an export with
// opts, as far as they concern the server.
func mountOptions(opts *Options) *gofuse.MountOptions {
	return &gofuse.MountOptions{
		AllowOther:    true,
		FsName:        fsName(opts),
		Name:          "linuxvfs",
		DisableXAttrs: true, // no virtual filesystem has extended attributes
		MaxWrite:      1 << 20,
		Debug:         opts.Debug,
		// The virtual kernel removes set-ID bits on write, truncate and
		// chown itself; O_TRUNC comes with the open.
		ExtraCapabilities: gofuse.CAP_ATOMIC_O_TRUNC | gofuse.CAP_HANDLE_KILLPRIV | gofuse.CAP_HANDLE_KILLPRIV_V2,
	}
}

// fsName is the mounts' source.
func fsName(opts *Options) string {
	if opts.Name == "" {
		return "linuxvfs"
	}
	return opts.Name
}

// serveFUSE serves the mounted raw for efs, at the host path path.
func serveFUSE(raw *gofuse.Server, efs *exportFS, path string) *fuseMount {
	fm := &fuseMount{raw: raw, fs: efs, path: path, ended: make(chan struct{})}
	go raw.Serve()
	go func() {
		raw.Wait()
		efs.release() // OnUnmount's work, if the server ended without it
		close(fm.ended)
	}()
	return fm
}

// finish waits for the top mount and then the submounts to end, and ends
// the tasks.
func (s *Server) finish() {
	<-s.top.ended
	s.wd.note(s.top.dev, false)
	if s.subs != nil {
		s.subs.stop()
		s.subs.wait()
	}
	s.tasks.exit()
	s.wd.stop()
	close(s.done)
}

// Wait returns once the export has ended: unmounted from the host
// (umount -R, or the last user of a lazy unmount gone) or by Unmount.
func (s *Server) Wait() { <-s.done }

// Unmount ends the export: the submounts first, deepest first, then the
// top, each unmounted at once or, when busy, lazily (MNT_DETACH), and
// the wait for every server to end. Host processes that still work
// inside a lazily unmounted mount keep it up until they leave.
func (s *Server) Unmount() error {
	var err error
	s.once.Do(func() {
		if s.subs != nil {
			s.subs.stop()
			s.subs.unmountAll()
		}
		if err = s.top.raw.Unmount(); err != nil {
			if derr := syscall.Unmount(s.top.path, syscall.MNT_DETACH); derr == nil || derr == syscall.EINVAL {
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
