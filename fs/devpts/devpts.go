// SPDX-License-Identifier: Apache-2.0

// Package devpts is fs/devpts/inode.c's filesystem: the directory of a
// set of Unix98 ptys. Every mount makes an instance of its own (since
// Linux 4.7 "newinstance" is accepted and changes nothing), holding its
// "ptmx" node (c 5:2, ptmxmode=) and a node N (c 136:N) for each pty
// opened through that ptmx, or through a /dev/ptmx that has this
// instance at "pts" beside it. The pty driver (device/tty) calls the
// Instance methods as drivers/tty/pty.c calls devpts_new_index,
// devpts_pty_new and devpts_pty_kill.
package devpts

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is DEVPTS_SUPER_MAGIC.
const Magic = linux.DEVPTS_SUPER_MAGIC

// MaxPtys is NR_UNIX98_PTY_MAX: the indexes an instance can hand out
// (max= cannot go past it).
const MaxPtys = 1 << 20

const (
	defaultMode     = 0o600 // DEVPTS_DEFAULT_MODE
	defaultPtmxMode = 0     // DEVPTS_DEFAULT_PTMX_MODE
	rootIno         = 1
	ptmxIno         = 2
	firstPtyIno     = 3 // pty N is inode N+3
)

// Type is the "devpts" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "devpts" }

// Flags implements vfs.FilesystemType: a user namespace may mount its own.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT }

// options is struct pts_mount_opts.
type options struct {
	setUID, setGID bool
	uid, gid       uint32
	mode, ptmxMode uint32
	max            int
	// reserve lets the instance use the ptys kept back for the initial
	// mount namespace (kernel.pty.reserve).
	reserve bool
}

// InitFsContext is devpts_init_fs_context: every option at its default;
// a mount made from the initial mount namespace may use the reserve.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.FsPrivate = &options{mode: defaultMode, ptmxMode: defaultPtmxMode, max: MaxPtys,
		reserve: fc.Purpose == vfs.FS_CONTEXT_FOR_MOUNT && fc.InInitMountNamespace()}
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam is devpts_parse_param over devpts_param_specs: uid= and
// gid= take a number in any C base, mode= and ptmxmode= an octal one
// (cut to the permission bits), max= an int no larger than MaxPtys;
// newinstance is a flag that does nothing.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	o := fc.FsPrivate.(*options)
	switch p.Key {
	case "newinstance":
		if p.Type != vfs.FsValueIsFlag {
			return fc.Errorf("Unexpected value for '%s'", p.Key)
		}
		return nil
	case "uid", "gid":
		n, err := parseU32(fc, p, 0)
		if err != nil {
			return err
		}
		if n == 0xffffffff {
			return fc.Errorf("Invalid %s '%s'", p.Key, p.Value)
		}
		if p.Key == "uid" {
			o.uid, o.setUID = n, true
		} else {
			o.gid, o.setGID = n, true
		}
		return nil
	case "mode", "ptmxmode":
		n, err := parseU32(fc, p, 8)
		if err != nil {
			return err
		}
		if p.Key == "mode" {
			o.mode = n & 0o7777
		} else {
			o.ptmxMode = n & 0o7777
		}
		return nil
	case "max":
		return o.parseMax(fc, p)
	}
	return vfs.ENOPARAM
}

// parseU32 is fs_param_is_u32: a string value, a number in base.
func parseU32(fc *vfs.FsContext, p *vfs.FsParameter, base int) (uint32, error) {
	if p.Type != vfs.FsValueIsString {
		return 0, fc.Errorf("Bad value for '%s'", p.Key)
	}
	n, ok := vfs.Kstrtouint(p.Value, base)
	if !ok {
		return 0, fc.Errorf("Bad value for '%s'", p.Key)
	}
	return n, nil
}

// parseMax reads max= as fsparam_s32 does, then compares it unsigned,
// so a negative one is out of range too.
func (o *options) parseMax(fc *vfs.FsContext, p *vfs.FsParameter) error {
	if p.Type != vfs.FsValueIsString {
		return fc.Errorf("Bad value for '%s'", p.Key)
	}
	neg := strings.HasPrefix(p.Value, "-")
	n, ok := vfs.Kstrtouint(strings.TrimPrefix(p.Value, "-"), 0)
	if !ok || (!neg && n > 1<<31-1) || (neg && n > 1<<31) {
		return fc.Errorf("Bad value for '%s'", p.Key)
	}
	if neg && n != 0 || n > MaxPtys {
		return fc.Errorf("max out of range")
	}
	o.max = int(n)
	return nil
}

// GetTree is devpts_get_tree: get_tree_nodev, a new instance each time,
// filled by devpts_fill_super: its root (inode 1, mode 0755) and its
// ptmx node (inode 2), owned by the mounter's fsuid and fsgid.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	o := fc.FsPrivate.(*options)
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
	if err != nil {
		return err
	}
	sb.NoDev = false // its nodes are ptys, safe to open in any namespace
	sb.BlockSize = 1024
	sb.NoBtime = true
	sb.TimeGran = 1
	inst := &Instance{sb: sb, limits: LimitsOf(fc.Kernel), opts: *o, ids: vfs.NewIDA(0, MaxPtys-1),
		ptys: make(map[int]*node)}
	sb.Private = inst
	dirOps := &dirOps{inst: inst}
	root := sb.NewInode(rootIno, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o755}, dirOps, dirOps)
	cred := fc.Cred
	if cred == nil {
		cred = vfs.RootCred()
	}
	inst.ptmx = &node{in: sb.NewInode(ptmxIno, vfs.InodeAttr{Mode: linux.S_IFCHR | o.ptmxMode,
		UID: cred.FSUID, GID: cred.FSGID, Rdev: linux.Mkdev(5, 2)}, dirOps, dirOps)}
	inst.ptmx.seq = inst.nextSeq()
	rd := vfs.NewRootDentry(root)
	sb.SetRoot(rd)
	fc.Root = rd
	return nil
}

// Reconfigure is devpts_reconfigure: every option is replaced (those not
// given go back to their defaults, as Linux has always done), except
// the reserve, and the ptmx node takes the new ptmxmode.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	o := fc.FsPrivate.(*options)
	inst := fc.Root.Inode().Superblock().Private.(*Instance)
	inst.mu.Lock()
	defer inst.mu.Unlock()
	reserve := inst.opts.reserve
	inst.opts = *o
	inst.opts.reserve = reserve
	in := inst.ptmx.in
	in.SetMode(linux.S_IFCHR | o.ptmxMode)
	return nil
}

type superOps struct{}

// ShowOptions is devpts_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	inst := sb.Private.(*Instance)
	inst.mu.Lock()
	o := inst.opts
	inst.mu.Unlock()
	if o.setUID {
		fmt.Fprintf(b, ",uid=%d", o.uid)
	}
	if o.setGID {
		fmt.Fprintf(b, ",gid=%d", o.gid)
	}
	fmt.Fprintf(b, ",mode=%03o,ptmxmode=%03o", o.mode, o.ptmxMode)
	if o.max < MaxPtys {
		fmt.Fprintf(b, ",max=%d", o.max)
	}
}

// Statfs is simple_statfs.
func (superOps) Statfs(*vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: 4096, Frsize: 4096, Namelen: linux.NAME_MAX}, nil
}

// node is a name in an instance's directory: ptmx or a pty's slave.
type node struct {
	in *vfs.Inode
	// seq orders the directory newest first, as dcache_readdir lists it.
	seq uint64
	// priv is the pty of a slave node (the dentry's d_fsdata).
	priv any
}

// Instance is struct pts_fs_info: one mount's ptys.
type Instance struct {
	sb     *vfs.Superblock
	limits *Limits
	ids    *vfs.IDA // allocated_ptys

	mu   sync.Mutex
	opts options
	ptmx *node
	ptys map[int]*node // the slave nodes there are, by index
	seq  uint64
}

func (inst *Instance) nextSeq() uint64 {
	inst.seq++
	return inst.seq
}

// Superblock returns the instance's superblock.
func (inst *Instance) Superblock() *vfs.Superblock { return inst.sb }

// instanceOf is DEVPTS_SB for a superblock known to be devpts's, or nil.
func instanceOf(sb *vfs.Superblock) *Instance {
	if _, ok := sb.Type().(Type); !ok {
		return nil
	}
	inst, _ := sb.Private.(*Instance)
	return inst
}

// ptmxPath is devpts_ptmx_path: the devpts mounted at "pts" beside p,
// which must be that instance's root (ENODEV otherwise; ENOENT with no
// "pts").
func ptmxPath(p vfs.Path) (vfs.Path, error) {
	p, err := vfs.PathPts(p)
	if err != nil {
		return vfs.Path{}, err
	}
	sb := p.Mnt.Superblock()
	if instanceOf(sb) == nil || p.Mnt.Root() != sb.Root() {
		return vfs.Path{}, linux.ENODEV
	}
	return p, nil
}

// Acquire is devpts_acquire: the instance a ptmx opened as f allocates
// in, f's own if it is devpts's ptmx, else the one at "pts" beside it.
// The instance is kept alive until Release, even past its unmounting.
func Acquire(f *vfs.File) (*Instance, error) {
	p := vfs.Path{Mnt: f.Mount(), Dentry: f.Dentry()}
	inst := instanceOf(p.Mnt.Superblock())
	if inst == nil {
		q, err := ptmxPath(p)
		if err != nil {
			return nil, err
		}
		inst = instanceOf(q.Mnt.Superblock())
	}
	inst.sb.Activate()
	return inst, nil
}

// Release is devpts_release: the hold Acquire took goes.
func (inst *Instance) Release() { inst.sb.Deactivate() }

// MountFor is devpts_mntget: the mount of this instance that master
// (an open ptmx) reaches, climbing out of file bind mounts first, so
// that the slave can be opened on it. ENODEV if that is not this
// instance.
func (inst *Instance) MountFor(master *vfs.File) (*vfs.Mount, error) {
	p := vfs.FollowUpFileBinds(vfs.Path{Mnt: master.Mount(), Dentry: master.Dentry()})
	if instanceOf(p.Mnt.Superblock()) != inst {
		q, err := ptmxPath(p)
		if err != nil {
			return nil, err
		}
		p = q
	}
	if instanceOf(p.Mnt.Superblock()) != inst {
		return nil, linux.ENODEV
	}
	return p.Mnt, nil
}

// NewIndex is devpts_new_index: the lowest free index below max=, counted
// in kernel.pty.nr; ENOSPC past either limit.
func (inst *Instance) NewIndex() (int, error) {
	inst.mu.Lock()
	max, reserve := inst.opts.max, inst.opts.reserve
	inst.mu.Unlock()
	if !inst.limits.charge(reserve) {
		return 0, linux.ENOSPC
	}
	id, ok := inst.ids.Alloc()
	if !ok || id >= max {
		if ok {
			inst.ids.Free(id)
		}
		inst.limits.uncharge()
		return 0, linux.ENOSPC
	}
	return id, nil
}

// KillIndex is devpts_kill_index.
func (inst *Instance) KillIndex(idx int) {
	inst.ids.Free(idx)
	inst.limits.uncharge()
}

// NewPty is devpts_pty_new: node idx (c 136:idx), owned by uid= and
// gid= or else by the opener's fsuid and fsgid, with mode=; priv is what
// Priv gives back for it.
func (inst *Instance) NewPty(idx int, cred *vfs.Cred, priv any) {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	o := inst.opts
	uid, gid := cred.FSUID, cred.FSGID
	if o.setUID {
		uid = o.uid
	}
	if o.setGID {
		gid = o.gid
	}
	ops := inst.ptmx.in.Ops.(*dirOps)
	in := inst.sb.NewInode(uint64(idx+firstPtyIno), vfs.InodeAttr{Mode: linux.S_IFCHR | o.mode, UID: uid, GID: gid,
		Rdev: linux.Mkdev(linux.UNIX98_PTY_SLAVE_MAJOR, uint32(idx))}, ops, ops)
	inst.ptys[idx] = &node{in: in, seq: inst.nextSeq(), priv: priv}
}

// KillPty is devpts_pty_kill: node idx goes from the directory (files
// open on it stay, with no link left), and Priv no longer finds the pty.
func (inst *Instance) KillPty(idx int) {
	inst.mu.Lock()
	n := inst.ptys[idx]
	delete(inst.ptys, idx)
	inst.mu.Unlock()
	if n == nil {
		return
	}
	n.in.DropNlink()
	inst.sb.Root().Invalidate(strconv.Itoa(idx))
}

// SlaveDentry is the dentry of node idx (tty->link->driver_data), for
// opening the slave on a mount of the instance.
func (inst *Instance) SlaveDentry(idx int) (*vfs.Dentry, error) {
	return vfs.LookupOne(inst.sb.Root(), strconv.Itoa(idx))
}

// Priv is devpts_get_priv: what NewPty was given for the slave node in,
// nil once it is killed or if in is no devpts node.
func Priv(in *vfs.Inode) any {
	inst := instanceOf(in.Superblock())
	if inst == nil || in.Ino() < firstPtyIno {
		return nil
	}
	inst.mu.Lock()
	defer inst.mu.Unlock()
	if n := inst.ptys[int(in.Ino()-firstPtyIno)]; n != nil && n.in == in {
		return n.priv
	}
	return nil
}
