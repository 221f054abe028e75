// SPDX-License-Identifier: Apache-2.0

package libfs

import (
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// tmpfs's inode flags (shmem_inode_info's fsflags, FS_IOC_GETFLAGS and
// FS_IOC_SETFLAGS on regular files and directories): immutable,
// append-only, nodump and noatime can be set, new inodes take nodump and
// noatime from their directory. Casefolding needs a mount with an
// encoding, which is not modelled, so it cannot be set.
const (
	shmemFlVisible    = linux.FS_FL_USER_VISIBLE | linux.FS_CASEFOLD_FL
	shmemFlModifiable = linux.FS_IMMUTABLE_FL | linux.FS_APPEND_FL | linux.FS_NODUMP_FL | linux.FS_NOATIME_FL | linux.FS_CASEFOLD_FL
	shmemFlInherited  = linux.FS_NODUMP_FL | linux.FS_NOATIME_FL | linux.FS_CASEFOLD_FL
)

// flagStore holds the flags of the inodes that have any; most have none,
// and n lets the creation of an inode skip the lock while nothing has.
type flagStore struct {
	n     atomic.Int32
	mu    sync.Mutex
	flags map[*vfs.Inode]uint32
}

func (s *flagStore) get(in *vfs.Inode) uint32 {
	if s.n.Load() == 0 {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flags[in]
}

func (s *flagStore) set(in *vfs.Inode, fl uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if fl == 0 {
		delete(s.flags, in)
	} else {
		if s.flags == nil {
			s.flags = map[*vfs.Inode]uint32{}
		}
		s.flags[in] = fl
	}
	s.n.Store(int32(len(s.flags)))
}

// hasFileattr says whether in answers the flag ioctls: tmpfs's regular
// files and directories (shmem_inode_operations and
// shmem_dir_inode_operations have fileattr_get and fileattr_set).
func (fs *FS) hasFileattr(in *vfs.Inode) bool {
	return fs.Fileattrs && (in.IsRegular() || in.IsDir())
}

// FileattrGet is shmem_fileattr_get.
func (fs *FS) FileattrGet(in *vfs.Inode, fa *vfs.Fileattr) error {
	if !fs.hasFileattr(in) {
		return vfs.ENOIOCTLCMD
	}
	fa.FillFlags(fs.fsflags.get(in) & shmemFlVisible)
	return nil
}

// FileattrSet is shmem_fileattr_set: only the flags tmpfs keeps, and none
// of FS_IOC_FSSETXATTR's own.
func (fs *FS) FileattrSet(_ *vfs.Cred, in *vfs.Inode, fa *vfs.Fileattr) error {
	if !fs.hasFileattr(in) {
		return vfs.ENOIOCTLCMD
	}
	if fa.HasFsx() || fa.Flags&^shmemFlModifiable != 0 {
		return linux.EOPNOTSUPP
	}
	old := fs.fsflags.get(in)
	if fa.Flags&linux.FS_CASEFOLD_FL != 0 && old&linux.FS_CASEFOLD_FL == 0 {
		return linux.EOPNOTSUPP // no encoding on this mount
	}
	fl := old&^shmemFlModifiable | fa.Flags&shmemFlModifiable
	fs.fsflags.set(in, fl)
	setInodeFlags(in, fl)
	in.Touch("c")
	return nil
}

// inheritFlags gives a new inode its directory's inherited flags
// (__shmem_get_inode).
func (fs *FS) inheritFlags(dir, in *vfs.Inode) {
	if !fs.Fileattrs {
		return
	}
	if fl := fs.fsflags.get(dir) & shmemFlInherited; fl != 0 {
		fs.fsflags.set(in, fl)
		setInodeFlags(in, fl)
	}
}

// setInodeFlags is shmem_set_inode_flags: the S_* flags the VFS enforces
// (nodump is for backup programs only).
func setInodeFlags(in *vfs.Inode, fl uint32) {
	var s uint32
	if fl&linux.FS_NOATIME_FL != 0 {
		s |= vfs.S_NOATIME
	}
	if fl&linux.FS_APPEND_FL != 0 {
		s |= vfs.S_APPEND
	}
	if fl&linux.FS_IMMUTABLE_FL != 0 {
		s |= vfs.S_IMMUTABLE
	}
	in.SetFlags(s, vfs.S_NOATIME|vfs.S_APPEND|vfs.S_IMMUTABLE)
}
