// SPDX-License-Identifier: Apache-2.0

package libfs

import (
	"slices"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The simple_xattr store of tmpfs (CONFIG_TMPFS_XATTR): security.*,
// trusted.* and, since Linux 6.6, user.*, each inode's in memory; ramfs
// keeps none.

// IspaceAccounting is implemented by an Accounting that charges extended
// attributes to the inode space, as shmem does when nr_inodes limits it.
type IspaceAccounting interface {
	ReserveIspace(n uint64) error // ENOSPC when it does not fit
	FreeIspace(n uint64)
}

// xattrStore is the attributes of one filesystem instance's inodes.
type xattrStore struct {
	mu    sync.Mutex
	attrs map[*vfs.Inode]map[string][]byte
}

var tmpfsXattrPrefixes = []string{"security.", "trusted.", "user."}

// xattrSpace is simple_xattr_space: what an attribute costs.
func xattrSpace(name string, size int) uint64 { return uint64(40 + size + len(name)) }

// XattrPrefixes implements vfs.Xattrer: none unless the filesystem keeps
// attributes (tmpfs).
func (fs *FS) XattrPrefixes(in *vfs.Inode) []string {
	if !fs.Xattrs {
		return nil
	}
	return tmpfsXattrPrefixes
}

// GetXattr is simple_xattr_get.
func (fs *FS) GetXattr(in *vfs.Inode, name string) ([]byte, error) {
	fs.xattrs.mu.Lock()
	defer fs.xattrs.mu.Unlock()
	v, ok := fs.xattrs.attrs[in][name]
	if !ok {
		return nil, linux.ENODATA
	}
	return v, nil
}

// SetXattr is shmem_xattr_handler_set: simple_xattr_set with the space
// charged first and the replaced value's given back.
func (fs *FS) SetXattr(in *vfs.Inode, name string, value []byte, flags int) error {
	ia, _ := fs.Acct.(IspaceAccounting)
	var charge uint64
	if value != nil && ia != nil {
		charge = xattrSpace(name, len(value))
		if err := ia.ReserveIspace(charge); err != nil {
			return err
		}
	}
	freed, err := fs.setXattr(in, name, value, flags)
	if err != nil {
		freed = charge
	}
	if ia != nil && freed != 0 {
		ia.FreeIspace(freed)
	}
	return err
}

// setXattr changes the store and returns the space the old value took.
func (fs *FS) setXattr(in *vfs.Inode, name string, value []byte, flags int) (uint64, error) {
	st := &fs.xattrs
	st.mu.Lock()
	defer st.mu.Unlock()
	old, exists := st.attrs[in][name]
	switch {
	case exists && flags&linux.XATTR_CREATE != 0:
		return 0, linux.EEXIST
	case !exists && flags&linux.XATTR_REPLACE != 0:
		return 0, linux.ENODATA
	case !exists && value == nil:
		return 0, nil
	}
	var freed uint64
	if exists {
		freed = xattrSpace(name, len(old))
	}
	if value == nil {
		delete(st.attrs[in], name)
		return freed, nil
	}
	if st.attrs == nil {
		st.attrs = map[*vfs.Inode]map[string][]byte{}
	}
	if st.attrs[in] == nil {
		st.attrs[in] = map[string][]byte{}
	}
	st.attrs[in][name] = slices.Clone(value)
	return freed, nil
}

// ListXattr is simple_xattr_list: the names in the order of shmem's tree
// (descending bytes), trusted.* only for CAP_SYS_ADMIN.
func (fs *FS) ListXattr(in *vfs.Inode, c *vfs.Cred) ([]string, error) {
	fs.xattrs.mu.Lock()
	defer fs.xattrs.mu.Unlock()
	trusted := c.HasCap(linux.CAP_SYS_ADMIN)
	var names []string
	for n := range fs.xattrs.attrs[in] {
		if trusted || !strings.HasPrefix(n, "trusted.") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	slices.Reverse(names)
	return names, nil
}

// dropXattrs forgets an evicted inode's attributes (simple_xattrs_free)
// and returns the space they took.
func (fs *FS) dropXattrs(in *vfs.Inode) uint64 {
	st := &fs.xattrs
	st.mu.Lock()
	defer st.mu.Unlock()
	var space uint64
	for n, v := range st.attrs[in] {
		space += xattrSpace(n, len(v))
	}
	delete(st.attrs, in)
	return space
}
