// SPDX-License-Identifier: Apache-2.0

// Package fat is fs/fat: the FAT12/16/32 filesystem of DOS and Windows,
// registered as "vfat" (long names, namei_vfat.c) and "msdos" (8.3 names
// only, namei_msdos.c). One driver serves both, as Linux's fat.ko does;
// the type decides the name rules, the options and the times kept.
//
// This driver mounts read-only: a read-write mount is refused with
// EACCES, as a write-protected disk answers, so that mount(8) and the
// boot's mount_root retry it read-only.
package fat

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is MSDOS_SUPER_MAGIC, statfs's f_type.
const Magic = 0x4d44

// The defaults a kernel is built with (CONFIG_FAT_DEFAULT_CODEPAGE,
// CONFIG_FAT_DEFAULT_IOCHARSET, CONFIG_FAT_DEFAULT_UTF8): those of the
// Debian and Ubuntu kernels, whose vfat mounts show
// "codepage=437,iocharset=ascii,shortname=mixed,utf8".
const (
	defaultCodepage  = 437
	defaultIocharset = "ascii"
	defaultUTF8      = true
)

// The shortname= settings (VFAT_SFN_*): how short names show and how
// new ones are made.
const (
	sfnDisplayLower = 0x0001
	sfnDisplayWin95 = 0x0002
	sfnDisplayWinNT = 0x0004
	sfnCreateWin95  = 0x0100
	sfnCreateWinNT  = 0x0200
)

// errors= (FAT_ERRORS_*).
const (
	errorsCont  = 1
	errorsPanic = 2
	errorsRO    = 3
)

// nfs= (FAT_NFS_*).
const (
	nfsStaleRW   = 1
	nfsNostaleRO = 2
)

// Type is one of the two names of the driver.
type Type struct{ msdos bool }

// Vfat and Msdos are the registered types.
var (
	Vfat  = Type{}
	Msdos = Type{msdos: true}
)

// Name implements vfs.FilesystemType.
func (t Type) Name() string {
	if t.msdos {
		return "msdos"
	}
	return "vfat"
}

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_REQUIRES_DEV | vfs.FS_ALLOW_IDMAP }

// options is struct fat_mount_options. The owner and the masks default
// to the mounting task's; the set flags tell which were given.
type options struct {
	vfat                 bool
	uid, gid             uint32
	uidSet, gidSet       bool
	fmask, dmask         uint32
	fmaskSet, dmaskSet   bool
	allowUtime           int32 // -1: from dmask
	codepage             uint32
	iocharset            string
	shortname            uint16
	nameCheck            byte
	quiet, showexec      bool
	sysImmutable, dotsOK bool
	nocase, usefree      bool
	flush, discard       bool
	dos1xfloppy, debug   bool
	utf8, uniXlate       bool
	numtail, rodir       bool
	tzSet                bool
	timeOffset           int32 // minutes east of UTC
	errors               int
	nfs                  int
}

// InitFsContext is fat_init_fs_context via vfat_init_fs_context or
// msdos_init_fs_context.
func (t Type) InitFsContext(fc *vfs.FsContext) error {
	o := &options{vfat: !t.msdos, allowUtime: -1, codepage: defaultCodepage,
		iocharset: defaultIocharset, nameCheck: 'n', numtail: true, errors: errorsRO}
	if t.msdos {
		o.rodir = true
	} else {
		o.shortname = sfnDisplayWinNT | sfnCreateWin95
		o.utf8 = defaultUTF8
	}
	fc.FsPrivate = o
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// GetTree is vfat_get_tree / msdos_get_tree.
func (contextOps) GetTree(fc *vfs.FsContext) error { return fc.GetTreeBdev(fillSuper) }

// Reconfigure is fat_reconfigure. The options of a remount are ignored
// (fat_parse_param takes none); this driver cannot go read-write.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	fc.SbFlags |= linux.SB_NODIRATIME
	if !fc.FsPrivate.(*options).vfat {
		fc.SbFlags |= linux.SB_NOATIME
	}
	if fc.SbFlags&linux.SB_RDONLY == 0 {
		return linux.EACCES
	}
	return nil
}

// ParseParam is fat_parse_param: the common options, then those of vfat
// or msdos; a remount's are ignored, every one of them.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		return nil
	}
	o := fc.FsPrivate.(*options)
	err := o.parseCommon(fc, p)
	if err != vfs.ENOPARAM {
		return err
	}
	if o.vfat {
		return o.parseVfat(fc, p)
	}
	return o.parseMsdos(fc, p)
}

// paramKind tells how a key takes its value, as fs_parameter_spec's
// types do: a flag, a number in a base, a string, a bool, an enum.
type paramKind int

const (
	kindFlag paramKind = iota
	kindU32
	kindOctal
	kindS32
	kindString
	kindBool
)

// value checks p against kind and returns its string; a mismatch is
// fs_parse's "Bad value" or "Unexpected value".
func value(fc *vfs.FsContext, p *vfs.FsParameter, kind paramKind) (string, error) {
	if kind == kindFlag {
		if p.Type != vfs.FsValueIsFlag {
			return "", fc.Errorf("Unexpected value for '%s'", p.Key)
		}
		return "", nil
	}
	if p.Type != vfs.FsValueIsString {
		return "", fc.Errorf("Bad value for '%s'", p.Key)
	}
	return p.Value, nil
}

// number is fs_param_is_u32 (base 0 or 8) and fs_param_is_s32.
func number(fc *vfs.FsContext, p *vfs.FsParameter, kind paramKind) (int64, error) {
	s, err := value(fc, p, kind)
	if err != nil {
		return 0, err
	}
	base, neg := 0, false
	if kind == kindOctal {
		base = 8
	}
	if kind == kindS32 && strings.HasPrefix(s, "-") {
		s, neg = s[1:], true
	} else if kind == kindS32 {
		s = strings.TrimPrefix(s, "+")
	}
	n, ok := vfs.Kstrtouint(s, base)
	if !ok || kind == kindS32 && (n > 1<<31 || n == 1<<31 && !neg) {
		return 0, fc.Errorf("Bad value for '%s'", p.Key)
	}
	if neg {
		return -int64(n), nil
	}
	return int64(n), nil
}

// boolean is fs_param_is_bool.
func boolean(fc *vfs.FsContext, p *vfs.FsParameter) (bool, error) {
	switch p.Value {
	case "1", "yes", "true", "on":
		return true, nil
	case "0", "no", "false", "off":
		return false, nil
	}
	return false, fc.Errorf("Bad value for '%s'", p.Key)
}

// enum is fs_param_is_enum over table.
func enum(fc *vfs.FsContext, p *vfs.FsParameter, table map[string]int) (int, error) {
	s, err := value(fc, p, kindString)
	if err != nil {
		return 0, err
	}
	v, ok := table[s]
	if !ok {
		return 0, fc.Errorf("Bad value for '%s'", p.Key)
	}
	return v, nil
}

var (
	checkTable  = map[string]int{"relaxed": 'r', "r": 'r', "strict": 's', "s": 's', "normal": 'n', "n": 'n'}
	errorsTable = map[string]int{"continue": errorsCont, "panic": errorsPanic, "remount-ro": errorsRO}
	nfsTable    = map[string]int{"stale_rw": nfsStaleRW, "nostale_ro": nfsNostaleRO}
	convTable   = map[string]int{"binary": 0, "text": 0, "auto": 0, "b": 0, "t": 0, "a": 0}
	shortTable  = map[string]int{
		"lower": sfnDisplayLower | sfnCreateWin95, "win95": sfnDisplayWin95 | sfnCreateWin95,
		"winnt": sfnDisplayWinNT | sfnCreateWinNT, "mixed": sfnDisplayWinNT | sfnCreateWin95,
	}
	flagOptions = map[string]func(o *options){
		"usefree": func(o *options) { o.usefree = true }, "quiet": func(o *options) { o.quiet = true },
		"showexec": func(o *options) { o.showexec = true }, "debug": func(o *options) { o.debug = true },
		"sys_immutable": func(o *options) { o.sysImmutable = true }, "flush": func(o *options) { o.flush = true },
		"discard": func(o *options) { o.discard = true }, "dos1xfloppy": func(o *options) { o.dos1xfloppy = true },
	}
)

// parseCommon is fat_param_spec's part of fat_parse_param.
func (o *options) parseCommon(fc *vfs.FsContext, p *vfs.FsParameter) error {
	if set, ok := flagOptions[p.Key]; ok {
		if _, err := value(fc, p, kindFlag); err != nil {
			return err
		}
		set(o)
		return nil
	}
	switch p.Key {
	case "check":
		v, err := enum(fc, p, checkTable)
		o.nameCheck = byte(v)
		return err
	case "uid", "gid":
		n, err := number(fc, p, kindU32)
		if err == nil && n == 0xffffffff {
			err = fc.Errorf("Bad value for '%s'", p.Key)
		}
		if err != nil {
			return err
		}
		if p.Key == "uid" {
			o.uid, o.uidSet = uint32(n), true
		} else {
			o.gid, o.gidSet = uint32(n), true
		}
		return nil
	case "umask", "dmask", "fmask", "allow_utime", "codepage":
		return o.parseMask(fc, p)
	case "nocase":
		if _, err := value(fc, p, kindFlag); err != nil {
			return err
		}
		if o.vfat {
			o.shortname = sfnDisplayWin95 | sfnCreateWin95 // vfat reads the old msdos option as shortname=win95
		} else {
			o.nocase = true
		}
		return nil
	case "tz":
		if _, err := enum(fc, p, map[string]int{"UTC": 0}); err != nil {
			return err
		}
		o.tzSet, o.timeOffset = true, 0
		return nil
	case "time_offset":
		n, err := number(fc, p, kindS32)
		if err != nil {
			return err
		}
		if n < -24*60 || n > 24*60 {
			return linux.EINVAL
		}
		o.tzSet, o.timeOffset = true, int32(n)
		return nil
	case "errors":
		v, err := enum(fc, p, errorsTable)
		o.errors = v
		return err
	case "nfs":
		if p.Type == vfs.FsValueIsFlag {
			o.nfs = nfsStaleRW
			return nil
		}
		v, err := enum(fc, p, nfsTable)
		o.nfs = v
		return err
	}
	return o.parseObsolete(fc, p)
}

// parseMask takes the octal masks and the codepage.
func (o *options) parseMask(fc *vfs.FsContext, p *vfs.FsParameter) error {
	kind := kindOctal
	if p.Key == "codepage" {
		kind = kindU32
	}
	n, err := number(fc, p, kind)
	if err != nil {
		return err
	}
	m := uint32(n)
	switch p.Key {
	case "umask":
		o.fmask, o.dmask, o.fmaskSet, o.dmaskSet = m, m, true, true
	case "dmask":
		o.dmask, o.dmaskSet = m, true
	case "fmask":
		o.fmask, o.fmaskSet = m, true
	case "allow_utime":
		o.allowUtime = int32(m & 0o22)
	case "codepage":
		o.codepage = m
	}
	return nil
}

// parseObsolete takes the options fat_param_spec keeps as deprecated:
// valid ones are logged and ignored.
func (o *options) parseObsolete(fc *vfs.FsContext, p *vfs.FsParameter) error {
	var err error
	switch p.Key {
	case "conv":
		_, err = enum(fc, p, convTable)
	case "fat", "blocksize":
		_, err = number(fc, p, kindU32)
	case "cvf_format", "cvf_options":
		_, err = value(fc, p, kindString)
	case "posix":
	default:
		return vfs.ENOPARAM
	}
	if err != nil {
		return err
	}
	// fs_parse warns of a deprecated key (warnfc); fat_parse_param
	// then prints its own line, to the kernel log whatever the context.
	fc.Warnf("%s: Deprecated parameter '%s'", fc.FsType.Name(), p.Key)
	if fc.Kernel != nil {
		fc.Kernel.Printk(fmt.Sprintf("%sFAT-fs: \"%s\" option is obsolete, not supported now", vfs.KernInfo, p.Key))
	}
	return nil
}

// parseVfat is vfat_param_spec's part of fat_parse_param.
func (o *options) parseVfat(fc *vfs.FsContext, p *vfs.FsParameter) error {
	switch p.Key {
	case "iocharset":
		s, err := value(fc, p, kindString)
		o.iocharset = s
		return err
	case "shortname":
		v, err := enum(fc, p, shortTable)
		o.shortname = uint16(v)
		return err
	case "utf8", "uni_xlate", "nonumtail":
		on := true
		if p.Type != vfs.FsValueIsFlag {
			b, err := boolean(fc, p)
			if err != nil {
				return err
			}
			on = b
		}
		switch p.Key {
		case "utf8":
			o.utf8 = on
		case "uni_xlate":
			o.uniXlate = on
		default:
			o.numtail = !on
		}
		return nil
	case "rodir":
		_, err := value(fc, p, kindFlag)
		o.rodir = true
		return err
	}
	return vfs.ENOPARAM
}

// parseMsdos is msdos_param_spec's part: dots, nodots and dotsOK=.
func (o *options) parseMsdos(fc *vfs.FsContext, p *vfs.FsParameter) error {
	switch p.Key {
	case "dots", "nodots":
		_, err := value(fc, p, kindFlag)
		o.dotsOK = p.Key == "dots"
		return err
	case "dotsOK":
		if p.Type != vfs.FsValueIsString {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		b, err := boolean(fc, p)
		o.dotsOK = b
		return err
	}
	return vfs.ENOPARAM
}

// showOptions is fat_show_options.
func (o *options) showOptions(b *strings.Builder) {
	if o.uid != 0 {
		fmt.Fprintf(b, ",uid=%d", o.uid)
	}
	if o.gid != 0 {
		fmt.Fprintf(b, ",gid=%d", o.gid)
	}
	fmt.Fprintf(b, ",fmask=%04o,dmask=%04o", o.fmask, o.dmask)
	if o.allowUtime != 0 {
		fmt.Fprintf(b, ",allow_utime=%04o", o.allowUtime)
	}
	fmt.Fprintf(b, ",codepage=%d", o.codepage)
	if o.vfat {
		fmt.Fprintf(b, ",iocharset=%s,shortname=%s", o.iocharset, shortnameName(o.shortname))
	}
	if o.nameCheck != 'n' {
		fmt.Fprintf(b, ",check=%c", o.nameCheck)
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{o.usefree, "usefree"}, {o.quiet, "quiet"}, {o.showexec, "showexec"}, {o.sysImmutable, "sys_immutable"},
		{!o.vfat && o.dotsOK, "dotsOK=yes"}, {!o.vfat && o.nocase, "nocase"},
		{o.vfat && o.utf8, "utf8"}, {o.vfat && o.uniXlate, "uni_xlate"}, {o.vfat && !o.numtail, "nonumtail"},
		{o.vfat && o.rodir, "rodir"}, {o.flush, "flush"}} {
		if f.on {
			b.WriteString("," + f.name)
		}
	}
	if o.tzSet && o.timeOffset != 0 {
		fmt.Fprintf(b, ",time_offset=%d", o.timeOffset)
	} else if o.tzSet {
		b.WriteString(",tz=UTC")
	}
	b.WriteString([...]string{errorsCont: ",errors=continue", errorsPanic: ",errors=panic", errorsRO: ",errors=remount-ro"}[o.errors])
	switch o.nfs {
	case nfsNostaleRO:
		b.WriteString(",nfs=nostale_ro")
	case nfsStaleRW:
		b.WriteString(",nfs=stale_rw")
	}
	if o.discard {
		b.WriteString(",discard")
	}
	if o.dos1xfloppy {
		b.WriteString(",dos1xfloppy")
	}
}

func shortnameName(s uint16) string {
	for name, v := range shortTable {
		if uint16(v) == s {
			return name
		}
	}
	return "unknown"
}
