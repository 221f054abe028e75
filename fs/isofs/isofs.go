// SPDX-License-Identifier: Apache-2.0

// Package isofs is fs/isofs: the read-only ISO 9660 filesystem of CD-ROM
// images, with the Rock Ridge and Joliet extensions, as Linux reads them.
// The reader is our own: inode numbers, modes and names follow the
// kernel's rules (the position of a directory record, the kernel's name
// mapping, the Rock Ridge records it honours), which a general ISO library
// does not give.
package isofs

import (
	"fmt"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is ISOFS_SUPER_MAGIC.
const Magic = 0x9660

// invalidMode is ISOFS_INVALID_MODE: no mode=/dmode= given.
const invalidMode = ^uint32(0)

// Type is the "iso9660" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "iso9660" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_REQUIRES_DEV }

// options is struct isofs_options: what the mount asked for.
type options struct {
	rock, joliet, cruft, hide, showassoc bool
	nocompress, overriderockperm         bool
	uidSet, gidSet                       bool
	mapping, check                       byte
	blocksize                            uint32
	fmode, dmode                         uint32
	uid, gid                             uint32
	iocharset                            string
	session, sbsector                    int32
}

// InitFsContext is isofs_init_fs_context: Rock Ridge and Joliet on,
// map=normal, check= chosen later, 1 KiB blocks to start with.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.FsPrivate = &options{rock: true, joliet: true, mapping: 'n', check: 'u', blocksize: 1024,
		fmode: invalidMode, dmode: invalidMode, session: -1, sbsector: -1}
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// enums are isofs_param_map and isofs_param_check.
var enums = map[string]map[string]byte{
	"map":   {"acorn": 'a', "a": 'a', "normal": 'n', "n": 'n', "off": 'o', "o": 'o'},
	"check": {"relaxed": 'r', "r": 'r', "strict": 's', "s": 's'},
}

// ParseParam is isofs_parse_param over isofs_param_spec. A remount
// takes every parameter and changes nothing.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		return nil
	}
	o := fc.FsPrivate.(*options)
	if flag := o.flagParam(p.Key); flag != nil {
		if p.Type != vfs.FsValueIsFlag {
			return fc.Errorf("Unexpected value for '%s'", p.Key)
		}
		*flag = p.Key != "norock" && p.Key != "nojoliet"
		if p.Key == "utf8" {
			o.iocharset = "utf8"
		}
		return nil
	}
	if !isValueParam(p.Key) {
		return vfs.ENOPARAM
	}
	if p.Type != vfs.FsValueIsString {
		return fc.Errorf("Bad value for '%s'", p.Key)
	}
	return o.valueParam(fc, p.Key, p.Value)
}

// flagParam returns the option a fsparam_flag sets, nil for another key.
func (o *options) flagParam(key string) *bool {
	var utf8 bool
	switch key {
	case "norock":
		return &o.rock
	case "nojoliet":
		return &o.joliet
	case "unhide", "showassoc":
		return &o.showassoc
	case "hide":
		return &o.hide
	case "cruft":
		return &o.cruft
	case "utf8":
		return &utf8
	case "overriderockperm":
		return &o.overriderockperm
	case "nocompress":
		return &o.nocompress
	}
	return nil
}

func isValueParam(key string) bool {
	switch key {
	case "iocharset", "map", "session", "sbsector", "check", "uid", "gid", "mode", "dmode", "block", "conv":
		return true
	}
	return false
}

// valueParam takes the parameters with a value: fs_parse's checks of
// the string, then isofs_parse_param's own limits (session below 99,
// block 512, 1024 or 2048, each refused without a message).
func (o *options) valueParam(fc *vfs.FsContext, key, v string) error {
	bad := func() error { return fc.Errorf("Bad value for '%s'", key) }
	switch key {
	case "iocharset", "conv":
		if v == "" {
			return bad()
		}
		if key == "iocharset" {
			o.iocharset = v
		}
		return nil
	case "map", "check":
		c, ok := enums[key][v]
		if !ok {
			return bad()
		}
		if key == "map" {
			o.mapping = c
		} else {
			o.check = c
		}
		return nil
	}
	n, ok := vfs.Kstrtouint(v, 0)
	if !ok {
		return bad()
	}
	switch key {
	case "session":
		if n >= 99 {
			return linux.EINVAL
		}
		o.session = int32(n) + 1
	case "sbsector":
		o.sbsector = int32(n)
	case "uid", "gid":
		if n == 0xffffffff {
			return fc.Errorf("Invalid %s '%s'", key, v)
		}
		if key == "uid" {
			o.uid, o.uidSet = n, true
		} else {
			o.gid, o.gidSet = n, true
		}
	case "mode":
		o.fmode = n
	case "dmode":
		o.dmode = n
	case "block":
		if n != 512 && n != 1024 && n != 2048 {
			return linux.EINVAL
		}
		o.blocksize = n
	default:
		return vfs.ENOPARAM
	}
	return nil
}

// GetTree is isofs_get_tree.
func (contextOps) GetTree(fc *vfs.FsContext) error { return fc.GetTreeBdev(fillSuper) }

// Reconfigure is isofs_reconfigure: the filesystem stays read-only.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	if fc.SbFlags&linux.SB_RDONLY == 0 {
		return linux.EROFS
	}
	return nil
}

// image is struct isofs_sb_info with what reading the image needs.
type image struct {
	disk     vfs.Disk
	sb       *vfs.Superblock
	bits     uint32 // s_blocksize_bits: the logical zone size
	bs       uint32
	nzones   uint32
	zoneBits uint32
	hs       bool // High Sierra: flags one byte earlier, no Rock Ridge

	jolietLevel      int
	mapping, check   byte
	session          int32
	sbsector         int32
	cruft, hide      bool
	showassoc        bool
	nocompress       bool
	overriderockperm bool
	uidSet, gidSet   bool
	uid, gid         uint32
	fmode, dmode     uint32

	mu         sync.Mutex
	rock       int // s_rock: 0 off, 2 maybe, 1 seen (an ER record)
	rockOffset int // s_rock_offset: -1 until an SP record says
	inodes     map[uint64]*vfs.Inode
	blocks     map[uint32][]byte
}

func (img *image) printk(format string, args ...any) {
	img.sb.Kernel().Printk(fmt.Sprintf(format, args...))
}

// debugf is printk(KERN_DEBUG ...): logged, below the console's level.
func (img *image) debugf(format string, args ...any) {
	img.sb.Kernel().Printk(vfs.KernDebug + fmt.Sprintf(format, args...))
}

type superOps struct{}

// ShowOptions is isofs_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	img := sb.Private.(*image)
	img.mu.Lock()
	rock := img.rock
	img.mu.Unlock()
	if rock == 0 {
		b.WriteString(",norock")
	} else if img.jolietLevel == 0 {
		b.WriteString(",nojoliet")
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{img.cruft, "cruft"}, {img.hide, "hide"}, {img.nocompress, "nocompress"},
		{img.overriderockperm, "overriderockperm"}, {img.showassoc, "showassoc"}} {
		if f.on {
			b.WriteString("," + f.name)
		}
	}
	fmt.Fprintf(b, ",check=%c,map=%c", img.check, img.mapping)
	if img.session != -1 {
		fmt.Fprintf(b, ",session=%d", img.session-1)
	}
	if img.sbsector != -1 {
		fmt.Fprintf(b, ",sbsector=%d", uint32(img.sbsector))
	}
	if img.bs != 1024 {
		fmt.Fprintf(b, ",blocksize=%d", img.bs)
	}
	if img.uidSet {
		fmt.Fprintf(b, ",uid=%d", img.uid)
	}
	if img.gidSet {
		fmt.Fprintf(b, ",gid=%d", img.gid)
	}
	if img.dmode != invalidMode {
		fmt.Fprintf(b, ",dmode=%o", img.dmode)
	}
	if img.fmode != invalidMode {
		fmt.Fprintf(b, ",fmode=%o", img.fmode)
	}
	// Only utf8 is ever loaded (CONFIG_NLS_DEFAULT="utf8" and no NLS
	// tables, as on the reference kernel), which shows as no table.
	b.WriteString(",iocharset=utf8")
}

// Statfs is isofs_statfs: the volume's zones in blocks, none free.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	img := sb.Private.(*image)
	return vfs.Statfs{
		Type:    Magic,
		Bsize:   int64(img.bs),
		Frsize:  int64(img.bs),
		Blocks:  uint64(img.nzones) << (img.zoneBits - img.bits),
		Namelen: 255,
	}, nil
}
