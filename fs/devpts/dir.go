// SPDX-License-Identifier: Apache-2.0

package devpts

import (
	"slices"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dirOps is an instance's directory (simple_dir_inode_operations and
// simple_dir_operations): only the kernel adds or removes names; what
// a task tries to make there is refused as vfs_create (EACCES) and the
// other calls with no inode operation (EPERM) refuse it. Its nodes
// share it; opening one uses the character device's driver.
type dirOps struct{ inst *Instance }

// Lookup finds "ptmx" or the node of a live pty; a number is only its
// own decimal spelling, as the name was made from it.
func (o *dirOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	if len(name) > linux.NAME_MAX {
		return nil, linux.ENAMETOOLONG
	}
	inst := o.inst
	inst.mu.Lock()
	defer inst.mu.Unlock()
	if name == "ptmx" {
		return inst.ptmx.in, nil
	}
	idx, err := strconv.Atoi(name)
	if err != nil || strconv.Itoa(idx) != name {
		return nil, linux.ENOENT
	}
	if n := inst.ptys[idx]; n != nil {
		return n.in, nil
	}
	return nil, linux.ENOENT
}

// Revalidate drops a cached pty name whose pty is gone (a slave killed
// while its name was a mountpoint stays cached otherwise).
func (o *dirOps) Revalidate(_ *vfs.Inode, name string, child *vfs.Inode) bool {
	in, err := o.Lookup(nil, name)
	return err == nil && in == child
}

// ReadDir lists ptmx and the live ptys, newest first.
func (o *dirOps) ReadDir(*vfs.File) ([]vfs.Dirent, error) {
	inst := o.inst
	inst.mu.Lock()
	defer inst.mu.Unlock()
	out := []vfs.Dirent{{Name: "ptmx", Ino: ptmxIno, Type: linux.DT_CHR, Off: inst.ptmx.seq}}
	for idx, n := range inst.ptys {
		out = append(out, vfs.Dirent{Name: strconv.Itoa(idx), Ino: n.in.Ino(), Type: linux.DT_CHR, Off: n.seq})
	}
	slices.SortFunc(out, func(a, b vfs.Dirent) int {
		switch {
		case a.Off > b.Off:
			return -1
		case a.Off < b.Off:
			return 1
		}
		return 0
	})
	return out, nil
}

func (o *dirOps) Mknod(_ *vfs.Inode, _ string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if attr.Mode&linux.S_IFMT == linux.S_IFREG {
		return nil, linux.EACCES
	}
	return nil, linux.EPERM
}

func (o *dirOps) Mkdir(*vfs.Inode, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (o *dirOps) Symlink(*vfs.Inode, string, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (o *dirOps) Link(*vfs.Inode, *vfs.Inode, string) error   { return linux.EPERM }
func (o *dirOps) Unlink(*vfs.Inode, string, *vfs.Inode) error { return linux.EPERM }
func (o *dirOps) Rmdir(*vfs.Inode, string, *vfs.Inode) error  { return linux.EPERM }

func (o *dirOps) Rename(*vfs.Inode, string, *vfs.Inode, *vfs.Inode, string, *vfs.Inode, uint32) error {
	return linux.EPERM
}

func (o *dirOps) Readlink(*vfs.Inode) (string, error) { return "", linux.EINVAL }

// Truncate: no file of devpts has a size to change.
func (o *dirOps) Truncate(*vfs.Inode, int64) error { return linux.EPERM }

// ReadAt and WriteAt are never reached: the directory is refused by
// the VFS, the nodes open with their device's driver.
func (o *dirOps) ReadAt(*vfs.File, []byte, int64) (int, error)  { return 0, linux.EISDIR }
func (o *dirOps) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EISDIR }
