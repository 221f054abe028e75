// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// pseudoFS is a filesystem type of the kind init_pseudo makes (pipefs,
// sockfs, anon_inodefs): the kernel mounts it once for itself, nobody can
// graft it anywhere (SB_NOUSER), and its objects live in no directory, so
// that their paths are names made up on demand (d_dname), such as
// "pipe:[1234]".
type pseudoFS struct {
	name  string
	magic uint64
	// dname is the name a path shows for one of its objects.
	dname func(d *Dentry) string
}

func (p *pseudoFS) Name() string       { return p.name }
func (p *pseudoFS) Flags() FSTypeFlags { return 0 }

func (p *pseudoFS) InitFsContext(fc *FsContext) error {
	fc.Ops = pseudoContext{p}
	return nil
}

// pseudoContext configures a pseudo filesystem: it takes no options.
type pseudoContext struct{ fs *pseudoFS }

func (pseudoContext) ParseParam(*FsContext, *FsParameter) error { return ENOPARAM }

func (pseudoContext) Reconfigure(*FsContext) error { return nil }

// GetTree is pseudo_fs_get_tree: a fresh superblock whose root is a
// directory only root may enter (S_IRUSR|S_IWUSR, as Linux makes it).
func (c pseudoContext) GetTree(fc *FsContext) error {
	sb, err := fc.Kernel.NewSuperblock(fc, pseudoSuper{c.fs})
	if err != nil {
		return err
	}
	sb.SetFlags(linux.SB_NOUSER, linux.SB_NOUSER)
	sb.NoBtime = true // pipes, sockets and namespace files have no birth time
	in := sb.NewInode(1, InodeAttr{Mode: linux.S_IFDIR | 0o600}, nil, nil)
	sb.SetRoot(NewRootDentry(in))
	fc.Root = sb.Root()
	return nil
}

// pseudoSuper is the superblock of a pseudo filesystem.
type pseudoSuper struct{ fs *pseudoFS }

func (pseudoSuper) ShowOptions(*Superblock, *strings.Builder) {}

// Statfs is simple_statfs: the magic number and nothing else.
func (s pseudoSuper) Statfs(*Superblock) (Statfs, error) {
	return Statfs{Type: s.fs.magic, Bsize: 4096, Namelen: linux.NAME_MAX}, nil
}

// newPseudoObject is new_inode_pseudo + d_alloc_pseudo: an inode of sb
// with the next kernel-wide inode number (get_next_ino), owned by cred,
// under a dentry that is its own parent and is in no directory.
func newPseudoObject(sb *Superblock, mode uint32, cred *Cred, fops FileOperations) *Dentry {
	attr := InodeAttr{Mode: mode, UID: cred.FSUID, GID: cred.FSGID}
	in := sb.NewInode(sb.k.GetNextIno(), attr, nil, fops)
	d := &Dentry{inode: in}
	d.setWhere(d, "")
	return d
}

// pseudoName is what d_path shows for an object of a pseudo filesystem,
// or "" for a dentry of any other filesystem.
func pseudoName(d *Dentry) string {
	if p, ok := d.inode.sb.fsType.(*pseudoFS); ok && d != d.inode.sb.root {
		return p.dname(d)
	}
	return ""
}
