// SPDX-License-Identifier: Apache-2.0

// Package tmpfs is shmem (mm/shmem.c): the tmpfs filesystem type with its
// size and inode limits, and rootfs, which Linux backs with tmpfs.
package tmpfs

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is TMPFS_MAGIC.
const Magic = 0x01021994

// bogoInodeSize is BOGO_INODE_SIZE: the inode "space" each inode or extra
// hard link takes from nr_inodes.
const bogoInodeSize = 1024

// Type is the "tmpfs" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "tmpfs" }

// Flags implements vfs.FilesystemType: tmpfs needs no device and may be
// mounted in user namespaces.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT | vfs.FS_ALLOW_IDMAP | vfs.FS_MGTIME }

// InitFsContext is shmem_init_fs_context.
func (Type) InitFsContext(fc *vfs.FsContext) error { return initFsContext(fc) }

// RootfsType is rootfs_fs_type with tmpfs behind it (init_rootfs with
// is_tmpfs): it is not registered, init_mount_tree mounts it directly.
type RootfsType struct{}

// Name implements vfs.FilesystemType.
func (RootfsType) Name() string { return "rootfs" }

// Flags implements vfs.FilesystemType.
func (RootfsType) Flags() vfs.FSTypeFlags { return 0 }

// InitFsContext is rootfs_init_fs_context.
func (RootfsType) InitFsContext(fc *vfs.FsContext) error { return initFsContext(fc) }

// seen bits (SHMEM_SEEN_*): which options were given.
const (
	seenBlocks = 1 << iota
	seenInodes
	seenHuge
	seenInums
	seenNoswap
	seenMpol
)

// options is struct shmem_options.
type options struct {
	blocks    uint64
	inodes    uint64
	mode      uint32
	uid, gid  uint32
	huge      string
	fullInums bool
	noswap    bool
	mpol      string // the policy as mpol_to_str shows it; "" for none
	seen      int
	// info is the superblock information GetTree makes of the options,
	// and sb the superblock, in one allocation with them: a mount(2) of
	// tmpfs made each separately.
	info sbInfo
	sb   vfs.Superblock
}

type contextOps struct{}

func initFsContext(fc *vfs.FsContext) error {
	opts := &options{mode: 0o777 | linux.S_ISVTX}
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		info := fc.Root.Inode().Superblock().Private.(*sbInfo)
		info.mu.Lock()
		opts.mode, opts.uid, opts.gid = info.mode, info.uid, info.gid
		info.mu.Unlock()
	}
	fc.FsPrivate = opts
	fc.Ops = contextOps{}
	return nil
}

// ParseParam is shmem_parse_one.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	o := fc.FsPrivate.(*options)
	str := func() (string, error) {
		if p.Type != vfs.FsValueIsString || p.Value == "" {
			return "", fc.Errorf("Bad value for '%s'", p.Key)
		}
		return p.Value, nil
	}
	flag := func() error {
		if p.Type != vfs.FsValueIsFlag {
			return fc.Errorf("Unexpected value for '%s'", p.Key)
		}
		return nil
	}
	switch p.Key {
	case "size", "nr_blocks", "nr_inodes":
		v, err := str()
		if err != nil {
			return err
		}
		return o.parseSize(fc, p.Key, v)
	case "mode", "uid", "gid":
		v, err := str()
		if err != nil {
			return err
		}
		return o.parseOwner(fc, p.Key, v)
	case "huge":
		v, err := str()
		if err != nil {
			return err
		}
		switch v {
		case "never", "always", "within_size", "advise":
			o.huge, o.seen = v, o.seen|seenHuge
			return nil
		}
		return fc.Errorf("Bad value for '%s'", p.Key)
	case "inode32", "inode64":
		if err := flag(); err != nil {
			return err
		}
		o.fullInums, o.seen = p.Key == "inode64", o.seen|seenInums
		return nil
	case "noswap":
		if err := flag(); err != nil {
			return err
		}
		o.noswap, o.seen = true, o.seen|seenNoswap
		return nil
	case "mpol":
		v, err := str()
		if err != nil {
			return err
		}
		shown, ok := parseMpol(v)
		if !ok {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		o.mpol, o.seen = shown, o.seen|seenMpol
		return nil
	}
	return vfs.ENOPARAM
}

func (o *options) parseSize(fc *vfs.FsContext, key, v string) error {
	n, rest := vfs.Memparse(v)
	switch key {
	case "size":
		if strings.HasPrefix(rest, "%") {
			n = n << 12 * fc.Kernel.TotalRAMPages() / 100
			rest = rest[1:]
		}
		if rest != "" {
			return fc.Errorf("Bad value for '%s'", key)
		}
		o.blocks = (n + libfs.PageSize - 1) / libfs.PageSize
		o.seen |= seenBlocks
	case "nr_blocks":
		if rest != "" || n > math.MaxInt64 { // ctx->blocks > LONG_MAX
			return fc.Errorf("Bad value for '%s'", key)
		}
		o.blocks = n
		o.seen |= seenBlocks
	case "nr_inodes":
		if rest != "" || n > ^uint64(0)/bogoInodeSize {
			return fc.Errorf("Bad value for '%s'", key)
		}
		o.inodes = n
		o.seen |= seenInodes
	}
	return nil
}

// parseOwner reads mode= (fsparam_u32oct) and uid=, gid= (fsparam_uid,
// fsparam_gid: a u32 in any C base that must be a valid ID).
func (o *options) parseOwner(fc *vfs.FsContext, key, v string) error {
	base := 0
	if key == "mode" {
		base = 8
	}
	n, ok := vfs.Kstrtouint(v, base)
	if !ok {
		return fc.Errorf("Bad value for '%s'", key)
	}
	switch key {
	case "mode":
		o.mode = n & 0o7777
	case "uid":
		// fsparam_uid reads it in the mounter's user namespace; the
		// owner must also exist in the filesystem's (shmem_parse_one).
		kuid, ok := fc.Cred.Namespace().MakeKUID(n)
		if !ok {
			return fc.Errorf("Invalid uid '%s'", v)
		}
		if !fc.UserNS.HasUID(kuid) {
			return fc.Errorf("Bad value for '%s'", key)
		}
		o.uid = kuid
	case "gid":
		kgid, ok := fc.Cred.Namespace().MakeKGID(n)
		if !ok {
			return fc.Errorf("Invalid gid '%s'", v)
		}
		if !fc.UserNS.HasGID(kgid) {
			return fc.Errorf("Bad value for '%s'", key)
		}
		o.gid = kgid
	}
	return nil
}

// sbInfo is struct shmem_sb_info.
type sbInfo struct {
	k          *vfs.Kernel
	mu         sync.Mutex
	maxBlocks  uint64 // 0: unlimited
	usedBlocks uint64
	maxInodes  uint64 // 0: unlimited
	freeIspace uint64
	mode       uint32
	uid, gid   uint32
	huge       string
	fullInums  bool
	noswap     bool
	mpol       string
	fs         libfs.FS // the instance's operations, in one allocation with it
}

func defaultMaxBlocks(k *vfs.Kernel) uint64 { return k.TotalRAMPages() / 2 }
func defaultMaxInodes(k *vfs.Kernel) uint64 { return k.TotalRAMPages() / 2 }

// ReserveInode is shmem_reserve_inode.
func (s *sbInfo) ReserveInode() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxInodes != 0 {
		if s.freeIspace < bogoInodeSize {
			return linux.ENOSPC
		}
		s.freeIspace -= bogoInodeSize
	}
	return nil
}

// FreeInode is shmem_free_inode.
func (s *sbInfo) FreeInode() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxInodes != 0 {
		s.freeIspace += bogoInodeSize
	}
}

// ReserveIspace charges an extended attribute to the inode space when
// nr_inodes limits it (shmem_xattr_handler_set).
func (s *sbInfo) ReserveIspace(n uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxInodes != 0 {
		if s.freeIspace < n {
			return linux.ENOSPC
		}
		s.freeIspace -= n
	}
	return nil
}

// FreeIspace gives an attribute's space back.
func (s *sbInfo) FreeIspace(n uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxInodes != 0 {
		s.freeIspace += n
	}
}

// ReservePages is shmem_inode_acct_blocks.
func (s *sbInfo) ReservePages(n int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxBlocks != 0 && s.usedBlocks+uint64(n) > s.maxBlocks {
		return linux.ENOSPC
	}
	s.usedBlocks += uint64(n)
	s.k.AccountShmem(n)
	return nil
}

// FreePages is shmem_inode_unacct_blocks.
func (s *sbInfo) FreePages(n int64) {
	s.mu.Lock()
	s.usedBlocks -= uint64(n)
	s.mu.Unlock()
	s.k.AccountShmem(-n)
}

// GetTree is shmem_get_tree → get_tree_nodev → shmem_fill_super.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	o := fc.FsPrivate.(*options)
	info := &o.info // allocated with the options (see options.info)
	*info = sbInfo{k: fc.Kernel, mode: o.mode, uid: o.uid, gid: o.gid, huge: o.huge,
		fullInums: o.fullInums, noswap: o.noswap, mpol: o.mpol, maxBlocks: o.blocks, maxInodes: o.inodes}
	if fc.SbFlags&linux.SB_KERNMOUNT == 0 {
		if o.seen&seenBlocks == 0 {
			info.maxBlocks = defaultMaxBlocks(fc.Kernel)
		}
		if o.seen&seenInodes == 0 {
			info.maxInodes = defaultMaxInodes(fc.Kernel)
		}
	}
	info.freeIspace = info.maxInodes * bogoInodeSize
	sb := &o.sb
	if err := fc.Kernel.InitSuperblock(sb, fc, superOps{}); err != nil {
		return err
	}
	sb.Private = info
	sb.GenerateUUID() // shmem_fill_super: statfs reports it as f_fsid
	info.fs = libfs.FS{Acct: info, DirSizes: true, CountBlocks: true, CanFallocate: true, Xattrs: true, Whiteouts: true, Fileattrs: true}
	fs := &info.fs
	root, err := fs.NewRoot(sb, vfs.InodeAttr{Mode: linux.S_IFDIR | info.mode, UID: info.uid, GID: info.gid})
	if err != nil {
		return err
	}
	sb.SetRoot(root)
	fc.Root = root
	return nil
}

// Reconfigure is shmem_reconfigure: new limits must fit what is in use,
// and a limit cannot be imposed on an unlimited instance.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	o := fc.FsPrivate.(*options)
	info := fc.Root.Inode().Superblock().Private.(*sbInfo)
	info.mu.Lock()
	defer info.mu.Unlock()
	usedInodes := info.maxInodes*bogoInodeSize - info.freeIspace
	switch {
	case o.seen&seenBlocks != 0 && o.blocks != 0 && o.blocks < info.usedBlocks:
		return fc.Errorf("Too small a size for current use")
	case o.seen&seenInodes != 0 && o.inodes != 0 && o.inodes*bogoInodeSize < usedInodes:
		return fc.Errorf("Too few inodes for current use")
	case o.seen&seenBlocks != 0 && o.blocks != 0 && info.maxBlocks == 0:
		return fc.Errorf("Cannot retroactively limit size")
	case o.seen&seenInodes != 0 && o.inodes != 0 && info.maxInodes == 0:
		return fc.Errorf("Cannot retroactively limit inodes")
	}
	if o.seen&seenBlocks != 0 {
		info.maxBlocks = o.blocks
	}
	if o.seen&seenInodes != 0 {
		info.freeIspace = o.inodes*bogoInodeSize - usedInodes
		info.maxInodes = o.inodes
	}
	if o.seen&seenHuge != 0 {
		info.huge = o.huge
	}
	if o.seen&seenInums != 0 {
		info.fullInums = o.fullInums
	}
	if o.seen&seenNoswap != 0 {
		info.noswap = true
	}
	if o.mpol != "" {
		// mpol=default parses to no policy, which leaves the old one.
		info.mpol = o.mpol
	}
	return nil
}

type superOps struct{}

// ShowOptions is shmem_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	info := sb.Private.(*sbInfo)
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.maxBlocks != defaultMaxBlocks(info.k) {
		fmt.Fprintf(b, ",size=%dk", info.maxBlocks*(libfs.PageSize/1024))
	}
	if info.maxInodes != defaultMaxInodes(info.k) {
		fmt.Fprintf(b, ",nr_inodes=%d", info.maxInodes)
	}
	if info.mode != 0o777|linux.S_ISVTX {
		fmt.Fprintf(b, ",mode=%03o", info.mode)
	}
	if info.uid != 0 {
		fmt.Fprintf(b, ",uid=%d", info.uid)
	}
	if info.gid != 0 {
		fmt.Fprintf(b, ",gid=%d", info.gid)
	}
	if info.fullInums {
		b.WriteString(",inode64")
	}
	if info.huge != "" && info.huge != "never" {
		b.WriteString(",huge=" + info.huge)
	}
	if info.mpol != "" {
		b.WriteString(",mpol=" + info.mpol)
	}
	if info.noswap {
		b.WriteString(",noswap")
	}
}

// Statfs is shmem_statfs.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	info := sb.Private.(*sbInfo)
	info.mu.Lock()
	defer info.mu.Unlock()
	st := vfs.Statfs{Type: Magic, Bsize: libfs.PageSize, Frsize: libfs.PageSize, Namelen: linux.NAME_MAX,
		Fsid: vfs.FoldUUID(sb.UUID)}
	if info.maxBlocks != 0 {
		st.Blocks = info.maxBlocks
		st.Bfree = info.maxBlocks - info.usedBlocks
		st.Bavail = st.Bfree
	}
	if info.maxInodes != 0 {
		st.Files = info.maxInodes
		st.Ffree = info.freeIspace / bogoInodeSize
	}
	return st, nil
}

// parseMpol is mpol_parse_str for a machine with one memory node (node
// 0): "MODE[=static|relative][:NODELIST]", returned as mpol_to_str would
// show it ("" for default, which sets no policy).
func parseMpol(v string) (string, bool) {
	spec, nodes, hasNodes := strings.Cut(v, ":")
	mode, flags, hasFlags := strings.Cut(spec, "=")
	if hasFlags && flags != "static" && flags != "relative" {
		return "", false
	}
	if hasNodes && !onlineNodes(nodes) {
		return "", false
	}
	if hasFlags {
		mode += "=" + flags
	}
	switch strings.TrimSuffix(strings.TrimSuffix(mode, "=static"), "=relative") {
	case "default":
		return "", !hasNodes && !hasFlags
	case "local":
		return "local", !hasNodes && !hasFlags
	case "prefer":
		if !hasNodes {
			return "local", !hasFlags // a preference for no node is local
		}
		return mode + ":0", true
	case "bind":
		return mode + ":0", hasNodes
	case "interleave":
		return mode + ":0", true // no list: all online nodes
	}
	return "", false
}

// onlineNodes reports whether a node list ("0", "0-0", "0,0") is not
// empty and names only node 0, the one online node.
func onlineNodes(list string) bool {
	if list == "" {
		return false
	}
	for _, part := range strings.Split(list, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if lo != "0" || isRange && hi != "0" {
			return false
		}
	}
	return true
}
