// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Extended attributes (fs/xattr.c): the system calls' argument checks,
// xattr_permission and the capability module's rule for security.*, then
// the filesystem's store. POSIX ACLs (system.posix_acl_*) are not
// modelled: every filesystem answers them as one without ACLs does.

// Xattrer is implemented by inode operations of filesystems that keep
// extended attributes (the superblock's s_xattr handlers with IOP_XATTR,
// and ->listxattr). Names are full names ("user.a"); the VFS has checked
// permissions and that the name has one of XattrPrefixes with something
// after it.
type Xattrer interface {
	// XattrPrefixes lists the namespaces the filesystem stores
	// ("user.", "trusted.", "security."); others are EOPNOTSUPP.
	XattrPrefixes(in *Inode) []string
	// GetXattr returns the value, ENODATA if there is none.
	GetXattr(in *Inode, name string) ([]byte, error)
	// SetXattr stores value (empty is a value), or removes the
	// attribute when value is nil; flags are XATTR_CREATE and
	// XATTR_REPLACE (simple_xattr_set's EEXIST and ENODATA).
	SetXattr(in *Inode, name string, value []byte, flags int) error
	// ListXattr returns the names c may see, in the filesystem's order.
	ListXattr(in *Inode, c *Cred) ([]string, error)
}

const (
	xattrSecurity = "security."
	xattrSystem   = "system."
	xattrTrusted  = "trusted."
	xattrUser     = "user."
)

// importXattrName is import_xattr_name: an empty name or one that does
// not fit XATTR_NAME_MAX bytes is ERANGE.
func importXattrName(name string) (string, error) {
	name = userString(name)
	if name == "" || len(name) > linux.XATTR_NAME_MAX {
		return "", linux.ERANGE
	}
	return name, nil
}

// xattrPermission is xattr_permission.
func xattrPermission(c *Cred, im *mntIdmap, in *Inode, name string, mask int) error {
	if mask&MAY_WRITE != 0 {
		if in.immutableOrAppend() {
			return linux.EPERM
		}
		if ownerValidThrough(im, in) != nil {
			return linux.EPERM
		}
	}
	denied := linux.ENODATA
	if mask&MAY_WRITE != 0 {
		denied = linux.EPERM
	}
	switch {
	case strings.HasPrefix(name, xattrSecurity), strings.HasPrefix(name, xattrSystem):
		return nil
	case strings.HasPrefix(name, xattrTrusted):
		if !c.HasCap(linux.CAP_SYS_ADMIN) {
			return denied
		}
		return nil
	case strings.HasPrefix(name, xattrUser):
		mode := in.Mode()
		typ := mode & linux.S_IFMT
		if typ != linux.S_IFREG && typ != linux.S_IFDIR {
			return denied
		}
		if typ == linux.S_IFDIR && mode&linux.S_ISVTX != 0 && mask&MAY_WRITE != 0 && !isOwner(c, im, in) {
			return linux.EPERM
		}
	}
	return inodePermission(c, im, in, mask)
}

// xattrResolve is xattr_resolve_name: the filesystem's store, if it has
// a namespace for name; the bare prefix is EINVAL.
func xattrResolve(in *Inode, name string) (Xattrer, error) {
	x, ok := in.Ops.(Xattrer)
	if !ok || strings.HasPrefix(name, "system.posix_acl_") {
		return nil, linux.EOPNOTSUPP
	}
	for _, p := range x.XattrPrefixes(in) {
		if strings.HasPrefix(name, p) {
			if name == p {
				return nil, linux.EINVAL
			}
			return x, nil
		}
	}
	return nil, linux.EOPNOTSUPP
}

// capInodeSetxattr is cap_inode_setxattr and cap_inode_removexattr:
// security.* other than security.capability needs CAP_SYS_ADMIN over
// the superblock's user namespace.
func capInodeSetxattr(c *Cred, in *Inode, name string) error {
	if !strings.HasPrefix(name, xattrSecurity) || name == "security.capability" {
		return nil
	}
	if !c.NsCapable(in.sb.userNS, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	return nil
}

// vfsSetxattr is vfs_setxattr (value nil: vfs_removexattr) on p, whose
// mount the caller has checked for writing.
func vfsSetxattr(c *Cred, p Path, name string, value []byte, flags int) error {
	in := p.Dentry.Inode()
	in.rw.Lock()
	defer in.rw.Unlock()
	if err := xattrPermission(c, p.Mnt.idmap(), in, name, MAY_WRITE); err != nil {
		return err
	}
	if err := capInodeSetxattr(c, in, name); err != nil {
		return err
	}
	x, err := xattrResolve(in, name)
	if err != nil {
		return err
	}
	if value == nil && flags == 0 {
		flags = linux.XATTR_REPLACE // __vfs_removexattr
	}
	if err := x.SetXattr(in, name, value, flags); err != nil {
		return err
	}
	in.Lock()
	in.TouchLocked("c")
	in.Unlock()
	return nil
}

// vfsGetxattr is vfs_getxattr and do_getxattr: the value, or its size
// alone when size is 0; ERANGE when it does not fit size.
func vfsGetxattr(c *Cred, p Path, name string, dest []byte) (int, error) {
	in := p.Dentry.Inode()
	if err := xattrPermission(c, p.Mnt.idmap(), in, name, MAY_READ); err != nil {
		return 0, err
	}
	x, err := xattrResolve(in, name)
	if err != nil {
		return 0, err
	}
	v, err := x.GetXattr(in, name)
	if err != nil {
		return 0, err
	}
	if len(dest) == 0 {
		return len(v), nil
	}
	if len(dest) < len(v) {
		if len(dest) >= linux.XATTR_SIZE_MAX {
			return 0, linux.E2BIG
		}
		return 0, linux.ERANGE
	}
	return copy(dest, v), nil
}

// vfsListxattr is vfs_listxattr and listxattr: the names, each ending in
// NUL, or their length alone when dest is empty.
func vfsListxattr(c *Cred, p Path, dest []byte) (int, error) {
	in := p.Dentry.Inode()
	var names []string
	if x, ok := in.Ops.(Xattrer); ok {
		var err error
		if names, err = x.ListXattr(in, c); err != nil {
			return 0, err
		}
	}
	n := 0
	for _, s := range names {
		n += len(s) + 1
	}
	if len(dest) == 0 {
		return n, nil
	}
	if len(dest) < n {
		if len(dest) >= linux.XATTR_LIST_MAX {
			return 0, linux.E2BIG
		}
		return 0, linux.ERANGE
	}
	off := 0
	for _, s := range names {
		off += copy(dest[off:], s)
		dest[off] = 0
		off++
	}
	return n, nil
}

// setxattrCopy is setxattr_copy: flags, name and size, before the path
// is looked up.
func setxattrCopy(name string, value []byte, flags int) (string, []byte, error) {
	if flags&^(linux.XATTR_CREATE|linux.XATTR_REPLACE) != 0 {
		return "", nil, linux.EINVAL
	}
	name, err := importXattrName(name)
	if err != nil {
		return "", nil, err
	}
	if len(value) > linux.XATTR_SIZE_MAX {
		return "", nil, linux.E2BIG
	}
	if value == nil {
		value = []byte{} // an empty value, not a removal
	}
	return name, value, nil
}

// xattrLookup resolves a path for the path-based calls: lsetxattr and
// friends do not follow a final symbolic link.
func (t *Task) xattrLookup(path string, follow bool) (Path, error) {
	flags := linux.AT_SYMLINK_NOFOLLOW
	if follow {
		flags = 0
	}
	return t.atLookup(linux.AT_FDCWD, path, flags, linux.AT_SYMLINK_NOFOLLOW)
}

func (t *Task) setxattrPath(path, name string, value []byte, flags int, follow bool) error {
	name, value, err := setxattrCopy(name, value, flags)
	if err != nil {
		return err
	}
	p, err := t.xattrLookup(path, follow)
	if err != nil {
		return err
	}
	if p.Mnt.ReadOnly() {
		return linux.EROFS
	}
	return vfsSetxattr(t.Cred(), p, name, value, flags)
}

// Setxattr is setxattr(2).
func (t *Task) Setxattr(path, name string, value []byte, flags int) error {
	return t.setxattrPath(path, name, value, flags, true)
}

// Lsetxattr is lsetxattr(2).
func (t *Task) Lsetxattr(path, name string, value []byte, flags int) error {
	return t.setxattrPath(path, name, value, flags, false)
}

// Fsetxattr is fsetxattr(2): the name and value are taken before the
// descriptor (path_setxattrat); an O_PATH descriptor is EBADF.
func (t *Task) Fsetxattr(fd int, name string, value []byte, flags int) error {
	name, value, err := setxattrCopy(name, value, flags)
	if err != nil {
		return err
	}
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		if f.mnt.ReadOnly() {
			return linux.EROFS
		}
		return vfsSetxattr(t.Cred(), Path{f.mnt, f.dentry}, name, value, flags)
	})
}

func (t *Task) getxattrPath(path, name string, dest []byte, follow bool) (int, error) {
	name, err := importXattrName(name)
	if err != nil {
		return 0, err
	}
	p, err := t.xattrLookup(path, follow)
	if err != nil {
		return 0, err
	}
	return vfsGetxattr(t.Cred(), p, name, clampBuf(dest, linux.XATTR_SIZE_MAX))
}

// clampBuf is the kernel's cap on the buffer it allocates.
func clampBuf(b []byte, max int) []byte {
	if len(b) > max {
		return b[:max]
	}
	return b
}

// Getxattr is getxattr(2): the value's length, copied into dest; with an
// empty dest, only the length.
func (t *Task) Getxattr(path, name string, dest []byte) (int, error) {
	return t.getxattrPath(path, name, dest, true)
}

// Lgetxattr is lgetxattr(2).
func (t *Task) Lgetxattr(path, name string, dest []byte) (int, error) {
	return t.getxattrPath(path, name, dest, false)
}

// Fgetxattr is fgetxattr(2): the name is taken before the descriptor;
// an O_PATH descriptor is EBADF.
func (t *Task) Fgetxattr(fd int, name string, dest []byte) (int, error) {
	name, err := importXattrName(name)
	if err != nil {
		return 0, err
	}
	n := 0
	err = t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		var err error
		n, err = vfsGetxattr(t.Cred(), Path{f.mnt, f.dentry}, name, clampBuf(dest, linux.XATTR_SIZE_MAX))
		return err
	})
	return n, err
}

func (t *Task) listxattrPath(path string, dest []byte, follow bool) (int, error) {
	p, err := t.xattrLookup(path, follow)
	if err != nil {
		return 0, err
	}
	return vfsListxattr(t.Cred(), p, clampBuf(dest, linux.XATTR_LIST_MAX))
}

// Listxattr is listxattr(2): the names, each ending in NUL.
func (t *Task) Listxattr(path string, dest []byte) (int, error) {
	return t.listxattrPath(path, dest, true)
}

// Llistxattr is llistxattr(2).
func (t *Task) Llistxattr(path string, dest []byte) (int, error) {
	return t.listxattrPath(path, dest, false)
}

// Flistxattr is flistxattr(2).
func (t *Task) Flistxattr(fd int, dest []byte) (int, error) {
	n := 0
	err := t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		var err error
		n, err = vfsListxattr(t.Cred(), Path{f.mnt, f.dentry}, clampBuf(dest, linux.XATTR_LIST_MAX))
		return err
	})
	return n, err
}

func (t *Task) removexattrPath(path, name string, follow bool) error {
	name, err := importXattrName(name)
	if err != nil {
		return err
	}
	p, err := t.xattrLookup(path, follow)
	if err != nil {
		return err
	}
	if p.Mnt.ReadOnly() {
		return linux.EROFS
	}
	return vfsSetxattr(t.Cred(), p, name, nil, 0)
}

// Removexattr is removexattr(2).
func (t *Task) Removexattr(path, name string) error { return t.removexattrPath(path, name, true) }

// Lremovexattr is lremovexattr(2).
func (t *Task) Lremovexattr(path, name string) error { return t.removexattrPath(path, name, false) }

// Fremovexattr is fremovexattr(2): the name is taken before the
// descriptor; an O_PATH descriptor is EBADF.
func (t *Task) Fremovexattr(fd int, name string) error {
	name, err := importXattrName(name)
	if err != nil {
		return err
	}
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		if f.mnt.ReadOnly() {
			return linux.EROFS
		}
		return vfsSetxattr(t.Cred(), Path{f.mnt, f.dentry}, name, nil, 0)
	})
}

// GetxattrInternal is __vfs_getxattr for a stacking filesystem reading
// its layers: no permission check; ENODATA when there is none,
// EOPNOTSUPP when the filesystem keeps none.
func GetxattrInternal(in *Inode, name string) ([]byte, error) {
	x, err := xattrResolve(in, name)
	if err != nil {
		return nil, err
	}
	return x.GetXattr(in, name)
}

// SetxattrInternal is __vfs_setxattr (value nil: __vfs_removexattr) for
// a stacking filesystem writing its layers: no permission check.
func SetxattrInternal(in *Inode, name string, value []byte, flags int) error {
	x, err := xattrResolve(in, name)
	if err != nil {
		return err
	}
	if value == nil && flags == 0 {
		flags = linux.XATTR_REPLACE
	}
	in.rw.Lock()
	defer in.rw.Unlock()
	if err := x.SetXattr(in, name, value, flags); err != nil {
		return err
	}
	in.Lock()
	in.TouchLocked("c")
	in.Unlock()
	return nil
}

// ListxattrInternal is vfs_listxattr for a stacking filesystem, as c.
func ListxattrInternal(in *Inode, c *Cred) ([]string, error) {
	if x, ok := in.Ops.(Xattrer); ok {
		return x.ListXattr(in, c)
	}
	return nil, nil
}
