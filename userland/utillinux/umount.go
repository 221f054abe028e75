// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// umountRun holds umount(8)'s settings; umountJob is the unmounting of one
// operand.
type umountRun struct {
	c                         *cmd
	lazy, force, rdonly       bool
	quiet, verbose, fake      bool
	nomtab                    bool
	nocanon                   bool
	loopdel                   bool
	typesPattern, optsPattern string
	typesSet                  bool // -t was given, maybe empty (matching nothing)
	// restricted is libmount's restricted mode: a caller whose real or
	// effective UID is not 0, until an option or a refusal drops it.
	restricted bool
}

// gate is umount(8)'s check of each option in restricted mode: -d, -i,
// -l, -q and -v keep the restrictions, -c is then ignored, and any other
// option drops them (suid_drop), as does a long option without a short
// one (short == ""). It reports whether the option takes effect.
func (u *umountRun) gate(short string) bool {
	if !u.restricted || short != "" && strings.Contains("dilqv", short) {
		return true
	}
	if short == "c" {
		return false
	}
	u.restricted = false
	return true
}

type umountJob struct {
	u              *umountRun
	source, target string
	fstype         string
	tabApplied     bool
	syscallCalled  bool
	syscallErr     linux.Errno
	remounted      bool
}

// umountApplet is umount(8) from util-linux 2.38.
func umountApplet(c *cmd) int {
	t := c.Task
	u := &umountRun{c: c, restricted: t.Getuid() != 0 || t.Geteuid() != 0}
	var all, allTargets, recursive bool
	fs := c.FlagSet()
	fs.Help = helpTexts["umount"]
	fs.ShortHelp = true
	flag := func(p *bool, long, short string) {
		fs.Func(long, short, "", func() {
			if u.gate(short) {
				*p = true
			}
		})
	}
	arg := func(long, short string, set func(v string) error) {
		fs.ArgFunc(long, short, "", func(v string) error {
			if u.gate(short) {
				return set(v)
			}
			return nil
		})
	}
	var internal bool
	flag(&all, "all", "a")
	flag(&allTargets, "all-targets", "A")
	flag(&u.loopdel, "detach-loop", "d")
	flag(&u.fake, "fake", "")
	flag(&u.force, "force", "f")
	flag(&internal, "internal-only", "i")
	flag(&u.lazy, "lazy", "l")
	flag(&u.nocanon, "no-canonicalize", "c")
	flag(&u.nomtab, "no-mtab", "n")
	flag(&u.quiet, "quiet", "q")
	flag(&u.rdonly, "read-only", "r")
	flag(&recursive, "recursive", "R")
	arg("test-opts", "O", func(v string) error { u.optsPattern = v; return nil })
	arg("types", "t", func(v string) error {
		u.typesPattern, u.typesSet = v, true
		return nil
	})
	flag(&u.verbose, "verbose", "v")
	arg("namespace", "N", c.enterTargetNS)
	fs.Exclusive("all-targets", "all")
	fs.Exclusive("recursive", "all")
	fs.Exclusive("test-opts", "recursive", "types")
	fs.Exclusive("recursive", "read-only")
	args, ok := c.Parse(fs)
	if !ok {
		return exitUsage
	}
	rc := 0
	switch {
	case all:
		if len(args) > 0 {
			c.warnf("unexpected number of arguments")
			return c.tryHelp(exitUsage)
		}
		if !u.typesSet {
			u.typesPattern, u.typesSet = "noproc,nodevfs,nodevpts,nosysfs,norpc_pipefs,nonfsd,noselinuxfs", true
		}
		rc = u.all()
	case len(args) < 1:
		return c.badUsage(exitUsage)
	case allTargets:
		for _, a := range args {
			rc += u.allTargets(a, recursive)
		}
	case recursive:
		for _, a := range args {
			rc += u.recursive(a)
		}
	default:
		for _, a := range args {
			spec := a
			if u.restricted && !isSourceTag(a) {
				p, err := realPath(t, a)
				if err != nil {
					// err(3): the command ends here.
					c.warnf("%s: %s", a, errnoOf(err).Error())
					return exitUsage
				}
				spec = p
			}
			rc += u.one(spec)
		}
	}
	if rc > exitStatusCap {
		rc = exitStatusCap
	}
	return rc
}

// one is umount_one.
func (u *umountRun) one(spec string) int {
	x := &umountJob{u: u, target: spec}
	code := x.report(x.umount())
	if code == exitOK && u.verbose && x.syscallCalled && x.syscallErr == 0 && x.target != "" {
		if x.source != "" {
			u.c.warnf("%s (%s) unmounted", x.target, x.source)
		} else {
			u.c.warnf("%s unmounted", x.target)
		}
	}
	return code
}

// statfsTypes are the filesystems whose statfs magic libmount knows
// among those linuxvfs has.
var statfsTypes = map[uint64]string{
	0x01021994: "tmpfs", 0x9fa0: "proc", 0x858458f6: "ramfs", 0x73717368: "squashfs", 0x4d44: "vfat",
	0x9660: "iso9660", 0x7275: "romfs", 0x1cd1: "devpts",
}

// umount is mnt_context_umount: find the filesystem (by statfs when the
// target is an absolute directory, else in mountinfo), then umount2(2).
func (x *umountJob) umount() error {
	t := x.u.c.Task
	tgt := x.target
	byStatfs := false
	if len(tgt) > 0 && tgt[0] == '/' && !x.u.nomtab {
		ensureUtabDir(t) // mnt_context_mtab_writable in the statfs lookup
	}
	if len(tgt) > 0 && tgt[0] == '/' && !x.u.restricted && !x.u.force && !x.u.lazy && !x.u.nocanon && !x.u.loopdel {
		if st, err := t.Stat(tgt); err == nil && applet.IsDir(uint32(st.Mode)) {
			if sf, err := t.Statfs(tgt); err == nil {
				if typ, ok := statfsTypes[sf.Type]; ok {
					x.fstype = typ
					byStatfs = true
				}
			}
		}
	}
	if !byStatfs {
		fs, err := x.findFS(tgt)
		if err != nil {
			return err
		}
		if fs != nil {
			x.source, x.target, x.fstype = fs.source, fs.target, fs.fstype
			x.tabApplied = true
		}
		if !x.u.nomtab {
			ensureUtabDir(t) // prepare_update
		}
	}
	if x.u.restricted {
		if !x.tabApplied {
			return errNotInTab
		}
		x.evaluatePermissions()
	}
	loopdel := x.u.loopdel && x.wantsLoopDelete()
	err := x.doUmount()
	if err == nil && !x.u.fake && !x.remounted && loopdel {
		if err := detachLoop(t, x.source); err != nil {
			return errnoOf(err)
		}
	}
	return err
}

// errNotInTab is a restricted umount's refusal of a target mountinfo
// does not list: the umount(2) call is not even tried.
var errNotInTab = errors.New("not mounted")

// evaluatePermissions is libmount's check of a restricted umount: only a
// filesystem fstab lists with the same source and target and the
// "users" option may be unmounted by anyone; for any other, umount(8)
// drops its restrictions and tries again as the caller, which is the
// same without a set-user-ID umount. (A "user", "owner" or "group"
// entry needs a user= that a mount by anyone but root never recorded.)
func (x *umountJob) evaluatePermissions() {
	fs := x.u.c.readFstab("/etc/fstab").findPair(x.source, x.target, false)
	if fs == nil || !listHas(splitOpts(fs.optstr), "users", "") {
		x.u.restricted = false
	}
}

// wantsLoopDelete is the -d test of mnt_context_prepare_umount: the
// source must be a loop device without autoclear (one with autoclear
// goes by itself).
func (x *umountJob) wantsLoopDelete() bool {
	src := x.source
	if src == "" || isSourceTag(src) {
		return true
	}
	if !isLoopBlockDev(x.u.c.Task, src) {
		return false
	}
	n := openLoopNode(x.u.c.Task, src)
	defer n.close()
	return !n.flag(linux.LO_FLAGS_AUTOCLEAR)
}

// findFS is __mtab_find_umount_fs: by target, then (swapmatch) by
// source, refusing a source something else was mounted over.
func (x *umountJob) findFS(tgt string) (*mntEntry, error) {
	if tgt == "" {
		return nil, nil
	}
	tb := readMountinfo(x.u.c.Task)
	if tb.err != nil {
		return nil, errnoOf(tb.err)
	}
	tried := false
	for {
		fs := tb.findTarget(tgt, true)
		if fs == nil {
			fs = tb.findSource(tgt, true)
			if fs != nil {
				if fs1 := tb.findTarget(fs.target, true); fs1 != fs {
					return nil, linux.EINVAL
				}
			}
		}
		if fs != nil || tried {
			return fs, nil
		}
		tried = true
		dev := x.backingLoopdev(tgt)
		if dev == "" {
			return nil, nil
		}
		tgt = dev
	}
}

// backingLoopdev is the last try of __mtab_find_umount_fs: a regular
// file that is the backing file of exactly one loop device stands for
// that device (loopdev_count_by_backing_file).
func (x *umountJob) backingLoopdev(name string) string {
	t := x.u.c.Task
	if st, err := t.Stat(name); err != nil || !applet.IsReg(uint32(st.Mode)) {
		return ""
	}
	bf := canonicalPath(t, name)
	var devs []string
	nodes := attachedLoops(t)
	defer closeLoops(nodes, nil)
	for _, n := range nodes {
		if f, err := n.fileName(); err == nil && f == bf {
			devs = append(devs, n.path)
		}
	}
	if len(devs) != 1 {
		return ""
	}
	return devs[0]
}

// doUmount is do_umount.
func (x *umountJob) doUmount() error {
	t := x.u.c.Task
	flags := 0
	if x.u.lazy {
		flags |= linux.MNT_DETACH
	}
	if x.u.force {
		flags |= linux.MNT_FORCE
	}
	x.syscallCalled = true
	var err error
	if !x.u.fake {
		err = t.Umount2(x.target, flags)
	}
	x.syscallErr = 0
	if err == nil {
		return nil
	}
	x.syscallErr = errnoOf(err)
	if x.syscallErr == linux.EBUSY && x.u.rdonly && x.source != "" {
		// -r: a busy filesystem is made read-only instead.
		if err := t.Mount(x.source, x.target, "", linux.MS_REMOUNT|linux.MS_RDONLY, ""); err != nil {
			x.syscallErr = errnoOf(err)
			return x.syscallErr
		}
		x.syscallErr = 0
		x.remounted = true
		return nil
	}
	return x.syscallErr
}

// report prints umount(8)'s diagnostic and returns the exit status. With
// -q, "not mounted" is not said.
func (x *umountJob) report(err error) int {
	msg, status := x.outcome(err)
	if x.u.quiet && status == exitFailed && x.syscallCalled && x.syscallErr == linux.EINVAL {
		return status
	}
	if msg != "" {
		x.u.c.warnf("%s: %s.", x.target, msg)
	}
	return status
}

func (x *umountJob) outcome(err error) (string, int) {
	s := &situation{t: x.u.c.Task, src: x.source, tgt: x.target, hasTgt: true, err: err}
	switch {
	case !x.syscallCalled && err == nil, x.syscallCalled && x.syscallErr == 0 && err == nil:
		return "", exitOK
	case !x.syscallCalled && err == errNotInTab:
		return "not mounted", exitUsage
	case !x.syscallCalled:
		return s.pick(nil, "umount failed")
	case x.syscallErr == 0:
		return s.pick(nil, "filesystem was unmounted, but any subsequent operation failed")
	}
	s.err = x.syscallErr
	return s.pickCall(umountCallRows, "umount(2) system call failed")
}

// notMounted is the complaint of -R and -A about a spec that is no mount.
func (u *umountRun) notMounted(spec string) int {
	if !u.quiet {
		if u.c.Task.Access(spec, 0) == nil {
			u.c.warnf("%s: not mounted", spec)
		} else {
			u.c.warnf("%s: not found", spec)
		}
	}
	return exitUsage
}

// recursive is umount_recursive.
func (u *umountRun) recursive(spec string) int {
	tb := readMountinfo(u.c.Task)
	fs := tb.findTarget(spec, true)
	if fs == nil {
		return u.notMounted(spec)
	}
	return u.doRecurse(tb, fs)
}

// doRecurse is umount_do_recurse: what is mounted over fs, then its
// children in mount order (each with its own submounts), then fs.
func (u *umountRun) doRecurse(tb *mntTable, fs *mntEntry) int {
	over := tb.over(fs)
	if over != nil {
		if rc := u.doRecurse(tb, over); rc != exitOK {
			return rc
		}
	}
	for _, child := range tb.children(fs) {
		if child == over {
			continue
		}
		if rc := u.doRecurse(tb, child); rc != exitOK {
			return rc
		}
	}
	return u.oneIfMounted(fs.target)
}

// oneIfMounted is umount_one_if_mounted.
func (u *umountRun) oneIfMounted(spec string) int {
	x := &umountJob{u: u, target: spec}
	fs, err := x.findFS(spec)
	switch {
	case err != nil:
		return x.report(err)
	case fs == nil:
		return exitOK
	}
	return u.one(fs.target)
}

// allTargets is umount_alltargets: every mountpoint of the filesystem
// that spec names.
func (u *umountRun) allTargets(spec string, rec bool) int {
	x := &umountJob{u: u, target: spec}
	fs, err := x.findFS(spec)
	if err != nil {
		return x.report(err)
	}
	if fs == nil {
		return u.notMounted(spec)
	}
	tb := readMountinfo(u.c.Task)
	code := exitOK
	for _, f := range tb.iter(true) {
		if f.major != fs.major || f.minor != fs.minor {
			continue
		}
		if rec {
			code = u.doRecurse(tb, f)
		} else {
			code = u.oneIfMounted(f.target)
		}
		if code != exitOK {
			break
		}
	}
	return code
}

// all is umount -a: every mounted filesystem, last first.
func (u *umountRun) all() int {
	rc := 0
	for _, fs := range readMountinfo(u.c.Task).iter(true) {
		if fs.target == "" {
			continue
		}
		if u.typesSet && !matchFstype(fs.fstype, u.typesPattern) ||
			u.optsPattern != "" && !matchOptions(fs.optstr, u.optsPattern) {
			if u.verbose {
				fmt.Fprintf(u.c.Out, "%-25s: ignored\n", fs.target)
			}
			continue
		}
		x := &umountJob{u: u, target: fs.target, source: fs.source, fstype: fs.fstype, tabApplied: true}
		code := x.report(x.doUmount())
		if code == exitOK && u.verbose {
			fmt.Fprintf(u.c.Out, "%-25s: successfully unmounted\n", fs.target)
		}
		rc |= code
	}
	return rc
}

// matchOptions says whether an option list passes a -O filter: every
// filter item ("opt", "+opt", "opt=value") must be in the list, except
// "noopt", which must not.
func matchOptions(list, filter string) bool {
	have := splitOpts(list)
	for _, want := range splitOpts(filter) {
		name, val, _ := optName(want)
		mustLack := false
		if rest, ok := strings.CutPrefix(name, "+"); ok {
			name = rest
		} else if rest, ok := strings.CutPrefix(name, "no"); ok {
			name, mustLack = rest, true
		}
		if listHas(have, name, val) == mustLack {
			return false
		}
	}
	return true
}

// listHas is whether items has the option name (with value val, unless
// val is empty).
func listHas(items []string, name, val string) bool {
	for _, it := range items {
		if n, v, _ := optName(it); n == name && (val == "" || v == val) {
			return true
		}
	}
	return false
}
