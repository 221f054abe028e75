// SPDX-License-Identifier: Apache-2.0

// Package romfs is fs/romfs on a block device: the small read-only
// filesystem of genromfs images. Each file header's offset in the image is
// its inode number; the image stores only a type and an exec bit, and the
// permissions follow from them as romfs_iget sets them.
package romfs

import (
	"encoding/binary"
	"fmt"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is ROMFS_MAGIC ("-rom1fs-" read as a number).
const Magic = 0x7275

// On-disk constants (include/uapi/linux/romfs_fs.h).
const (
	blockSize  = 1024 // ROMBSIZE
	headerSize = 16   // ROMFH_SIZE
	maxName    = 128  // ROMFS_MAXFN
	typeMask   = 7    // ROMFH_TYPE
	execBit    = 8    // ROMFH_EXEC
	alignMask  = ^uint32(15)
)

// File types of a header's next word.
const (
	typeHardLink = iota
	typeDir
	typeReg
	typeSymlink
	typeBlock
	typeChar
	typeSocket
	typeFifo
)

// modeMap is romfs_modemap: the mode each type gets.
var modeMap = [8]uint32{
	0,
	linux.S_IFDIR | 0o644,
	linux.S_IFREG | 0o644,
	linux.S_IFLNK | 0o777,
	linux.S_IFBLK | 0o600,
	linux.S_IFCHR | 0o600,
	linux.S_IFSOCK | 0o644,
	linux.S_IFIFO | 0o644,
}

// direntTypes is romfs_dtype_table.
var direntTypes = [8]uint8{linux.DT_UNKNOWN, linux.DT_DIR, linux.DT_REG, linux.DT_LNK,
	linux.DT_BLK, linux.DT_CHR, linux.DT_SOCK, linux.DT_FIFO}

// Type is the "romfs" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "romfs" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_REQUIRES_DEV }

// InitFsContext is romfs_init_fs_context: romfs takes no parameters.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam: romfs has no parse_param, so every key but the VFS's own
// is unknown.
func (contextOps) ParseParam(*vfs.FsContext, *vfs.FsParameter) error { return vfs.ENOPARAM }

// GetTree is romfs_get_tree on a block device.
func (contextOps) GetTree(fc *vfs.FsContext) error { return fc.GetTreeBdev(fillSuper) }

// Reconfigure is romfs_reconfigure: a remount stays read-only.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	fc.SbFlags |= linux.SB_RDONLY
	return nil
}

// image is what a mounted romfs keeps: the disk and the image's size
// (romfs_maxsize), past which nothing is read.
type image struct {
	disk vfs.Disk
	sb   *vfs.Superblock
	size uint32

	mu     sync.Mutex
	inodes map[uint32]*vfs.Inode
}

// fillSuper is romfs_fill_super: check the "-rom1fs-" header and the
// checksum of its first 512 bytes, then read the first file header as
// the root directory.
func fillSuper(sb *vfs.Superblock, disk vfs.Disk, fc *vfs.FsContext) error {
	img := &image{disk: disk, sb: sb, size: 512, inodes: map[uint32]*vfs.Inode{}}
	hdr, err := img.read(0, 512)
	if err != nil {
		return err
	}
	img.size = binary.BigEndian.Uint32(hdr[8:])
	if string(hdr[:8]) != "-rom1fs-" || img.size < headerSize {
		if fc.SbFlags&linux.SB_SILENT == 0 {
			fc.Logf("VFS: Can't find a romfs filesystem on dev %s.", diskName(disk, fc))
		}
		return linux.EINVAL
	}
	if checksum(hdr[:min(img.size, 512)]) != 0 {
		sb.Kernel().Printk(vfs.KernErr + fmt.Sprintf("romfs: bad initial checksum on dev %s.", diskName(disk, fc)))
		return linux.EINVAL
	}
	name := hdr[headerSize:min(headerSize+maxName, len(hdr))]
	if i := strings.IndexByte(string(name), 0); i >= 0 {
		name = name[:i]
	}
	if fc.SbFlags&linux.SB_SILENT == 0 {
		sb.Kernel().Printk(vfs.KernNotice + fmt.Sprintf("romfs: Mounting image '%s' through the block layer", name))
	}
	root, err := img.iget((headerSize + uint32(len(name)) + 1 + 15) & alignMask)
	if err != nil {
		return err
	}
	sb.Private = img
	sb.Ops = superOps{}
	sb.SetFlags(linux.SB_RDONLY|linux.SB_NOATIME, linux.SB_RDONLY|linux.SB_NOATIME)
	sb.BlockSize = blockSize
	sb.NoBtime = true
	sb.TimeMin, sb.TimeMax = 0, 0
	sb.SetRoot(vfs.NewRootDentry(root))
	return nil
}

// checksum is romfs_checksum: the big-endian words' sum, zero when good.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}

// read is romfs_dev_read: n bytes at pos, all within the image.
func (img *image) read(pos, n uint32) ([]byte, error) {
	if pos >= img.size || n > img.size-pos {
		return nil, linux.EIO
	}
	b := make([]byte, n)
	if got, _ := img.disk.ReadAt(b, int64(pos)); got != int(n) {
		return nil, linux.EIO
	}
	return b, nil
}

// name is romfs_dev_strnlen and the read of a header's name: up to
// maxName bytes, ending at a NUL or the image's end.
func (img *image) name(pos uint32) ([]byte, error) {
	if pos >= img.size {
		return nil, linux.EIO
	}
	b, err := img.read(pos, min(maxName, img.size-pos))
	if err != nil {
		return nil, err
	}
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return b, nil
}

// header is struct romfs_inode.
type header struct{ next, spec, size uint32 }

func (img *image) header(pos uint32) (header, error) {
	b, err := img.read(pos, headerSize)
	if err != nil {
		return header{}, err
	}
	be := binary.BigEndian
	return header{be.Uint32(b), be.Uint32(b[4:]), be.Uint32(b[8:])}, nil
}

// diskName is %pg of the disk ("loop0"), or the mount source.
func diskName(disk vfs.Disk, fc *vfs.FsContext) string {
	if n, ok := disk.(interface{ Name() string }); ok {
		return n.Name()
	}
	return fc.Source
}

type superOps struct{}

// ShowOptions: romfs shows no options of its own.
func (superOps) ShowOptions(*vfs.Superblock, *strings.Builder) {}

// Statfs is romfs_statfs: the image's size in 1 KiB blocks, none free.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	img := sb.Private.(*image)
	return vfs.Statfs{
		Type:    Magic,
		Bsize:   blockSize,
		Frsize:  blockSize,
		Blocks:  (uint64(img.size) + blockSize - 1) / blockSize,
		Namelen: maxName,
	}, nil
}
