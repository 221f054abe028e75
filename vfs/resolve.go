// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"encoding/binary"
	"runtime"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// OpenHow is struct open_how, openat2(2)'s argument.
type OpenHow struct {
	Flags   uint64
	Mode    uint64
	Resolve uint64
}

// resolveFlagsValid is VALID_RESOLVE_FLAGS.
const resolveFlagsValid = linux.RESOLVE_NO_XDEV | linux.RESOLVE_NO_MAGICLINKS | linux.RESOLVE_NO_SYMLINKS |
	linux.RESOLVE_BENEATH | linux.RESOLVE_IN_ROOT | linux.RESOLVE_CACHED

// CopyStructFromUser is copy_struct_from_user for a struct of ksize bytes
// given as b: a shorter b is zero-extended, a longer one must be zero past
// ksize (else E2BIG).
func CopyStructFromUser(ksize int, b []byte) ([]byte, error) {
	out := make([]byte, ksize)
	copy(out, b)
	for _, c := range b[min(len(b), ksize):] {
		if c != 0 {
			return nil, linux.E2BIG
		}
	}
	return out, nil
}

// OpenHowFromBytes decodes a user's struct open_how of len(b) bytes as
// openat2(2) does: EINVAL below OPEN_HOW_SIZE_VER0, E2BIG above a page or
// with a nonzero tail.
func OpenHowFromBytes(b []byte) (OpenHow, error) {
	if len(b) < linux.OPEN_HOW_SIZE_VER0 {
		return OpenHow{}, linux.EINVAL
	}
	if len(b) > pageSize {
		return OpenHow{}, linux.E2BIG
	}
	k, err := CopyStructFromUser(linux.OPEN_HOW_SIZE_VER0, b)
	if err != nil {
		return OpenHow{}, err
	}
	le := binary.LittleEndian
	return OpenHow{Flags: le.Uint64(k), Mode: le.Uint64(k[8:]), Resolve: le.Uint64(k[16:])}, nil
}

// Openat2Raw is openat2(2) with the struct as the caller's bytes (its size
// is len(how)).
func (t *Task) Openat2Raw(dirfd int, name string, how []byte) (int, error) {
	h, err := OpenHowFromBytes(how)
	if err != nil {
		return -1, err
	}
	return t.Openat2(dirfd, name, h)
}

// Openat2 is openat2(2) with a struct open_how of the current size
// (do_sys_openat2).
func (t *Task) Openat2(dirfd int, name string, how OpenHow) (int, error) {
	if how.Flags&linux.O_PATH == 0 {
		how.Flags |= linux.O_LARGEFILE // force_o_largefile, but never with O_PATH
	}
	h, err := buildOpenHow2(how)
	if err != nil {
		return -1, err
	}
	var f *File
	err = retryGone(func() (err error) {
		f, err = t.pathOpenat(dirfd, name, &h, how.Flags&linux.O_TRUNC != 0)
		return err
	})
	if err != nil {
		return -1, err
	}
	f.cred = t.Cred()
	fd, err := t.installFd(f, h.cloexec)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// buildOpenHow2 is build_open_flags for openat2(2), which, unlike open(2),
// refuses what it does not know instead of ignoring it.
func buildOpenHow2(how OpenHow) (openHow, error) {
	flags := how.Flags &^ linux.O_CLOEXEC
	if flags&^uint64(openFlagsValid) != 0 || how.Resolve&^resolveFlagsValid != 0 {
		return openHow{}, linux.EINVAL
	}
	if how.Resolve&(linux.RESOLVE_BENEATH|linux.RESOLVE_IN_ROOT) == linux.RESOLVE_BENEATH|linux.RESOLVE_IN_ROOT {
		return openHow{}, linux.EINVAL
	}
	tmpfile := linux.O_TMPFILE &^ linux.O_DIRECTORY
	if flags&(linux.O_CREAT|uint64(tmpfile)) != 0 { // WILL_CREATE
		if how.Mode&^0o7777 != 0 {
			return openHow{}, linux.EINVAL
		}
	} else if how.Mode != 0 {
		return openHow{}, linux.EINVAL
	}
	if flags&linux.O_PATH != 0 && flags&^uint64(oPathFlags) != 0 {
		return openHow{}, linux.EINVAL
	}
	h, err := buildOpenFlags(uint32(how.Flags), uint32(how.Mode), 0)
	if err != nil {
		return h, err
	}
	if how.Resolve&linux.RESOLVE_CACHED != 0 && flags&(linux.O_TRUNC|linux.O_CREAT|uint64(tmpfile)) != 0 {
		return h, linux.EAGAIN // not even tried: it would have to block
	}
	h.lookup |= resolveLookupFlags(how.Resolve)
	return h, nil
}

// resolveLookupFlags maps RESOLVE_* to the walk's LOOKUP_* flags.
func resolveLookupFlags(resolve uint64) int {
	var l int
	for _, m := range [...]struct {
		resolve uint64
		lookup  int
	}{
		{linux.RESOLVE_NO_XDEV, lookupNoXdev},
		{linux.RESOLVE_NO_MAGICLINKS, lookupNoMagiclinks},
		{linux.RESOLVE_NO_SYMLINKS, lookupNoSymlinks},
		{linux.RESOLVE_BENEATH, lookupBeneath},
		{linux.RESOLVE_IN_ROOT, lookupInRoot},
		{linux.RESOLVE_CACHED, lookupCached},
	} {
		if resolve&m.resolve != 0 {
			l |= m.lookup
		}
	}
	return l
}

// readSeqBegin is read_seqbegin: a count no writer is inside of.
func readSeqBegin(c interface{ Load() uint64 }) uint64 {
	for {
		if s := c.Load(); s&1 == 0 {
			return s
		}
		runtime.Gosched()
	}
}

// sampleSeqs records mount_lock's and rename_lock's counts for a scoped
// walk (path_init's nd->m_seq and nd->r_seq).
func (nd *nameidata) sampleSeqs() {
	k := nd.task.k
	nd.mSeq = readSeqBegin(&k.mountSeq)
	nd.rSeq = readSeqBegin(&k.renameSeq)
}

// renameSeqBegin is write_seqlock(&rename_lock) around d_move. The count
// is its own lock: a writer makes it odd by compare-and-swap, so a rename
// pays one atomic operation to enter and one to leave, where a mutex
// beside the count cost two more.
func (k *Kernel) renameSeqBegin() {
	for {
		if s := k.renameSeq.Load(); s&1 == 0 && k.renameSeq.CompareAndSwap(s, s+1) {
			return
		}
		runtime.Gosched() // another rename is moving its dentries
	}
}

// renameSeqEnd is write_sequnlock(&rename_lock).
func (k *Kernel) renameSeqEnd() { k.renameSeq.Add(1) }

// scopeRoot makes the starting point the root of a scoped walk (path_init
// for LOOKUP_IS_SCOPED).
func (nd *nameidata) scopeRoot() {
	if nd.flags&lookupScoped != 0 {
		nd.root = nd.path
		nd.rootSet = true
	}
}

// mayJumpRoot is nd_jump_root's checks: no absolute symlink beneath the
// start, nor one that would leave the mount.
func (nd *nameidata) mayJumpRoot() error {
	if nd.flags&lookupBeneath != 0 {
		return linux.EXDEV
	}
	if nd.flags&lookupNoXdev != 0 && (!nd.rootSet || nd.path.Mnt != nd.root.Mnt) {
		return linux.EXDEV // a root not yet set counts as another mount
	}
	nd.rootSet = true
	return nil
}

// xdevErr is the error for crossing a mount under RESOLVE_NO_XDEV: the
// RCU walk gives up there, so under RESOLVE_CACHED it is EAGAIN.
func (nd *nameidata) xdevErr() error {
	if nd.flags&lookupCached != 0 {
		return linux.EAGAIN
	}
	return linux.EXDEV
}

// mayJumpLink is nd_jump_link's checks: magic links are refused when asked,
// across mounts under RESOLVE_NO_XDEV, and always in a scoped walk.
func (nd *nameidata) mayJumpLink(target Path) error {
	if nd.flags&lookupNoMagiclinks != 0 {
		return linux.ELOOP
	}
	if nd.flags&lookupNoXdev != 0 && nd.path.Mnt != target.Mnt {
		return linux.EXDEV
	}
	if nd.flags&lookupScoped != 0 {
		return linux.EXDEV
	}
	return nil
}

// walkCached is walk_component under LOOKUP_CACHED: the child must be in
// the dcache, checkable in an RCU walk, and still valid, else EAGAIN
// (try_to_unlazy fails).
func (nd *nameidata) walkCached(comp string, h uint64, follow bool) (string, bool, error) {
	dir := nd.path.Dentry
	d := dir.fastLookup(comp, h)
	if d == nil {
		dir.mu.RLock()
		d = dir.childLocked(comp)
		dir.mu.RUnlock()
	}
	if d == nil || needsRefWalk(dir, comp, d) || stale(dir, comp, d) {
		return "", false, linux.EAGAIN
	}
	return nd.stepInto(d, follow)
}

// followDotdotRestricted is follow_dotdot and handle_dots for a walk with
// RESOLVE_* flags: ".." at the scope's root is EXDEV under RESOLVE_BENEATH
// (it stays there under RESOLVE_IN_ROOT), crossing a mount is EXDEV under
// RESOLVE_NO_XDEV, and a scoped walk during which anything was renamed or
// any mount changed gives EAGAIN, as ".." may then have left the scope.
func (nd *nameidata) followDotdotRestricted() error {
	nd.rootSet = true // handle_dots: set_root
	p := nd.path
	inRoot := p == nd.root
	if !inRoot && p.Dentry == p.Mnt.root {
		mp, ok := chooseMountpoint(p.Mnt, nd.root)
		if ok {
			if nd.flags&lookupNoXdev != 0 {
				return nd.xdevErr()
			}
			p = mp
		}
		inRoot = !ok
	}
	if inRoot {
		if nd.flags&lookupBeneath != 0 {
			return linux.EXDEV
		}
	} else {
		parent := p.Dentry.Parent()
		if !pathConnected(p.Mnt, parent) {
			return linux.ENOENT
		}
		p.Dentry = parent
	}
	q := traverseMounts(p)
	if nd.flags&lookupNoXdev != 0 && q.Mnt != p.Mnt {
		return nd.xdevErr()
	}
	nd.path = q
	if nd.flags&lookupScoped != 0 {
		k := nd.task.k
		if k.mountSeq.Load() != nd.mSeq || k.renameSeq.Load() != nd.rSeq {
			return linux.EAGAIN
		}
	}
	return nil
}

// completeWalk is complete_walk's last word on a scoped walk: the result
// must lie under the walk's root now. The ".." checks keep a walk from
// climbing out; this catches a walk that went down into a directory
// renamed out of the scope meanwhile, whose result is then outside (EXDEV).
func (nd *nameidata) completeWalk() error {
	if nd.flags&lookupScoped != 0 && !isPathReachable(nd.path.Mnt, nd.path.Dentry, nd.root) {
		return linux.EXDEV
	}
	return nil
}
