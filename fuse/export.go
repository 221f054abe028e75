// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"sync"
	"time"

	gofuse "github.com/hanwen/go-fuse/v2/fuse"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// exportFS is the RawFileSystem one FUSE mount's server calls: the node
// table and open handles of one virtual mount as the host sees it. The
// tasks that do the work are shared by all the mounts of an export.
type exportFS struct {
	gofuse.RawFileSystem // ENOSYS for what is not here

	tasks   *taskCache
	nodes   *nodeTable
	inos    *inoMap
	handles handleTable
	valid   time.Duration

	// lookupFailed, when set, hears of each failed lookup.
	lookupFailed func(dir nodeKey, name string)
	// shown, when set, tells the virtual mounts that have a FUSE mount
	// of their own on the host: a lookup does not cross into them.
	shown func(m *vfs.Mount) bool

	released chan struct{}
	once     sync.Once
}

// testHookLookup, set by tests before an export is mounted, is called
// at the start of each lookup with the name looked up.
var testHookLookup func(name string)

// openRoot opens dir with base as an O_PATH file, with its attributes.
func openRoot(base *vfs.Task, dir string) (*vfs.File, vfs.Statx, error) {
	fd, err := base.Open(dir, linux.O_PATH|linux.O_DIRECTORY|linux.O_CLOEXEC, 0)
	if err != nil {
		return nil, vfs.Statx{}, err
	}
	defer base.Close(fd)
	st, err := base.Fstatat(fd, "", linux.AT_EMPTY_PATH)
	if err != nil {
		return nil, vfs.Statx{}, err
	}
	f, err := base.Fget(fd)
	return f, st, err
}

// newExportFS makes root, an O_PATH file with the attributes st, the
// root node of a FUSE mount; the reference on root passes to it.
func newExportFS(tasks *taskCache, root *vfs.File, st vfs.Statx, valid time.Duration) *exportFS {
	efs := &exportFS{
		RawFileSystem: gofuse.NewDefaultRawFileSystem(),
		tasks:         tasks,
		nodes:         newNodeTable(),
		inos:          newInoMap(st.Dev()),
		handles:       handleTable{byID: map[uint64]*handle{}, next: 1},
		valid:         valid,
		released:      make(chan struct{}),
	}
	efs.nodes.setRoot(nodeKey{root.Mount(), st.Dev(), st.Ino}, root)
	return efs
}

func (e *exportFS) String() string { return "linuxvfs" }

// OnUnmount is called when the FUSE connection has ended.
func (e *exportFS) OnUnmount() { e.release() }

// release lets go of every handle and node; the tasks are the export's.
func (e *exportFS) release() {
	e.once.Do(func() {
		e.handles.drop()
		e.nodes.drop()
		close(e.released)
	})
}

func (e *exportFS) waitReleased() { <-e.released }

// withNode runs fn with a descriptor for node id in t's table, closed
// afterwards.
func (e *exportFS) withNode(t *vfs.Task, id uint64, fn func(fd int) error) error {
	n := e.nodes.get(id)
	if n == nil {
		return linux.ESTALE
	}
	fd, err := t.InstallFile(n.file, true)
	if err != nil {
		return err
	}
	defer t.Close(fd)
	return fn(fd)
}

// fillAttr converts a virtual stat to FUSE's attributes.
func (e *exportFS) fillAttr(st *vfs.Statx, a *gofuse.Attr) {
	*a = gofuse.Attr{
		Ino:       e.inos.ino(st.Dev(), st.Ino),
		Size:      uint64(st.Size),
		Blocks:    uint64(st.Blocks),
		Atime:     uint64(st.Atime.Sec),
		Atimensec: uint32(st.Atime.Nsec),
		Mtime:     uint64(st.Mtime.Sec),
		Mtimensec: uint32(st.Mtime.Nsec),
		Ctime:     uint64(st.Ctime.Sec),
		Ctimensec: uint32(st.Ctime.Nsec),
		Mode:      uint32(st.Mode),
		Nlink:     st.Nlink,
		Owner:     gofuse.Owner{Uid: st.UID, Gid: st.GID},
		Rdev:      newEncodeDev(st.RdevMajor, st.RdevMinor),
		Blksize:   st.Blksize,
	}
}

// newEncodeDev is new_encode_dev: FUSE's 32-bit device numbers.
func newEncodeDev(major, minor uint32) uint32 {
	return minor&0xff | major<<8 | (minor&^0xff)<<12
}

// newDecodeDev is new_decode_dev, to the user-space dev_t.
func newDecodeDev(dev uint32) uint64 {
	return linux.Mkdev((dev&0xfff00)>>8, dev&0xff|(dev>>12)&0xfff00)
}

func (e *exportFS) setValid(secs *uint64, nsecs *uint32) {
	*secs, *nsecs = uint64(e.valid/time.Second), uint32(e.valid%time.Second)
}

// enter makes a node of the O_PATH descriptor fd in t (which it closes)
// and fills out with its entry.
func (e *exportFS) enter(t *vfs.Task, fd int, out *gofuse.EntryOut) error {
	defer t.Close(fd)
	st, err := t.Fstatat(fd, "", linux.AT_EMPTY_PATH|linux.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		return err
	}
	f, err := t.Fget(fd)
	if err != nil {
		return err
	}
	out.NodeId = e.nodes.enter(nodeKey{f.Mount(), st.Dev(), st.Ino}, f)
	out.Generation = 0
	e.setValid(&out.EntryValid, &out.EntryValidNsec)
	e.setValid(&out.AttrValid, &out.AttrValidNsec)
	e.fillAttr(&st, &out.Attr)
	return nil
}

// lookupAt looks name up in the directory dfd for t and enters it.
func (e *exportFS) lookupAt(t *vfs.Task, dfd int, name string, out *gofuse.EntryOut) error {
	fd, err := t.Openat(dfd, name, linux.O_PATH|linux.O_NOFOLLOW|linux.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	return e.enter(t, e.covered(t, dfd, fd), out)
}

// covered turns fd, just looked up in the directory dfd, into the
// directory it covers when it is the root of a virtual mount that the
// host has as a submount (which it closes): the host crosses into the
// submount by itself, and the FUSE mount above shows what lies beneath,
// as any filesystem does under a mount point. So the node of the mount
// point does not hold the virtual mount, and it stays the same node
// while the submount is there (a different one would make the host
// drop the dentry, and the submount with it).
func (e *exportFS) covered(t *vfs.Task, dfd, fd int) int {
	if e.shown == nil {
		return fd
	}
	f, err := t.Fget(fd)
	if err != nil {
		return fd
	}
	defer f.DecRef()
	m := f.Mount()
	if f.Dentry() != m.Root() || !e.shown(m) {
		return fd
	}
	dir, err := t.Fget(dfd)
	if err != nil {
		return fd
	}
	defer dir.DecRef()
	p := vfs.Path{Mnt: m, Dentry: f.Dentry()}
	for p.Mnt != dir.Mount() && p.Dentry == p.Mnt.Root() {
		up, at := p.Mnt.Parent()
		if up == p.Mnt {
			return fd
		}
		p = vfs.Path{Mnt: up, Dentry: at}
	}
	if p.Mnt != dir.Mount() {
		return fd
	}
	nfd, err := t.DentryOpen(p, linux.O_PATH|linux.O_CLOEXEC)
	if err != nil {
		return fd
	}
	t.Close(fd)
	return nfd
}

// Lookup is FUSE_LOOKUP: the walk of one component, with the caller's
// search permission on the directory checked by the virtual kernel.
//
// A failed lookup makes the host drop its dentry, and with it whatever
// the host has mounted there: the submounts are told (lookupFailed).
func (e *exportFS) Lookup(cancel <-chan struct{}, h *gofuse.InHeader, name string, out *gofuse.EntryOut) gofuse.Status {
	if testHookLookup != nil {
		testHookLookup(name)
	}
	t := e.tasks.get(&h.Caller)
	err := e.withNode(t, h.NodeId, func(dfd int) error { return e.lookupAt(t, dfd, name, out) })
	if err != nil && e.lookupFailed != nil {
		if n := e.nodes.get(h.NodeId); n != nil {
			e.lookupFailed(n.key, name)
		}
	}
	return status(err)
}

// Forget is FUSE_FORGET (and each entry of FUSE_BATCH_FORGET).
func (e *exportFS) Forget(id, nlookup uint64) { e.nodes.forget(id, nlookup) }
