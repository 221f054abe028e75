// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Exit statuses of mount(8) and umount(8) (MNT_EX_*).
const (
	ulExSuccess  = 0
	ulExUsage    = 1
	ulExSyserr   = 2
	ulExSoftware = 4
	ulExFail     = 32
	ulExSomeOK   = 64
)

// libmount's own error codes (MNT_ERR_*), returned negated.
const (
	ulErrNoFstab    = 5000
	ulErrNoFstype   = 5001
	ulErrNoSource   = 5002
	ulErrMountOpt   = 5004
	ulErrApplyFlags = 5005
	ulErrLock       = 5008
)

// The userspace mount table. libmount keeps the options the kernel does
// not (x-*, loop, ...) in /run/mount/utab; linuxvfs records none, but
// reproduces what libmount does to the files: every mount or umount
// without -n creates /run/mount when /run exists, and a move rewrites
// utab under utab.lock, failing when the lock cannot be created.
const (
	ulUtabDir  = "/run/mount"
	ulUtabPath = "/run/mount/utab"
	ulUtabLock = "/run/mount/utab.lock"
)

// ulUtabInit is mnt_has_regular_utab's side effect.
func ulUtabInit(t *vfs.Task) {
	if st, err := t.Lstat(ulUtabPath); err == nil && applet.IsReg(uint32(st.Mode)) {
		return
	}
	_ = t.Mkdir(ulUtabDir, 0o755)
}

// utabUpdate is whether mnt_update_set_fs prepares an update: a move
// (of a path), or a mount or remount with options that utab keeps
// (the userspace ones not marked MNT_NOMTAB: user, _netdev, x-*, loop,
// uhelper=, helper=).
func (m *ulMountCtx) utabUpdate() bool {
	if m.propagationOnly() {
		return false
	}
	if m.mountflags&linux.MS_MOVE != 0 {
		return m.srcpath() != ""
	}
	for _, o := range m.userOpts {
		name, _, _ := ulOptName(o)
		if _, ent := ulLookupEnt(name, ulUserMap); ent != nil {
			switch ent.id {
			case ulMsUser, ulMsNetdev, ulMsXcomment, ulMsLoop, ulMsUhelper, ulMsHelper:
				if !(ent.id == ulMsUser && ent.invert) {
					return true
				}
			}
		}
	}
	return false
}

// ulUtabWrite is the locked part of mnt_update_table: take the lock
// (creating the lock file) and write the table back. linuxvfs keeps no
// entries in it, so an absent utab is written empty.
func ulUtabWrite(t *vfs.Task) error {
	fd, err := t.Open(ulUtabLock, linux.O_RDONLY|linux.O_CREAT, 0o644)
	if err != nil {
		return err
	}
	if st, err := t.Fstat(fd); err == nil && st.Mode&0o644 != 0o644 {
		_ = t.Fchmod(fd, 0o644)
	}
	t.Close(fd)
	if _, err := t.Lstat(ulUtabPath); err == nil {
		return nil
	}
	fd, err = t.Open(ulUtabPath, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_ = t.Fchmod(fd, 0o644)
	return t.Close(fd)
}

// ulMountCtx is the part of struct libmnt_context that mount(8) uses.
type ulMountCtx struct {
	c *cmd
	t *vfs.Task

	source, target string
	// sourceGiven tells a source given as "" (a real, empty source, as
	// libmount keeps it) from none.
	sourceGiven   bool
	fstype        string
	fstypePattern string
	root          string

	optstr   []string // every option (fs->optstr)
	vfsOpts  []string
	fsOpts   []string
	userOpts []string

	mountflags uint64 // cxt->mountflags
	userflags  uint64 // cxt->user_mountflags
	addmounts  []uint64

	notab        bool // MNT_OMODE_NOTAB
	nomtab       bool // -n: no userspace mount table update
	noSwapmatch  bool
	rwonly       bool
	fake         bool
	verbose      bool
	mergedFlags  bool
	tabApplied   bool
	forcedRdonly bool
	fixed        bool

	syscallCalled bool
	syscallErr    linux.Errno // 0: the (first) system call succeeded

	optErrno   linux.Errno // errno with -ulErrMountOpt, for its message
	prepared   bool        // MNT_FL_PREPARED
	loopFd     int         // cxt->loopdev_fd, while loopFdOpen
	loopFdOpen bool
}

// appendOptions is mnt_context_append_options.
func (m *ulMountCtx) appendOptions(s string) {
	opts := ulSplitOpts(s)
	v, f, u := ulSplitOptstr(opts)
	m.vfsOpts = append(m.vfsOpts, v...)
	m.fsOpts = append(m.fsOpts, f...)
	m.userOpts = append(m.userOpts, u...)
	m.optstr = append(m.optstr, opts...)
}

// options is mnt_context_get_options: once fix_optstr has run, the VFS
// options (with the flags applied), then the FS and userspace ones.
func (m *ulMountCtx) options() string {
	if !m.fixed {
		return strings.Join(m.optstr, ",")
	}
	var all []string
	all = append(all, m.vfsOpts...)
	all = append(all, m.fsOpts...)
	all = append(all, m.userOpts...)
	return strings.Join(all, ",")
}

// prependOptions is mnt_fs_prepend_options.
func (m *ulMountCtx) prependOptions(s string) {
	opts := ulSplitOpts(s)
	v, f, u := ulSplitOptstr(opts)
	m.vfsOpts = append(v, m.vfsOpts...)
	m.fsOpts = append(f, m.fsOpts...)
	m.userOpts = append(u, m.userOpts...)
	m.optstr = append(opts, m.optstr...)
}

// mflags is mnt_context_get_mflags.
func (m *ulMountCtx) mflags() uint64 {
	var fl uint64
	if !m.mergedFlags {
		fl = ulGetFlags(m.optstr, false)
	}
	for _, a := range m.addmounts {
		fl |= a
	}
	return fl | m.mountflags
}

func (m *ulMountCtx) uflags() uint64 {
	var fl uint64
	if !m.mergedFlags {
		fl = ulGetFlags(m.userOpts, true)
	}
	return fl | m.userflags
}

var ulMountOpts = []ulOpt{
	{short: 'a', long: "all"},
	{short: 'f', long: "fake"},
	{short: 'T', long: "fstab", arg: ulReqArg},
	{short: 'F', long: "fork"},
	{short: 'h', long: "help"},
	{short: 'n', long: "no-mtab"},
	{short: 'r', long: "read-only"},
	{short: 'r', long: "ro"},
	{short: 'v', long: "verbose"},
	{short: 'V', long: "version"},
	{short: 'w', long: "read-write"},
	{short: 'w', long: "rw"},
	{short: 'o', long: "options", arg: ulReqArg},
	{short: 'O', long: "test-opts", arg: ulReqArg},
	{short: 't', long: "types", arg: ulReqArg},
	{short: 'U', long: "uuid", arg: ulReqArg},
	{short: 'L', long: "label", arg: ulReqArg},
	{short: 'B', long: "bind"},
	{short: 'M', long: "move"},
	{short: 'R', long: "rbind"},
	{long: "make-shared", id: 1000},
	{long: "make-slave", id: 1001},
	{long: "make-private", id: 1002},
	{long: "make-unbindable", id: 1003},
	{long: "make-rshared", id: 1004},
	{long: "make-rslave", id: 1005},
	{long: "make-rprivate", id: 1006},
	{long: "make-runbindable", id: 1007},
	{short: 'm', long: "mkdir", arg: ulOptArg},
	{short: 'c', long: "no-canonicalize"},
	{short: 'i', long: "internal-only"},
	{short: 'l', long: "show-labels"},
	{long: "target", arg: ulReqArg, id: 1010},
	{long: "target-prefix", arg: ulReqArg, id: 1011},
	{long: "source", arg: ulReqArg, id: 1012},
	{short: 's'},
	{short: 'N', long: "namespace", arg: ulReqArg},
}

var ulPropagationWords = map[int]string{
	1000: "shared", 1001: "slave", 1002: "private", 1003: "unbindable",
	1004: "rshared", 1005: "rslave", 1006: "rprivate", 1007: "runbindable",
}

// ulMountApplet is mount(8) from util-linux 2.38 on top of an emulated
// libmount that reads the task's /proc/self/mountinfo.
func ulMountApplet(c *cmd) int {
	parsed, args, ok := c.ulGetopt(ulMountOpts, false)
	if !ok {
		return c.ulTryHelp(ulExUsage)
	}
	if !c.ulExclusive(parsed, ulMountOpts, [][]int{{'B', 'M', 'R'}, {'L', 'U', 1012}}) {
		return ulExUsage
	}
	m := &ulMountCtx{c: c, t: c.Task}
	var types string
	oper, isMove, propa, all, anyOpts := false, false, false, false, false
	for _, p := range parsed {
		switch p.id {
		case 'a':
			all = true
		case 'f':
			m.fake = true
		case 'r':
			m.appendOptions("ro")
			m.rwonly = false
			anyOpts = true
		case 'w':
			m.appendOptions("rw")
			m.rwonly = true
			anyOpts = true
		case 'v':
			m.verbose = true
		case 'o':
			if p.arg != "" && (p.arg[0] == '=' || p.arg[0] == '\'' || p.arg[0] == '"' || p.arg[0] == ' ' || p.arg[0] == '\t') {
				c.ulWarn("unsupported option format: %s", p.arg)
				return ulExUsage
			}
			opts := ulSplitOpts(p.arg)
			if _, has := ulFindOpt(opts, "move"); has {
				var rest []string
				for _, o := range opts {
					if n, _, _ := ulOptName(o); n != "move" {
						rest = append(rest, o)
					}
				}
				if len(rest) > 0 {
					m.appendOptions(strings.Join(rest, ","))
				}
				oper, isMove = true, true
			} else {
				m.appendOptions(p.arg)
			}
			anyOpts = true
		case 't':
			types = p.arg
		case 'B':
			oper = true
			m.appendOptions("bind")
			anyOpts = true
		case 'M':
			oper, isMove = true, true
		case 'R':
			oper = true
			m.appendOptions("rbind")
			anyOpts = true
		case 'm':
			arg := strings.TrimPrefix(p.arg, "=")
			if arg != "" {
				m.appendOptions(`X-mount.mkdir="` + arg + `"`)
			} else {
				m.appendOptions("X-mount.mkdir")
			}
			anyOpts = true
		case 'L':
			m.source = `LABEL="` + p.arg + `"`
			m.noSwapmatch = true
		case 'U':
			m.source = `UUID="` + p.arg + `"`
			m.noSwapmatch = true
		case 1010:
			m.noSwapmatch = true
			m.target = p.arg
		case 1012:
			m.noSwapmatch = true
			m.source = p.arg
		case 'h':
			return ulMountUsage(c)
		case 'V':
			c.versionLine()
			return ulExSuccess
		case 'T', 'O', 'N', 1011:
			c.ulWarn("option %s is not supported", p.name)
			return ulExUsage
		case 'n':
			m.nomtab = true
		case 'F', 'c', 'i', 'l', 's':
			// -c, -i: nothing to canonicalize differently, no helpers;
			// -s: sloppy.
		default:
			if w, ok := ulPropagationWords[p.id]; ok {
				m.appendOptions(w)
				propa = true
				anyOpts = true
			}
		}
	}
	if m.source == "" && m.target == "" && len(args) == 0 && !all {
		if oper || anyOpts {
			return c.ulBadUsage(ulExUsage)
		}
		ulMountPrintAll(c, types)
		return ulExSuccess
	}
	if oper && (types != "" || all || m.source != "") {
		return c.ulBadUsage(ulExUsage)
	}
	if types != "" && (all || strings.Contains(types, ",") || strings.HasPrefix(types, "no")) {
		m.fstypePattern = types
	} else if types != "" {
		m.fstype = types
	}
	switch {
	case all:
		c.ulWarn("option --all is not supported")
		return ulExUsage
	case len(args) == 0 && (m.source != "" || m.target != ""):
	case len(args) == 1 && (m.source == "" || m.target == ""):
		istag := ulIsTag(args[0])
		if istag && m.source != "" {
			c.ulWarn("source specified more than once")
			return ulExUsage
		} else if istag || m.target != "" {
			m.source = args[0]
		} else {
			m.target = args[0]
		}
	case len(args) == 2 && m.source == "" && m.target == "":
		m.source, m.target, m.sourceGiven = args[0], args[1], true
	default:
		return c.ulBadUsage(ulExUsage)
	}
	if isMove {
		m.mountflags = linux.MS_MOVE
	}
	if (oper && m.mflags()&linux.MS_REMOUNT == 0) || propa {
		m.notab = true
	}
	rc := m.mount()
	code := m.exitCode(rc)
	if code == ulExSuccess && m.verbose {
		m.successMessage()
	}
	m.clearLoopdev()
	return code
}

func ulMountUsage(c *cmd) int {
	c.ulHelp()
	return ulExSuccess
}

// ulMountPrintAll is mount(8) without arguments: every mountinfo entry
// as "SOURCE on TARGET type FSTYPE (OPTIONS)".
func ulMountPrintAll(c *cmd, pattern string) {
	for _, fs := range ulMountinfo(c.Task).fss {
		if fs.fstype != "" && pattern != "" && !ulMatchFstype(fs.fstype, pattern) {
			continue
		}
		src := fs.source
		if !fs.isPseudo() && !ulIsNetFstype(fs.fstype) && src != "" && !ulIsTag(src) {
			src = ulCanonicalize(c.Task, src)
		}
		var tgt strings.Builder
		for i := 0; i < len(fs.target); i++ {
			if b := fs.target[i]; b < 0x20 || b == 0x7f {
				tgt.WriteByte('?')
			} else {
				tgt.WriteByte(b)
			}
		}
		fmt.Fprintf(c.Out, "%s on %s", src, tgt.String())
		if fs.fstype != "" {
			fmt.Fprintf(c.Out, " type %s", fs.fstype)
		}
		fmt.Fprintf(c.Out, " (%s)\n", fs.optstr)
	}
}

// ulMatchFstype is util-linux's match_fstype: a comma list of types, the
// whole list negated by a leading "no", single items by their own "no".
func ulMatchFstype(typ, pattern string) bool {
	no := false
	if strings.HasPrefix(pattern, "no") {
		no = true
		pattern = pattern[2:]
	}
	for _, p := range strings.Split(pattern, ",") {
		if strings.HasPrefix(p, "no") && strings.EqualFold(p[2:], typ) {
			return false
		}
		if strings.EqualFold(p, typ) {
			return !no
		}
	}
	return no
}

// mount is mnt_context_mount: prepare, mount, and start again read-only
// when the source turns out to be write-protected (a read-only loop
// device found before mount(2), or mount(2) failing with EROFS, EACCES,
// or EBUSY while the source is mounted read-only elsewhere).
func (m *ulMountCtx) mount() int {
	utabInit := false
	for {
		rc := m.prepare()
		if rc == 0 && !utabInit && !m.propagationOnly() && !m.nomtab {
			ulUtabInit(m.t)
			utabInit = true
		}
		if rc == 0 {
			rc = m.doMount()
		}
		if rc == 0 && m.syscallCalled && m.syscallErr == 0 && !m.nomtab && !m.fake && m.utabUpdate() {
			if ulUtabWrite(m.t) != nil {
				rc = -ulErrLock
			}
		}
		if !m.writeProtected(rc) {
			return rc
		}
		fl := m.mflags()
		if fl&(linux.MS_RDONLY|linux.MS_REMOUNT|linux.MS_BIND) != 0 || m.rwonly || m.forcedRdonly {
			return rc
		}
		m.syscallCalled, m.syscallErr = false, 0
		m.mountflags = fl&^ulAddBindRemount | linux.MS_RDONLY
		m.forcedRdonly = true
	}
}

// writeProtected is mnt_context_mount's test for a read-only retry.
func (m *ulMountCtx) writeProtected(rc int) bool {
	if rc == -int(linux.EROFS) && !m.syscallCalled {
		return true
	}
	switch m.syscallErr {
	case linux.EROFS, linux.EACCES:
		return true
	case linux.EBUSY:
		return m.sourceAlreadyRdonly()
	}
	return false
}

// prepare is mnt_context_prepare_mount.
func (m *ulMountCtx) prepare() int {
	if m.source == "" && m.target == "" {
		return -int(linux.EINVAL)
	}
	if m.prepared {
		return 0
	}
	rc := 0
	if !m.mergedFlags {
		rc = m.applyFstab()
		if rc == 0 {
			m.mountflags = m.mflags()
			m.userflags = m.uflags()
			m.mergedFlags = true
			m.userflags &^= ulMsOwner | ulMsGroup
		}
	}
	if rc == 0 {
		rc = m.fixOptstr()
	}
	if rc == 0 {
		rc = m.prepareSrcpath()
	}
	if rc == 0 {
		m.guessFstype()
		rc = m.prepareTarget()
	}
	m.prepared = rc == 0
	return rc
}

// applyFstab is mnt_context_apply_fstab: with only one of source and
// target, the rest comes from the task's /etc/fstab or, for a remount,
// from its mountinfo (whose options are prepended to the given ones).
func (m *ulMountCtx) applyFstab() int {
	if m.tabApplied {
		return 0
	}
	fl := m.mflags()
	isremount := fl&linux.MS_REMOUNT != 0
	iscmdbind := fl&linux.MS_BIND != 0
	src, tgt := m.source, m.target
	if (src != "" || m.sourceGiven) && tgt != "" {
		return 0
	}
	if src == "" && tgt != "" && m.notab {
		return 0
	}
	found := false
	if !m.notab {
		if data, err := ulReadFile(m.t, "/etc/fstab"); err == nil {
			found = m.applyTable(ulParseFstab(m.t, string(data)), false)
		}
		if !found && isremount {
			found = m.applyTable(ulMountinfo(m.t), true)
		}
	}
	if !found {
		if tgt != "" && src == "" && isremount {
			return 0
		}
		return -ulErrNoFstab
	}
	if isremount && !iscmdbind {
		m.optstr = ulRemoveAll(m.optstr, "bind")
		m.vfsOpts = ulRemoveAll(m.vfsOpts, "bind")
	}
	return 0
}

func ulRemoveAll(opts []string, name string) []string {
	out := opts[:0:0]
	for _, o := range opts {
		if o != name {
			out = append(out, o)
		}
	}
	return out
}

// applyTable is apply_table + apply_fs with the default options mode
// (options from the table are prepended).
func (m *ulMountCtx) applyTable(tb *ulTable, backward bool) bool {
	var fs *ulFS
	src, tgt := m.source, m.target
	if src != "" {
		fs = tb.findSource(src, backward)
	} else if tgt != "" {
		fs = tb.findTarget(tgt, backward)
	}
	if fs == nil && !m.noSwapmatch {
		if src != "" && !ulIsTag(src) {
			fs = tb.findTarget(src, backward)
		}
		if fs == nil && tgt != "" {
			fs = tb.findSource(tgt, backward)
		}
	}
	if fs == nil {
		return false
	}
	m.source, m.target = fs.source, fs.target
	if m.fstype == "" {
		m.fstype = fs.fstype
	}
	if m.root == "" {
		m.root = fs.root
	}
	if fs.optstr != "" {
		m.prependOptions(fs.optstr)
	}
	m.tabApplied = true
	return true
}

// fixOptstr is fix_optstr: the VFS options brought in line with the
// flags, propagation changes and "bind,<flags>" split off into extra
// mount(2) calls, uid=/gid= names translated and SELinux options dropped.
func (m *ulMountCtx) fixOptstr() int {
	if m.fixed {
		return 0
	}
	m.fixed = true
	m.vfsOpts = ulApplyFlags(m.vfsOpts, m.mountflags)
	if m.mountflags&ulMsPropagation != 0 {
		rec := 0
		for _, o := range m.vfsOpts {
			name, _, _ := ulOptName(o)
			_, ent := ulLookupEnt(name, ulLinuxMap)
			if ent == nil {
				continue
			}
			if ent.id&linux.MS_REC != 0 {
				rec++
			}
			if ent.id&ulMsPropagation == 0 {
				continue
			}
			m.addmounts = append(m.addmounts, ent.id)
			m.mountflags &^= ent.id
			if ent.id&linux.MS_REC != 0 {
				rec--
			}
		}
		if rec > 0 {
			m.mountflags |= linux.MS_REC
		}
	}
	if m.mountflags&linux.MS_BIND != 0 && m.mountflags&ulMntBindSetable != 0 && m.mountflags&linux.MS_REMOUNT == 0 {
		m.addmounts = append(m.addmounts, m.mountflags|linux.MS_REMOUNT|linux.MS_BIND|ulAddBindRemount)
	}
	m.fsOpts = ulDropSELinux(ulFixIDs(m.t, m.fsOpts))
	return 0
}

// ulAddBindRemount marks the "remount,bind,<flags>" extra call among the
// propagation ones (the bit is never passed to mount(2)).
const ulAddBindRemount = 1 << 62

// propagationOnly is mnt_context_propagation_only.
func (m *ulMountCtx) propagationOnly() bool {
	return len(m.addmounts) > 0 &&
		(m.mountflags == 0 || m.mountflags == linux.MS_SILENT) &&
		(m.fstype == "" || m.fstype == "none") &&
		(m.source == "" || m.source == "none")
}

// prepareSrcpath is mnt_context_prepare_srcpath: a path source is
// canonicalized unless the filesystem is a pseudo one, and gets a loop
// device if it needs one; tags cannot be resolved (there is no blkid
// cache here).
func (m *ulMountCtx) prepareSrcpath() int {
	if m.source == "" && m.propagationOnly() {
		m.source = "none"
		return 0
	}
	if m.source == "" || ulIsNetFstype(m.fstype) {
		return 0
	}
	if ulIsTag(m.source) {
		return -ulErrNoSource
	}
	if ulIsPseudoFstype(m.fstype) {
		return 0
	}
	m.source = ulCanonicalize(m.t, m.source)
	if m.mountflags&(linux.MS_BIND|linux.MS_MOVE|linux.MS_REMOUNT) != 0 {
		return 0
	}
	if m.isLoopdev() {
		return m.setupLoopdev()
	}
	return 0
}

// guessFstype is mnt_context_guess_fstype: the type libblkid finds on an
// existing source (see ulProbeFstype), else nfs for "host:path" and cifs
// for "//host/share".
func (m *ulMountCtx) guessFstype() {
	if m.mountflags&(linux.MS_BIND|linux.MS_MOVE) != 0 || m.propagationOnly() {
		m.fstype = "none"
		return
	}
	if m.fstype == "auto" {
		m.fstype = ""
	}
	if m.fstype != "" {
		return
	}
	if m.mountflags&linux.MS_REMOUNT != 0 {
		m.fstype = "none"
		return
	}
	if m.fstypePattern != "" || m.source == "" {
		return
	}
	if m.t.Access(m.source, 0) == nil {
		m.fstype = ulProbeFstype(m, m.srcpath())
	} else {
		if strings.Contains(m.source, ":") {
			m.fstype = "nfs"
		} else if strings.HasPrefix(m.source, "//") {
			m.fstype = "cifs"
		}
	}
}

// prepareTarget is mnt_context_prepare_target: X-mount.mkdir, then the
// target canonicalized.
func (m *ulMountCtx) prepareTarget() int {
	if m.target == "" {
		return 0
	}
	if m.userflags&(ulMsXcomment|ulMsXfstab) != 0 {
		val, ok := ulFindOpt(m.userOpts, "X-mount.mkdir")
		if !ok {
			val, ok = ulFindOpt(m.userOpts, "x-mount.mkdir")
		}
		if ok {
			if _, err := m.t.Stat(m.target); err != nil {
				mode := uint32(0o755)
				val = strings.Trim(val, `"`)
				if val != "" {
					var v uint32
					if _, err := fmt.Sscanf(val, "%o", &v); err != nil || fmt.Sprintf("%o", v) != strings.TrimLeft(val, "0") && strings.TrimLeft(val, "0") != "" {
						return -ulErrMountOpt
					}
					if v != 0 {
						mode = v
					}
				}
				if err := ulMkdirP(m.t, m.target, mode); err != nil {
					return -int(ulErrno(err))
				}
			}
		}
	}
	m.target = ulCanonicalize(m.t, m.target)
	return 0
}

// ulMkdirP is util-linux's ul_mkdir_p.
func ulMkdirP(t *vfs.Task, path string, mode uint32) error {
	p := ""
	if strings.HasPrefix(path, "/") {
		p = "/"
	}
	for _, comp := range strings.Split(path, "/") {
		if comp == "" {
			continue
		}
		p += comp
		if err := t.Mkdir(p, mode); err != nil && !errors.Is(err, linux.EEXIST) {
			return err
		}
		p += "/"
	}
	return nil
}

// ulErrno extracts the errno of an error from the task.
func ulErrno(err error) linux.Errno {
	var e linux.Errno
	if errors.As(err, &e) {
		return e
	}
	return linux.EINVAL
}

// sys is mount(2) on the task; "" stands for NULL.
func (m *ulMountCtx) sys(src, tgt, fstype string, flags uint64, data string) error {
	if m.fake {
		return nil
	}
	return m.t.Mount(src, tgt, fstype, flags, data)
}

// doMount is mnt_context_do_mount and do_mount: one mount(2) (or one per
// type of a list), then the extra calls for propagation and bind flags.
func (m *ulMountCtx) doMount() int {
	if m.fstype != "" {
		if strings.Contains(m.fstype, ",") {
			return m.mountByTypes(m.fstype)
		}
		return m.mountOne("")
	}
	return m.mountByPattern(m.fstypePattern)
}

func (m *ulMountCtx) mountOne(tryType string) int {
	flags := m.mountflags
	src, tgt := m.srcpath(), m.target
	if tgt == "" {
		return -int(linux.EINVAL)
	}
	if src == "" && !m.sourceGiven {
		src = "none"
	}
	typ := m.fstype
	if tryType != "" {
		typ = tryType
		flags |= linux.MS_SILENT
	}
	if m.propagationOnly() {
		m.syscallCalled = true
		if err := m.additional(tgt, flags); err != nil {
			m.syscallErr = ulErrno(err)
			return -ulErrApplyFlags
		}
		m.syscallErr = 0
		return 0
	}
	m.syscallCalled = true
	if err := m.sys(src, tgt, typ, flags, strings.Join(m.fsOpts, ",")); err != nil {
		m.syscallErr = ulErrno(err)
		return int(m.syscallErr)
	}
	m.syscallErr = 0
	if len(m.addmounts) > 0 {
		if err := m.additional(tgt, flags); err != nil {
			return -ulErrApplyFlags
		}
	}
	if tryType != "" {
		m.fstype = tryType
	}
	return 0
}

// additional is do_mount_additional.
func (m *ulMountCtx) additional(tgt string, flags uint64) error {
	for _, ad := range m.addmounts {
		if err := m.sys("none", tgt, "", ad&^ulAddBindRemount|flags&linux.MS_SILENT, ""); err != nil {
			return err
		}
	}
	return nil
}

func (m *ulMountCtx) srcpath() string {
	if ulIsTag(m.source) {
		return ""
	}
	return m.source
}

func (m *ulMountCtx) mountByTypes(types string) int {
	rc := -int(linux.EINVAL)
	for _, typ := range strings.Split(types, ",") {
		if typ == "auto" {
			continue
		}
		rc = m.mountOne(typ)
		if m.syscallCalled && m.syscallErr == 0 {
			break
		}
	}
	return rc
}

// mountByPattern is do_mount_by_pattern: a plain list is tried in order;
// otherwise every type of the task's /etc/filesystems and then
// /proc/filesystems that is not "nodev".
func (m *ulMountCtx) mountByPattern(pattern string) int {
	neg := strings.HasPrefix(pattern, "no")
	if !neg && pattern != "" {
		return m.mountByTypes(pattern)
	}
	var types []string
	add := func(file string) bool { // true: stop reading (no "*" line)
		data, err := ulReadFile(m.t, file)
		if err != nil {
			return false
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "nodev") {
				continue
			}
			f := strings.Fields(line)
			if len(f) == 0 {
				continue
			}
			if f[0] == "*" {
				return false
			}
			if neg && !ulMatchFstype(f[0], pattern) {
				continue
			}
			dup := false
			for _, t := range types {
				dup = dup || t == f[0]
			}
			if !dup {
				types = append(types, f[0])
			}
		}
		return true
	}
	if !add("/etc/filesystems") {
		add("/proc/filesystems")
	}
	if len(types) == 0 {
		return -ulErrNoFstype
	}
	rc := 0
	for _, typ := range types {
		rc = m.mountOne(typ)
		if m.syscallCalled && m.syscallErr == 0 {
			break
		}
		if m.syscallErr != linux.EINVAL && m.syscallErr != linux.ENODEV {
			break
		}
	}
	return rc
}

// alreadyMountedSource is get_already_mounted_source.
func (m *ulMountCtx) alreadyMountedSource() *ulFS {
	src := m.srcpath()
	if src == "" {
		return nil
	}
	for _, fs := range ulMountinfo(m.t).fss {
		if fs.target != "" && fs.srcpath() != "" && fs.streqSrcpath(src) {
			return fs
		}
	}
	return nil
}

func (m *ulMountCtx) sourceAlreadyRdonly() bool {
	fs := m.alreadyMountedSource()
	if fs == nil {
		return false
	}
	for _, o := range ulSplitOpts(fs.fsOpts) {
		if o == "ro" {
			return true
		}
	}
	return false
}

// isSharedTree is is_shared_tree: the mount holding dir's parent is shared.
func (m *ulMountCtx) isSharedTree(dir string) bool {
	if dir == "" {
		return false
	}
	i := strings.LastIndexByte(dir, '/')
	if i < 0 {
		return false
	}
	if i > 0 {
		dir = dir[:i]
	}
	fs := ulMountinfo(m.t).findMountpoint(dir, true)
	return fs != nil && fs.propagation()&linux.MS_SHARED != 0
}

// exitCode is mk_exit_code with mnt_context_get_mount_excode: it prints
// mount(8)'s diagnostic and returns the exit status.
func (m *ulMountCtx) exitCode(rc int) int {
	code, msg := m.excode(rc)
	if msg != "" {
		spec := m.target
		if spec == "" {
			spec = m.source
		}
		if spec == "" {
			spec = "???"
		}
		m.c.ulWarn("%s: %s.", spec, msg)
		if m.syscallCalled && m.syscallErr != 0 {
			fmt.Fprintf(m.c.Errw, "       dmesg(1) may have more information after failed mount system call.\n")
		}
	}
	return code
}

func (m *ulMountCtx) excode(rc int) (int, string) {
	tgt, src := m.target, m.source
	if rc == 0 && m.syscallCalled && m.syscallErr == 0 {
		if m.forcedRdonly {
			return ulExSuccess, "WARNING: source write-protected, mounted read-only"
		}
		return ulExSuccess, ""
	}
	mflags := m.mflags()
	uflags := m.uflags()
	if !m.syscallCalled {
		switch rc {
		case -int(linux.EPERM):
			return ulExUsage, "operation permitted for root only"
		case -int(linux.EBUSY):
			return ulExUsage, fmt.Sprintf("%s is already mounted", src)
		case -ulErrNoFstab:
			switch {
			case !m.noSwapmatch:
				return ulExUsage, "can't find in /etc/fstab"
			case tgt != "":
				return ulExUsage, "can't find mount point in /etc/fstab"
			default:
				return ulExUsage, fmt.Sprintf("can't find mount source %s in /etc/fstab", src)
			}
		case -ulErrNoFstype:
			return ulExUsage, "no filesystem type specified"
		case -ulErrNoSource:
			if uflags&ulMsNofail != 0 {
				return ulExSuccess, ""
			}
			if src != "" {
				return ulExUsage, fmt.Sprintf("can't find %s", src)
			}
			return ulExUsage, "no mount source specified"
		case -ulErrMountOpt:
			msg := fmt.Sprintf("failed to parse mount options '%s'", m.options())
			if m.optErrno != 0 {
				msg += ": " + m.optErrno.Error()
			}
			return ulExUsage, msg
		case -ulErrLoopdev:
			return ulExFail, fmt.Sprintf("failed to setup loop device for %s", src)
		case -ulErrLoopOverlap:
			return ulExFail, fmt.Sprintf("overlapping loop device exists for %s", src)
		}
		return ulGenericExcode(rc, "mount failed")
	}
	if m.syscallErr == 0 {
		if rc == -ulErrLock {
			return 16, "filesystem was mounted, but failed to update userspace mount table"
		}
		if rc < 0 {
			return ulGenericExcode(rc, "filesystem was mounted, but any subsequent operation failed")
		}
		return ulExSoftware, ""
	}
	statTgt := func() (vfs.Statx, error) { return m.t.Stat(tgt) }
	var msg string
	switch m.syscallErr {
	case linux.EPERM:
		if m.t.Cred().EUID == 0 {
			if st, err := statTgt(); err != nil || !applet.IsDir(uint32(st.Mode)) {
				msg = "mount point is not a directory"
			} else {
				msg = "permission denied"
			}
		} else {
			msg = "must be superuser to use mount"
		}
	case linux.EBUSY:
		if mflags&linux.MS_REMOUNT != 0 {
			msg = "mount point is busy"
			break
		}
		if src != "" {
			if fs := m.alreadyMountedSource(); fs != nil && fs.target != "" {
				msg = fmt.Sprintf("%s already mounted on %s", src, fs.target)
			}
		}
		if msg == "" {
			msg = fmt.Sprintf("%s already mounted or mount point busy", src)
		}
	case linux.ENOENT:
		_, lerr := m.t.Lstat(tgt)
		_, serr := m.t.Stat(tgt)
		switch {
		case tgt != "" && lerr != nil:
			msg = "mount point does not exist"
		case tgt != "" && serr != nil:
			msg = "mount point is a symbolic link to nowhere"
		case src != "" && ulStatErr(m.t, src) != nil:
			if uflags&ulMsNofail != 0 {
				return ulExSuccess, ""
			}
			msg = fmt.Sprintf("special device %s does not exist", src)
		default:
			msg = "mount(2) system call failed: " + linux.ENOENT.Error()
		}
	case linux.ENOTDIR:
		if st, err := statTgt(); err != nil || !applet.IsDir(uint32(st.Mode)) {
			msg = "mount point is not a directory"
		} else if src != "" && errors.Is(ulStatErr(m.t, src), linux.ENOTDIR) {
			if uflags&ulMsNofail != 0 {
				return ulExSuccess, ""
			}
			msg = fmt.Sprintf("special device %s does not exist (a path prefix is not a directory)", src)
		} else {
			msg = "mount(2) system call failed: " + linux.ENOTDIR.Error()
		}
	case linux.EINVAL:
		switch {
		case mflags&linux.MS_REMOUNT != 0:
			msg = "mount point not mounted or bad option"
		case rc == -ulErrApplyFlags:
			msg = "not mount point or bad option"
		case mflags&linux.MS_MOVE != 0 && m.isSharedTree(src):
			msg = "bad option; moving a mount residing under a shared mount is unsupported"
		case ulIsNetFstype(m.fstype):
			msg = "bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program"
		default:
			msg = fmt.Sprintf("wrong fs type, bad option, bad superblock on %s, missing codepage or helper program, or other error", src)
		}
	case linux.EMFILE:
		msg = "mount table full"
	case linux.EIO:
		msg = fmt.Sprintf("can't read superblock on %s", src)
	case linux.ENODEV:
		if m.fstype != "" {
			msg = fmt.Sprintf("unknown filesystem type '%s'", m.fstype)
		} else {
			msg = "unknown filesystem type"
		}
	case linux.ENOTBLK:
		if uflags&ulMsNofail != 0 {
			return ulExSuccess, ""
		}
		st, err := m.t.Stat(src)
		switch {
		case src != "" && err != nil:
			msg = fmt.Sprintf("%s is not a block device, and stat(2) fails?", src)
		case src != "" && applet.IsBlk(uint32(st.Mode)):
			msg = fmt.Sprintf("the kernel does not recognize %s as a block device; maybe \"modprobe driver\" is necessary", src)
		case src != "" && applet.IsReg(uint32(st.Mode)):
			msg = fmt.Sprintf("%s is not a block device; try \"-o loop\"", src)
		default:
			msg = fmt.Sprintf("%s is not a block device", src)
		}
	case linux.ENXIO:
		if uflags&ulMsNofail != 0 {
			return ulExSuccess, ""
		}
		msg = fmt.Sprintf("%s is not a valid block device", src)
	case linux.EACCES, linux.EROFS:
		switch {
		case mflags&linux.MS_RDONLY != 0:
			msg = fmt.Sprintf("cannot mount %s read-only", src)
		case m.rwonly:
			msg = fmt.Sprintf("%s is write-protected but explicit read-write mode requested", src)
		case mflags&linux.MS_REMOUNT != 0:
			msg = fmt.Sprintf("cannot remount %s read-write, is write-protected", src)
		case mflags&linux.MS_BIND != 0:
			msg = fmt.Sprintf("bind %s failed", src)
		default:
			msg = "mount(2) system call failed: " + m.syscallErr.Error()
		}
	case linux.ENOMEDIUM:
		if uflags&ulMsNofail != 0 {
			return ulExSuccess, ""
		}
		msg = fmt.Sprintf("no medium found on %s", src)
	case linux.EBADMSG:
		if st, err := m.t.Stat(src); src != "" && err == nil && (applet.IsBlk(uint32(st.Mode)) || applet.IsReg(uint32(st.Mode))) {
			msg = fmt.Sprintf("cannot mount; probably corrupted filesystem on %s", src)
			break
		}
		msg = "mount(2) system call failed: " + m.syscallErr.Error()
	default:
		msg = "mount(2) system call failed: " + m.syscallErr.Error()
	}
	return ulExFail, msg
}

func ulStatErr(t *vfs.Task, name string) error {
	_, err := t.Stat(name)
	return err
}

// ulGenericExcode is mnt_context_get_generic_excode: "what: strerror".
func ulGenericExcode(rc int, what string) (int, string) {
	if rc == 0 {
		return ulExSuccess, ""
	}
	if rc < 0 {
		rc = -rc
	}
	e := linux.Errno(rc)
	code := ulExFail
	switch e {
	case linux.EINVAL, linux.EPERM:
		code = ulExUsage
	case linux.ENOMEM:
		code = ulExSyserr
	}
	return code, what + ": " + ulStrerror(e)
}

// ulStrerror is strerror, with glibc's "Unknown error N" for numbers
// beyond the table (libmount's own codes).
func ulStrerror(e linux.Errno) string {
	if e >= 4096 {
		return fmt.Sprintf("Unknown error %d", int(e))
	}
	return e.Error()
}

// successMessage is mount -v's report.
func (m *ulMountCtx) successMessage() {
	fl := m.mflags()
	out := m.c.Out
	switch {
	case fl&linux.MS_MOVE != 0:
		fmt.Fprintf(out, "mount: %s moved to %s.\n", m.source, m.target)
	case fl&linux.MS_BIND != 0:
		fmt.Fprintf(out, "mount: %s bound on %s.\n", m.source, m.target)
	case fl&ulMsPropagation != 0:
		if m.source != "" && m.source != "none" && m.target != "" {
			fmt.Fprintf(out, "mount: %s mounted on %s.\n", m.source, m.target)
		}
		fmt.Fprintf(out, "mount: %s propagation flags changed.\n", m.target)
	default:
		fmt.Fprintf(out, "mount: %s mounted on %s.\n", m.source, m.target)
	}
}
