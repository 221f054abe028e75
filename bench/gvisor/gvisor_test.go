// SPDX-License-Identifier: Apache-2.0

package gvbench

import (
	"bytes"
	goctx "context"
	"io"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"gvisor.dev/gvisor/pkg/abi/linux"
	"gvisor.dev/gvisor/pkg/context"
	"gvisor.dev/gvisor/pkg/errors/linuxerr"
	"gvisor.dev/gvisor/pkg/fspath"
	"gvisor.dev/gvisor/pkg/log"
	"gvisor.dev/gvisor/pkg/memutil"
	"gvisor.dev/gvisor/pkg/refs"
	"gvisor.dev/gvisor/pkg/sentry/fsimpl/tmpfs"
	"gvisor.dev/gvisor/pkg/sentry/kernel/auth"
	"gvisor.dev/gvisor/pkg/sentry/ktime"
	"gvisor.dev/gvisor/pkg/sentry/limits"
	"gvisor.dev/gvisor/pkg/sentry/pgalloc"
	"gvisor.dev/gvisor/pkg/sentry/uniqueid"
	"gvisor.dev/gvisor/pkg/sentry/vfs"
	"gvisor.dev/gvisor/pkg/usermem"
)

func init() {
	// Leak checking adds work to every reference count change; the sentry
	// runs without it too.
	refs.SetLeakMode(refs.NoLeakChecking)
}

// gvWorld is one gVisor VFS: what a sentry kernel would own, minus the
// kernel. gVisor's own VFS tests build the same from a test context.
type gvWorld struct {
	vfs    vfs.VirtualFilesystem
	mf     *pgalloc.MemoryFile
	userns *auth.UserNamespace
	mntns  *vfs.MountNamespace
	root   vfs.VirtualDentry
	ids    idSource
	cookie atomic.Uint32
}

// idSource hands out the system-wide unique IDs the sentry's kernel does.
type idSource struct{ last atomic.Uint64 }

func (s *idSource) UniqueID() uint64 { return s.last.Add(1) }

// gvSys is a task of a gvWorld: its context (the values the sentry's
// kernel.Task would answer), credentials and a small descriptor table.
// It calls vfs.VirtualFilesystem directly, so it skips what gVisor's
// syscall layer adds (copying the path in, the task's fd table lock and
// root/cwd references): the comparison is, if anything, gVisor's favour.
type gvSys struct {
	w      *gvWorld
	ctx    *gvCtx
	creds  *auth.Credentials
	fds    []*vfs.FileDescription
	free   []int
	dirent direntCounter
}

// gvCtx answers the context values that gVisor's VFS and tmpfs ask for.
type gvCtx struct {
	context.NoTask
	log.Logger
	goctx.Context
	w      *gvWorld
	creds  *auth.Credentials
	limits *limits.LimitSet
}

// Value returns the task's credentials, limits and namespace; the mount
// namespace and root come with a reference, as kernel.Task gives them.
func (c *gvCtx) Value(key any) any {
	switch key {
	case auth.CtxCredentials:
		return c.creds
	case limits.CtxLimits:
		return c.limits
	case pgalloc.CtxMemoryFile:
		return c.w.mf
	case ktime.CtxRealtimeClock:
		return wallClock{}
	case uniqueid.CtxGlobalUniqueID:
		return c.w.ids.UniqueID()
	case uniqueid.CtxGlobalUniqueIDProvider:
		return &c.w.ids
	case uniqueid.CtxInotifyCookie:
		return c.w.cookie.Add(1)
	case vfs.CtxMountNamespace:
		c.w.mntns.IncRef()
		return c.w.mntns
	case vfs.CtxRoot:
		c.w.root.IncRef()
		return c.w.root
	}
	return c.Context.Value(key)
}

// wallClock is the host's realtime clock, for file timestamps.
type wallClock struct{}

func (wallClock) Now() ktime.Time { return ktime.FromNanoseconds(time.Now().UnixNano()) }

// NewTimer is never called by the file operations benchmarked.
func (wallClock) NewTimer(ktime.Listener) ktime.Timer { panic("gvbench: no timers") }

func newGvisor(tb testing.TB) sys {
	tb.Helper()
	w := &gvWorld{userns: auth.NewRootUserNamespace()}
	memfd, err := memutil.CreateMemFD("gvbench", 0)
	if err != nil {
		tb.Fatal(err)
	}
	w.mf, err = pgalloc.NewMemoryFile(os.NewFile(uintptr(memfd), "gvbench"),
		pgalloc.MemoryFileOpts{DisableMemoryAccounting: true})
	if err != nil {
		tb.Fatal(err)
	}
	s := w.newTask()
	if err := w.vfs.Init(s.ctx); err != nil {
		tb.Fatal(err)
	}
	w.vfs.MountMax.Store(1 << 30)
	w.vfs.MustRegisterFilesystemType("tmpfs", tmpfs.FilesystemType{},
		&vfs.RegisterFilesystemTypeOptions{AllowUserMount: true})
	w.mntns, err = w.vfs.NewMountNamespace(s.ctx, s.creds, "", "tmpfs", &vfs.MountOptions{}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	w.root = w.mntns.Root(s.ctx)
	tb.Cleanup(func() {
		w.root.DecRef(s.ctx)
		w.mntns.DecRef(s.ctx)
		w.mf.Destroy()
	})
	return s
}

func (w *gvWorld) newTask() *gvSys {
	creds := auth.NewRootCredentials(w.userns)
	return &gvSys{
		w:     w,
		creds: creds,
		ctx: &gvCtx{Logger: log.Log(), Context: goctx.Background(), w: w,
			creds: creds, limits: limits.NewLimitSet()},
	}
}

func (s *gvSys) fork() sys { return s.w.newTask() }

// pop is the path operation for an absolute path; follow is false where
// the final component is made or removed, as gVisor's syscalls set it.
func (s *gvSys) pop(path string, follow bool) *vfs.PathOperation {
	return &vfs.PathOperation{Root: s.w.root, Start: s.w.root,
		Path: fspath.Parse(path), FollowFinalSymlink: follow}
}

func (s *gvSys) stat(path string) error {
	_, err := s.w.vfs.StatAt(s.ctx, s.creds, s.pop(path, true), &vfs.StatOptions{})
	return err
}

func (s *gvSys) open(path string, flags int, mode uint32) (int, error) {
	fd, err := s.w.vfs.OpenAt(s.ctx, s.creds, s.pop(path, true),
		&vfs.OpenOptions{Flags: uint32(flags), Mode: linux.FileMode(mode)})
	if err != nil {
		return -1, err
	}
	return s.install(fd), nil
}

// install puts fd in the lowest free slot, as the kernel's fd table does.
func (s *gvSys) install(fd *vfs.FileDescription) int {
	if n := len(s.free); n > 0 {
		i := s.free[n-1]
		s.free = s.free[:n-1]
		s.fds[i] = fd
		return i
	}
	s.fds = append(s.fds, fd)
	return len(s.fds) - 1
}

func (s *gvSys) get(fd int) (*vfs.FileDescription, error) {
	if fd < 0 || fd >= len(s.fds) || s.fds[fd] == nil {
		return nil, linuxerr.EBADF
	}
	return s.fds[fd], nil
}

func (s *gvSys) close(fd int) error {
	f, err := s.get(fd)
	if err != nil {
		return err
	}
	s.fds[fd] = nil
	s.free = append(s.free, fd)
	f.DecRef(s.ctx)
	return nil
}

func (s *gvSys) read(fd int, p []byte) (int, error) {
	f, err := s.get(fd)
	if err != nil {
		return 0, err
	}
	n, err := f.Read(s.ctx, usermem.BytesIOSequence(p), vfs.ReadOptions{})
	if err == io.EOF {
		// read(2) reports the end as 0 bytes; gVisor's syscall layer
		// turns the EOF into that.
		err = nil
	}
	return int(n), err
}

func (s *gvSys) write(fd int, p []byte) (int, error) {
	f, err := s.get(fd)
	if err != nil {
		return 0, err
	}
	n, err := f.Write(s.ctx, usermem.BytesIOSequence(p), vfs.WriteOptions{})
	return int(n), err
}

// direntCounter counts the entries IterDirents hands it.
type direntCounter int

func (c *direntCounter) Handle(vfs.Dirent) error { *c++; return nil }

func (s *gvSys) readdir(fd int) (int, error) {
	f, err := s.get(fd)
	if err != nil {
		return 0, err
	}
	s.dirent = 0
	err = f.IterDirents(s.ctx, &s.dirent)
	return int(s.dirent), err
}

func (s *gvSys) mkdir(path string) error {
	return s.w.vfs.MkdirAt(s.ctx, s.creds, s.pop(path, false), &vfs.MkdirOptions{Mode: 0o755})
}

func (s *gvSys) unlink(path string) error {
	return s.w.vfs.UnlinkAt(s.ctx, s.creds, s.pop(path, false))
}

func (s *gvSys) rename(from, to string) error {
	return s.w.vfs.RenameAt(s.ctx, s.creds, s.pop(from, false), s.pop(to, false), &vfs.RenameOptions{})
}

func (s *gvSys) mountTmpfs(target string) error {
	_, err := s.w.vfs.MountAt(s.ctx, s.creds, "none", s.pop(target, true), "tmpfs", &vfs.MountOptions{})
	return err
}

func (s *gvSys) bind(src, target string) error {
	return s.w.vfs.BindAt(s.ctx, s.creds, s.pop(src, true), s.pop(target, true), false)
}

func (s *gvSys) makeShared(path string) error {
	return s.w.vfs.SetMountPropagationAt(s.ctx, s.creds, s.pop(path, true), linux.MS_SHARED)
}

func (s *gvSys) umount(target string, flags int) error {
	return s.w.vfs.UmountAt(s.ctx, s.creds, s.pop(target, true), &vfs.UmountOptions{Flags: uint32(flags)})
}

// mountinfo renders into a new buffer, as each read of gVisor's
// /proc/self/mountinfo does.
func (s *gvSys) mountinfo() (int, error) {
	var buf bytes.Buffer
	err := s.w.vfs.GenerateProcMountInfo(s.ctx, s.w.root, &buf)
	return buf.Len(), err
}

func (s *gvSys) mountinfoText() string {
	var buf bytes.Buffer
	if err := s.w.vfs.GenerateProcMountInfo(s.ctx, s.w.root, &buf); err != nil {
		return err.Error()
	}
	return buf.String()
}
