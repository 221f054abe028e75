// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Inode flags as ext4 shows and changes them (FS_IOC_GETFLAGS and
// FS_IOC_SETFLAGS on regular files and directories), kept in i_flags on
// disk. Of the flags that only mean something to other drivers
// (compression, secure deletion, DAX...), ext4 stores what it is given.
const (
	// ext4Modifiable is EXT4_FL_USER_MODIFIABLE.
	ext4Modifiable = linux.FS_SECRM_FL | linux.FS_UNRM_FL | linux.FS_COMPR_FL | linux.FS_SYNC_FL |
		linux.FS_IMMUTABLE_FL | linux.FS_APPEND_FL | linux.FS_NODUMP_FL | linux.FS_NOATIME_FL |
		linux.FS_JOURNAL_DATA_FL | linux.FS_NOTAIL_FL | linux.FS_DIRSYNC_FL | linux.FS_TOPDIR_FL |
		linux.FS_EXTENT_FL | linux.FS_EOFBLOCKS_FL | linux.FS_DAX_FL | linux.FS_PROJINHERIT_FL | linux.FS_CASEFOLD_FL
	// ext4Visible is EXT4_FL_USER_VISIBLE: what FS_IOC_GETFLAGS shows;
	// FS_IOC_SETFLAGS refuses a flag outside it and drops one in it
	// that cannot be changed ("chattr +m" succeeds and changes nothing).
	ext4Visible = ext4Modifiable | linux.FS_DIRTY_FL | linux.FS_COMPRBLK_FL | linux.FS_NOCOMP_FL |
		linux.FS_ENCRYPT_FL | linux.FS_INDEX_FL | linux.FS_VERITY_FL | linux.FS_INLINE_DATA_FL
	// regFlagsMask and otherFlagsMask are EXT4_REG_FLMASK and
	// EXT4_OTHER_FLMASK: what a regular file, and what any other
	// non-directory, may carry.
	regFlagsMask   = ^uint32(linux.FS_DIRSYNC_FL | linux.FS_TOPDIR_FL | linux.FS_CASEFOLD_FL | linux.FS_PROJINHERIT_FL)
	otherFlagsMask = linux.FS_NODUMP_FL | linux.FS_NOATIME_FL
)

// maskFlags is ext4_mask_flags: the flags an inode of mode may have.
func maskFlags(mode uint32, flags uint32) uint32 {
	switch mode & linux.S_IFMT {
	case linux.S_IFDIR:
		return flags
	case linux.S_IFREG:
		return flags & regFlagsMask
	}
	return flags & otherFlagsMask
}

// setInodeFlags is ext4_set_inode_flags: the S_* flags the VFS enforces,
// from i_flags.
func setInodeFlags(in *vfs.Inode, flags uint32) {
	var s uint32
	for _, p := range []struct{ fl, s uint32 }{
		{linux.FS_SYNC_FL, vfs.S_SYNC}, {linux.FS_APPEND_FL, vfs.S_APPEND}, {linux.FS_IMMUTABLE_FL, vfs.S_IMMUTABLE},
		{linux.FS_NOATIME_FL, vfs.S_NOATIME}, {linux.FS_DIRSYNC_FL, vfs.S_DIRSYNC},
	} {
		if flags&p.fl != 0 {
			s |= p.s
		}
	}
	in.SetFlags(s, vfs.S_SYNC|vfs.S_APPEND|vfs.S_IMMUTABLE|vfs.S_NOATIME|vfs.S_DIRSYNC)
}

func hasFileattr(in *vfs.Inode) bool { return in.IsRegular() || in.IsDir() }

// FileattrGet is ext4_fileattr_get; a regular file does not show the
// directory-only project inheritance. No project quotas: the project is 0.
func (o inodeOps) FileattrGet(in *vfs.Inode, fa *vfs.Fileattr) error {
	if !hasFileattr(in) {
		return vfs.ENOIOCTLCMD
	}
	fl := in.Private.(*node).ri.flags & ext4Visible
	if in.IsRegular() {
		fl &^= linux.FS_PROJINHERIT_FL
	}
	fa.FillFlags(fl)
	return nil
}

// FileattrSet is ext4_fileattr_set: flags outside the visible ones, or
// ones the inode's type cannot carry, are EOPNOTSUPP; the visible but
// fixed ones (the htree index, inline data...) are kept as they are. An
// immutable inode takes no other change while it stays immutable.
func (o inodeOps) FileattrSet(_ *vfs.Cred, in *vfs.Inode, fa *vfs.Fileattr) error {
	if !hasFileattr(in) {
		return vfs.ENOIOCTLCMD
	}
	if !o.fs.rw {
		return linux.EROFS
	}
	flags := fa.Flags
	if flags&^ext4Visible != 0 {
		return linux.EOPNOTSUPP
	}
	flags &= ext4Modifiable
	if maskFlags(in.Mode(), flags) != flags {
		return linux.EOPNOTSUPP
	}
	fs := o.fs
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	n := in.Private.(*node)
	old := n.ri.flags
	if old&flags&linux.FS_IMMUTABLE_FL != 0 && old&^linux.FS_IMMUTABLE_FL != flags&^linux.FS_IMMUTABLE_FL {
		return linux.EPERM // ext4_ioctl_check_immutable
	}
	if err := fs.setFlags(in, n, flags); err != nil {
		return err
	}
	if fa.FsxProjid != 0 {
		return linux.EOPNOTSUPP // no project quotas (ext4_ioctl_setproject)
	}
	return nil
}

// setFlags is ext4_ioctl_setflags: the changeable flags but data
// journalling and extents are stored, the inode written; then a change
// of the extents flag asks for a migration.
func (fs *filesystem) setFlags(in *vfs.Inode, n *node, flags uint32) error {
	old := n.ri.flags
	changed := flags ^ old
	if changed&linux.FS_JOURNAL_DATA_FL != 0 {
		// Linux 6.18 refuses to switch an inode's data journalling
		// (EPERM, even with CAP_SYS_RESOURCE, on the host this was
		// checked on).
		return linux.EPERM
	}
	if changed&linux.FS_CASEFOLD_FL != 0 {
		switch {
		case !fs.sb.hasIncompat(incompatCasefold):
			return linux.EOPNOTSUPP
		case !in.IsDir():
			return linux.ENOTDIR
		}
		if empty, err := fs.emptyDir(in); err != nil || !empty {
			return linux.ENOTEMPTY
		}
	}
	const kept = linux.FS_JOURNAL_DATA_FL | linux.FS_EXTENT_FL
	mask := uint32(ext4Modifiable) &^ kept
	n.ri.flags = old&^mask | flags&mask
	setInodeFlags(in, n.ri.flags)
	in.Touch("c")
	if err := fs.writeInode(in); err != nil {
		return err
	}
	switch {
	case changed&linux.FS_EXTENT_FL == 0:
		return nil
	case flags&linux.FS_EXTENT_FL == 0:
		return fs.indMigrate(in, n)
	}
	return fs.extMigrate(in, n)
}

// extMigrate is ext4_ext_migrate for the block maps that need no more
// than the extent tree's root: the direct blocks only, in at most four
// runs. A larger map is EOPNOTSUPP here (Linux builds a tree for it).
func (fs *filesystem) extMigrate(in *vfs.Inode, n *node) error {
	if !fs.sb.hasIncompat(incompatExtents) {
		return linux.EINVAL
	}
	le := binary.LittleEndian
	root := n.ri.block[:]
	for i := directBlocks; i < len(root)/4; i++ {
		if le.Uint32(root[4*i:]) != 0 {
			return linux.EOPNOTSUPP // indirect blocks: not modelled
		}
	}
	var runs []extent
	for i := uint64(0); i < directBlocks; i++ {
		p := uint64(le.Uint32(root[4*i:]))
		if p == 0 {
			continue
		}
		if k := len(runs) - 1; k >= 0 && runs[k].lblk+runs[k].n == i && runs[k].pblk+runs[k].n == p {
			runs[k].n++
			continue
		}
		runs = append(runs, extent{lblk: i, pblk: p, n: 1})
	}
	if len(runs) > extRootEntries {
		return linux.EOPNOTSUPP
	}
	initExtentRoot(n.ri)
	le.PutUint16(root[2:], uint16(len(runs)))
	for i, r := range runs {
		e := root[12+12*i:]
		le.PutUint32(e[0:], uint32(r.lblk))
		le.PutUint16(e[4:], uint16(r.n))
		le.PutUint16(e[6:], uint16(r.pblk>>32))
		le.PutUint32(e[8:], uint32(r.pblk))
	}
	n.mu.Lock()
	n.m = nil
	n.mu.Unlock()
	n.tree = nil
	return fs.writeInode(in)
}

// indMigrate is ext4_ind_migrate: an extent-mapped inode whose extents
// are one, in the root, within the twelve direct blocks becomes
// block-mapped; any other is EOPNOTSUPP.
func (fs *filesystem) indMigrate(in *vfs.Inode, n *node) error {
	if fs.sb.hasRoCompat(roCompatBigalloc) {
		return linux.EOPNOTSUPP
	}
	le := binary.LittleEndian
	root := n.ri.block[:]
	entries, depth := le.Uint16(root[2:]), le.Uint16(root[6:])
	if depth != 0 || entries > 1 {
		return linux.EOPNOTSUPP
	}
	var start, length, pblk uint64
	if entries == 1 {
		// The length as stored: an unwritten extent's is above 2^15,
		// past the direct blocks.
		start, length = uint64(le.Uint32(root[12:])), uint64(le.Uint16(root[16:]))
		pblk = uint64(le.Uint16(root[18:]))<<32 | uint64(le.Uint32(root[20:]))
		if length > 0 && start+length-1 >= directBlocks {
			return linux.EOPNOTSUPP
		}
	}
	clear(root)
	for i := uint64(0); i < length; i++ {
		le.PutUint32(root[4*(start+i):], uint32(pblk+i))
	}
	n.ri.flags &^= flagExtents
	n.mu.Lock()
	n.m = nil // the mapper is made again, for a block map
	n.mu.Unlock()
	n.tree = nil
	return fs.writeInode(in)
}

// Ioctl is ext4_ioctl's FS_IOC_GETVERSION and FS_IOC_SETVERSION (the
// inode's generation; not settable where checksums cover it) and the
// label commands (label.go).
func (o fileOps) Ioctl(f *vfs.File, t *vfs.Task, cmd uint32, arg any) (uintptr, error) {
	in := f.Inode()
	n := in.Private.(*node)
	switch cmd {
	case linux.FS_IOC_GETFSLABEL, linux.FS_IOC_SETFSLABEL:
		return o.labelIoctl(f, t, cmd, arg)
	case linux.FS_IOC_GETVERSION:
		p, ok := arg.(*uint32)
		if !ok {
			return 0, linux.EFAULT
		}
		*p = n.ri.generation
		return 0, nil
	case linux.FS_IOC_SETVERSION:
		return 0, o.setVersion(f, t, in, n, arg)
	}
	return 0, linux.ENOTTY
}

func (o fileOps) setVersion(f *vfs.File, t *vfs.Task, in *vfs.Inode, n *node, arg any) error {
	if !f.OwnerOrCapable(t.Cred()) {
		return linux.EPERM
	}
	if o.fs.csummed() {
		return linux.ENOTTY
	}
	p, ok := arg.(*uint32)
	if !ok {
		return linux.EFAULT
	}
	if f.Mount().ReadOnly() || !o.fs.rw {
		return linux.EROFS
	}
	o.fs.wmu.Lock()
	defer o.fs.wmu.Unlock()
	n.ri.generation = *p
	in.Touch("c")
	return o.fs.writeInode(in)
}
