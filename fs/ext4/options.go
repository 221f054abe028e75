// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Mount option bits (EXT4_MOUNT_*), those this driver keeps.
const (
	optGrpid          = 0x4
	optDebug          = 0x8
	optErrorsCont     = 0x10
	optErrorsRO       = 0x20
	optErrorsPanic    = 0x40
	optErrorsMask     = 0x70
	optMinixDf        = 0x80
	optNoload         = 0x100
	optDataJournal    = 0x400
	optDataOrdered    = 0x800
	optDataWriteback  = 0xC00
	optDataMask       = 0xC00
	optNoUID32        = 0x2000
	optXattrUser      = 0x4000
	optPosixACL       = 0x8000
	optNoAutoDaAlloc  = 0x10000
	optBarrier        = 0x20000
	optQuota          = 0x40000
	optUsrQuota       = 0x80000
	optDiorNolock     = 0x400000
	optJournalCsum    = 0x800000
	optJournalAsync   = 0x1000000
	optPrjQuota       = 0x2000000
	optGrpQuota       = 0x4000000
	optDataErrAbort   = 0x8000000
	optWarnOnError    = 0x10000000
	optNoPrefetchBB   = 0x20000000
	optNoMbcache      = 0x40000000
	optDelalloc       = 0x100000000
	optDiscard        = 0x200000000
	optInitInodeTable = 0x400000000
	optBlockValidity  = 0x800000000
)

// Per-option flags (MOPT_*).
const (
	moptSet      = 0x1
	moptClear    = 0x2
	moptExplicit = 0x8
	moptNoExt2   = 0x20
	moptNoExt3   = 0x40
	moptExt4Only = moptNoExt2 | moptNoExt3
)

// mountOpt is one row of ext4_mount_opts: a name, the bits it sets or
// clears, and which type names refuse it. The order is the kernel's, which
// is also the order show_options prints them in.
type mountOpt struct {
	name  string
	bits  uint64
	flags int
}

var mountOpts = []mountOpt{
	{"minixdf", optMinixDf, moptSet},
	{"bsddf", optMinixDf, moptClear},
	{"grpid", optGrpid, moptSet},
	{"nogrpid", optGrpid, moptClear},
	{"block_validity", optBlockValidity, moptSet},
	{"noblock_validity", optBlockValidity, moptClear},
	{"dioread_nolock", optDiorNolock, moptExt4Only | moptSet},
	{"nodioread_nolock", optDiorNolock, moptExt4Only | moptClear},
	{"discard", optDiscard, moptSet},
	{"nodiscard", optDiscard, moptClear},
	{"delalloc", optDelalloc, moptExt4Only | moptSet | moptExplicit},
	{"nodelalloc", optDelalloc, moptExt4Only | moptClear},
	{"warn_on_error", optWarnOnError, moptSet},
	{"nowarn_on_error", optWarnOnError, moptClear},
	{"commit", 0, moptNoExt2},
	{"nojournal_checksum", optJournalCsum, moptExt4Only | moptClear},
	{"journal_checksum", optJournalCsum, moptExt4Only | moptSet | moptExplicit},
	{"journal_async_commit", optJournalAsync | optJournalCsum, moptExt4Only | moptSet | moptExplicit},
	{"norecovery", optNoload, moptNoExt2 | moptSet},
	{"data_err", optDataErrAbort, moptNoExt2},
	{"barrier", optBarrier, moptSet},
	{"nobarrier", optBarrier, moptClear},
	{"noauto_da_alloc", optNoAutoDaAlloc, moptSet},
	{"auto_da_alloc", optNoAutoDaAlloc, moptClear},
	{"noinit_itable", optInitInodeTable, moptClear},
	{"data", 0, moptNoExt2},
	{"user_xattr", optXattrUser, moptSet},
	{"acl", optPosixACL, moptSet},
	{"nouid32", optNoUID32, moptSet},
	{"debug", optDebug, moptSet},
	{"nombcache", optNoMbcache, moptSet},
	{"no_prefetch_block_bitmaps", optNoPrefetchBB, moptSet},
}

// aliases are the parameter names ext4_param_specs maps onto another
// row's token.
var aliases = map[string]string{
	"bsdgroups": "grpid", "sysvgroups": "nogrpid", "noload": "norecovery",
	"dioread_lock": "nodioread_nolock", "no_mbcache": "nombcache",
}

// removedOpts are accepted and ignored with a warning (Opt_removed).
var removedOpts = map[string]bool{
	"oldalloc": true, "orlov": true, "bh": true, "nobh": true, "i_version": true,
	"mblk_io_submit": true, "nomblk_io_submit": true, "prefetch_block_bitmaps": true,
	"check": true, "nocheck": true, "reservation": true, "noreservation": true, "journal": true,
}

// u32Opts are the numeric parameters kept (fsparam_u32), by name.
var u32Opts = []string{"commit", "resuid", "resgid", "init_itable", "stripe",
	"min_batch_time", "max_batch_time", "inode_readahead_blks", "max_dir_size_kb", "journal_ioprio"}

// options is struct ext4_fs_context: what the mount asked for.
type options struct {
	set, clear uint64 // vals_s_mount_opt under mask_s_mount_opt
	optFlags   int    // the MOPT_* flags of every option given
	nums       map[string]uint32
	dataErr    string
}

func (o *options) setBits(bits uint64, on bool) {
	if on {
		o.set |= bits
		o.clear &^= bits
	} else {
		o.clear |= bits
		o.set &^= bits
	}
}

// parseParam is ext4_parse_param for the parameters this driver knows.
func parseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	o := fc.FsPrivate.(*options)
	key := p.Key
	if removedOpts[key] {
		fc.Logf("EXT4-fs: Ignoring removed %s option", key)
		return nil
	}
	if a, ok := aliases[key]; ok {
		key = a
	}
	switch key {
	case "errors":
		return o.parseEnum(fc, p, map[string]uint64{"continue": optErrorsCont, "panic": optErrorsPanic, "remount-ro": optErrorsRO}, optErrorsMask, 0)
	case "data":
		o.optFlags |= moptNoExt2
		return o.parseEnum(fc, p, map[string]uint64{"journal": optDataJournal, "ordered": optDataOrdered, "writeback": optDataWriteback}, optDataMask, 0)
	case "data_err":
		o.optFlags |= moptNoExt2
		if p.Type != vfs.FsValueIsString || p.Value != "abort" && p.Value != "ignore" {
			return badValue(fc, p)
		}
		o.setBits(optDataErrAbort, p.Value == "abort")
		return nil
	case "barrier", "auto_da_alloc", "init_itable":
		if p.Type == vfs.FsValueIsString {
			return o.parseFlagNumber(fc, p, key)
		}
	}
	for _, name := range u32Opts {
		if key == name {
			return o.parseU32(fc, p, key)
		}
	}
	for _, m := range mountOpts {
		if m.name != key || m.bits == 0 {
			continue
		}
		if p.Type != vfs.FsValueIsFlag {
			return fc.Errorf("Unexpected value for '%s'", p.Key)
		}
		o.optFlags |= m.flags
		o.setBits(m.bits, m.flags&moptSet != 0)
		return nil
	}
	if key == "init_itable" && p.Type == vfs.FsValueIsFlag {
		o.setBits(optInitInodeTable, true)
		o.nums["init_itable"] = 10 // EXT4_DEF_LI_WAIT_MULT
		return nil
	}
	return vfs.ENOPARAM
}

// badValue is fs_parse's complaint about a value it cannot take.
func badValue(fc *vfs.FsContext, p *vfs.FsParameter) error {
	return fc.Errorf("Bad value for '%s'", p.Key)
}

func (o *options) parseEnum(fc *vfs.FsContext, p *vfs.FsParameter, values map[string]uint64, mask uint64, flags int) error {
	v, ok := values[p.Value]
	if p.Type != vfs.FsValueIsString || !ok {
		return badValue(fc, p)
	}
	o.optFlags |= flags
	o.setBits(mask, false)
	o.setBits(v, true)
	return nil
}

// parseFlagNumber takes barrier=N, auto_da_alloc=N and init_itable=N.
func (o *options) parseFlagNumber(fc *vfs.FsContext, p *vfs.FsParameter, key string) error {
	n, err := parseU32(p.Value)
	if err != nil {
		return badValue(fc, p)
	}
	switch key {
	case "barrier":
		o.setBits(optBarrier, n != 0)
	case "auto_da_alloc":
		o.setBits(optNoAutoDaAlloc, n == 0)
	case "init_itable":
		o.setBits(optInitInodeTable, true)
		o.nums["init_itable"] = n
	}
	return nil
}

func (o *options) parseU32(fc *vfs.FsContext, p *vfs.FsParameter, key string) error {
	if p.Type != vfs.FsValueIsString {
		return badValue(fc, p)
	}
	n, err := parseU32(p.Value)
	if err != nil {
		return badValue(fc, p)
	}
	if key == "commit" {
		o.optFlags |= moptNoExt2
	}
	o.nums[key] = n
	return nil
}

// parseU32 is fs_param_is_u32: kstrtouint with base 0.
func parseU32(s string) (uint32, error) {
	n, err := strconv.ParseUint(s, 0, 32)
	return uint32(n), err
}

// checkOptions is the part of ext4_check_opt_consistency that concerns
// the type name: options the ext2 and ext3 names refuse.
func (fs *filesystem) checkOptions(fc *vfs.FsContext, o *options) error {
	if fs.as == asExt2 && o.optFlags&moptNoExt2 != 0 || fs.as == asExt3 && o.optFlags&moptNoExt3 != 0 {
		fc.Logf("EXT4-fs: Mount option(s) incompatible with %s", fs.typeName())
		return linux.EINVAL
	}
	return nil
}

// defaultOpts is ext4_set_def_opts: the options an image's superblock
// asks for, before the mount's own.
func (fs *filesystem) defaultOpts() uint64 {
	s := fs.sb
	d := s.defaultMountOpts
	opts := uint64(optInitInodeTable | optXattrUser | optPosixACL | optBlockValidity)
	if d&defmDebug != 0 {
		opts |= optDebug
	}
	if d&defmBsdGroups != 0 {
		opts |= optGrpid
	}
	if d&defmUID16 != 0 {
		opts |= optNoUID32
	}
	if s.metadataCsum() {
		opts |= optJournalCsum
	}
	switch d & defmJmode {
	case defmJmodeData:
		opts |= optDataJournal
	case defmJmodeOrder:
		opts |= optDataOrdered
	case defmJmodeWback:
		opts |= optDataWriteback
	}
	switch s.errors {
	case errorsPanic:
		opts |= optErrorsPanic
	case errorsContinue:
		opts |= optErrorsCont
	default:
		opts |= optErrorsRO
	}
	if d&defmDiscard != 0 {
		opts |= optDiscard
	}
	if d&defmNobarrier == 0 {
		opts |= optBarrier
	}
	if fs.as == asExt4 && d&defmNodelalloc == 0 {
		opts |= optDelalloc
	}
	if fs.blockSize <= 4096 {
		opts |= optDiorNolock
	}
	return opts
}

// applyOptions is ext4_apply_options plus the data mode's consequences
// (data=journal turns delalloc and dioread_nolock off, with the kernel's
// warning).
func (fs *filesystem) applyOptions(fc *vfs.FsContext, o *options) {
	fs.defOpts = fs.defaultOpts()
	opts := fs.defOpts
	if o.set&optErrorsMask != 0 {
		opts &^= optErrorsMask
	}
	if o.set&optDataMask != 0 {
		opts &^= optDataMask
	}
	opts = opts&^o.clear | o.set
	if opts&optDataMask == optDataJournal {
		fc.Logf("EXT4-fs: Warning: mounting with data=journal disables delayed allocation, dioread_nolock, O_DIRECT and fast_commit support!")
		opts &^= optDelalloc | optDiorNolock
	}
	if opts&optDataMask == 0 && fs.sb.hasCompat(compatHasJournal) && opts&optNoload == 0 {
		// The journal's default mode counts as a default.
		opts |= optDataOrdered
		fs.defOpts |= optDataOrdered
	}
	fs.opts = opts
	fs.nums = o.nums
	if _, ok := fs.nums["resuid"]; !ok {
		fs.nums["resuid"] = uint32(fs.sb.defResuid)
	}
	if _, ok := fs.nums["resgid"]; !ok {
		fs.nums["resgid"] = uint32(fs.sb.defResgid)
	}
}

// showOptions is _ext4_show_options for the options kept.
func (fs *filesystem) showOptions(b *strings.Builder) {
	for _, m := range mountOpts {
		if m.flags&(moptSet|moptClear) == 0 || m.bits&(fs.opts^fs.defOpts) == 0 {
			continue
		}
		set := m.flags&moptSet != 0
		if set && fs.opts&m.bits != m.bits || !set && fs.opts&m.bits != 0 {
			continue
		}
		b.WriteString("," + m.name)
	}
	if fs.nums["resuid"] != 0 || fs.sb.defResuid != 0 {
		b.WriteString(",resuid=" + strconv.Itoa(int(fs.nums["resuid"])))
	}
	if fs.nums["resgid"] != 0 || fs.sb.defResgid != 0 {
		b.WriteString(",resgid=" + strconv.Itoa(int(fs.nums["resgid"])))
	}
	errs := map[uint64]struct {
		name string
		def  uint16
	}{optErrorsRO: {"remount-ro", errorsRO}, optErrorsCont: {"continue", errorsContinue}, optErrorsPanic: {"panic", errorsPanic}}
	for _, bit := range []uint64{optErrorsRO, optErrorsCont, optErrorsPanic} {
		if e := errs[bit]; fs.opts&bit != 0 && fs.sb.errors != e.def {
			b.WriteString(",errors=" + e.name)
		}
	}
	for _, n := range []struct {
		key string
		def uint32
	}{{"commit", 5}, {"min_batch_time", 0}, {"max_batch_time", 15000}, {"stripe", 0}} {
		if v, ok := fs.nums[n.key]; ok && v != n.def && !(n.key == "commit" && v == 0) {
			b.WriteString("," + n.key + "=" + strconv.Itoa(int(v)))
		}
	}
	if optDataMask&(fs.opts^fs.defOpts) != 0 {
		switch fs.opts & optDataMask {
		case optDataJournal:
			b.WriteString(",data=journal")
		case optDataOrdered:
			b.WriteString(",data=ordered")
		case optDataWriteback:
			b.WriteString(",data=writeback")
		}
	}
	if v, ok := fs.nums["inode_readahead_blks"]; ok && v != 32 {
		b.WriteString(",inode_readahead_blks=" + strconv.Itoa(int(v)))
	}
	if v, ok := fs.nums["init_itable"]; ok && fs.opts&optInitInodeTable != 0 && v != 10 {
		b.WriteString(",init_itable=" + strconv.Itoa(int(v)))
	}
	if v := fs.nums["max_dir_size_kb"]; v != 0 {
		b.WriteString(",max_dir_size_kb=" + strconv.Itoa(int(v)))
	}
	if fs.opts&optDataErrAbort != 0 {
		b.WriteString(",data_err=abort")
	}
}
