// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// findmnt -x: check each chosen entry of a table (fstab by default) the
// way util-linux 2.38 does: its target, options, source, type and pass
// number, and the order of the entries. Each entry with something to
// say is named once, then one line per finding: [E] for an error, [W] a
// warning, [ ] a fact (--verbose only). A summary follows.

// mntVerify is one findmnt -x run.
type mntVerify struct {
	q  *findmntQuery
	tb *mntTable
	fs *mntEntry
	// named is set once the current entry's target is printed.
	named            bool
	errors, warnings int
	// noFsck is set for types fsck is not run on (xfs, btrfs).
	noFsck bool
	known  []string // the kernel's file system types
}

func (v *mntVerify) say(mark byte, format string, a ...any) {
	out := v.q.c.Out
	if !v.named {
		fmt.Fprintf(out, "%s\n", v.fs.target)
		v.named = true
	}
	fmt.Fprintf(out, "   [%c] %s\n", mark, fmt.Sprintf(format, a...))
}

func (v *mntVerify) errorf(format string, a ...any) {
	v.errors++
	v.say('E', format, a...)
}

func (v *mntVerify) warnf(format string, a ...any) {
	v.warnings++
	v.say('W', format, a...)
}

func (v *mntVerify) okf(format string, a ...any) {
	if v.q.verbose {
		v.say(' ', format, a...)
	}
}

// verifyTable checks the entries the query picks and returns findmnt's
// status: 1 if there were errors or lines that did not parse.
func (q *findmntQuery) verifyTable(tb *mntTable) int {
	v := &mntVerify{q: q, tb: tb, known: knownFstypes(q.c.Task)}
	order := q.everything()
	for _, fs := range q.picks(tb) {
		v.fs, v.named, v.noFsck = fs, false, false
		if order {
			v.checkOrder()
		}
		v.checkEntry()
		if q.firstOnly {
			break
		}
	}
	c := q.c
	if v.errors+q.parseErrors+v.warnings == 0 {
		c.Out.WriteString("Success, no errors or warnings detected\n")
		return 0
	}
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "\n%s, %s, %s\n", plural(q.parseErrors, "parse error"),
		plural(v.errors, "error"), plural(v.warnings, "warning"))
	if v.errors+q.parseErrors > 0 {
		return 1
	}
	return 0
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// knownFstypes are the names /proc/filesystems lists (none when it
// cannot be read).
func knownFstypes(t *vfs.Task) []string {
	data, err := readFile(t, "/proc/filesystems")
	if err != nil {
		return nil
	}
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			names = append(names, f[len(f)-1])
		}
	}
	return names
}

// checkEntry runs the checks of one entry: a swap area's options, or
// the target and the options; then the source, the type and the pass
// number.
func (v *mntVerify) checkEntry() {
	if v.fs.fstype == "swap" {
		v.checkSwap()
	} else {
		v.checkTarget()
		v.listOptions()
	}
	v.checkSource()
	v.checkFstype()
	if v.fs.target == "/" && v.fs.passno != 1 && !v.noFsck {
		v.warnf("recommended root FS passno is 1 (current is %d)", v.fs.passno)
	}
}

// resolved is a target as libmount's cache gives it: canonical if it
// exists, as written otherwise; as written with -C.
func (v *mntVerify) resolved(target string) string {
	if v.q.nocache {
		return target
	}
	return canonicalPath(v.q.c.Task, target)
}

// checkOrder compares the entry with those after it: the same target
// again, or one of its parents mounted later.
func (v *mntVerify) checkOrder() {
	tgt := v.resolved(v.fs.target)
	after := false
	for _, next := range v.tb.fss {
		if next == v.fs {
			after = true
			continue
		}
		if !after || next.target == "" {
			continue
		}
		n := v.resolved(next.target)
		rest, ok := strings.CutPrefix(tgt, n)
		switch {
		case !ok:
		case rest == "":
			v.warnf("target specified more than once")
		case rest[0] == '/':
			v.errorf("wrong order: %s specified before %s", tgt, n)
		}
	}
}

// option is mnt_fs_get_option: whether the entry's options name opt,
// and its value.
func (v *mntVerify) option(opt string) (string, bool) {
	for _, item := range splitOpts(v.fs.optstr) {
		if name, val, _ := optName(item); name == opt {
			return val, true
		}
	}
	return "", false
}

// checkTarget: the target must exist, and be a directory unless bound
// onto. (util-linux's test for noauto is the wrong way round: entries
// mounted at boot get the warning, the others the error.)
func (v *mntVerify) checkTarget() {
	tgt := v.fs.target
	if tgt == "" {
		v.errorf("undefined target (fs_file)")
		return
	}
	if !v.q.nocache {
		if cn := v.resolved(tgt); cn != tgt {
			v.warnf("non-canonical target path (real: %s)", cn)
			tgt = cn
		}
	}
	_, noauto := v.option("noauto")
	_, bind := v.option("bind")
	st, err := v.q.c.Task.Stat(tgt)
	switch {
	case err != nil && !noauto:
		v.errorf("unreachable on boot required target: %s", applet.ErrText(err))
	case err != nil:
		v.warnf("unreachable target: %s", applet.ErrText(err))
	case !applet.IsDir(uint32(st.Mode)) && !bind:
		v.errorf("target is not a directory")
	default:
		v.okf("target exists")
	}
}

// listOptions tells (verbose) the entry's options by class.
func (v *mntVerify) listOptions() {
	g := groupOptions(splitOpts(v.fs.optstr))
	for _, x := range []struct {
		what string
		list []string
	}{{"VFS", g.kernel}, {"FS", g.fs}, {"userspace", g.user}} {
		if len(x.list) > 0 {
			v.okf("%s options: %s", x.what, strings.Join(x.list, ","))
		}
	}
}

// checkSwap checks a swap area's discard policy and priority.
func (v *mntVerify) checkSwap() {
	if arg, ok := v.option("discard"); ok && arg != "" &&
		!strings.HasPrefix("once", arg) && !strings.HasPrefix("pages", arg) {
		v.errorf("unsupported swaparea discard policy: %s", arg)
	}
	if arg, ok := v.option("pri"); ok && arg != "" {
		if strings.Trim(strings.TrimPrefix(arg, "-"), "0123456789") != "" {
			v.errorf("failed to parse swaparea priority option")
		}
	}
}

// checkSource: a tag must name a device (there is no device database
// here, so none does); a path should be a block device, or anything
// for a bind mount; pseudo and network sources are not looked at.
func (v *mntVerify) checkSource() {
	fs := v.fs
	if isSourceTag(fs.source) {
		name, val, _ := strings.Cut(fs.source, "=")
		if _, noauto := v.option("noauto"); !noauto {
			v.errorf("unreachable on boot required source: %s=%s", name, val)
		} else {
			v.warnf("unreachable: %s=%s", name, val)
		}
		return
	}
	src := fs.srcpath()
	if src == "" {
		v.errorf("undefined source (fs_spec)")
		return
	}
	t := v.q.c.Task
	if name, _, ok := strings.Cut(src, "="); ok && name != "" {
		if _, err := t.Stat(src); err != nil {
			v.errorf("unsupported source tag: %s", src)
			return
		}
	}
	_, bind := v.option("bind")
	if fs.isPseudo() || isNetFstype(fs.fstype) {
		v.okf("do not check %s source (pseudo/net)", src)
		return
	}
	st, err := t.Stat(src)
	mode := uint32(st.Mode)
	switch {
	case err != nil:
		v.warnf("unreachable source: %s: %s", src, applet.ErrText(err))
	case (applet.IsDir(mode) || applet.IsReg(mode)) && !bind:
		v.warnf("non-bind mount source %s is a directory or regular file", src)
	case !applet.IsBlk(mode) && !bind:
		v.warnf("source %s is not a block device", src)
	default:
		v.okf("source %s exists", src)
	}
}

// supported is whether the kernel knows a type (a list of types
// matches if one of them does).
func (v *mntVerify) supported(fstype string) bool {
	for _, k := range v.known {
		if matchFstype(k, fstype) {
			return true
		}
	}
	return false
}

// checkFstype compares the entry's type with what the kernel knows and
// with what the source holds.
func (v *mntVerify) checkFstype() {
	fs := v.fs
	if isSourceTag(fs.source) {
		return // the tag leads nowhere
	}
	src := canonicalPath(v.q.c.Task, fs.source)
	if fs.isPseudo() || isNetFstype(fs.fstype) {
		v.okf("do not check %s FS type (pseudo/net)", src)
		return
	}
	typ := fs.fstype
	_, bind := v.option("bind")
	_, move := v.option("move")
	if typ == "none" && !bind && !move {
		v.warnf(`"none" FS type is recommended for bind or move oprations only`)
		return
	}
	auto, swap := typ == "auto", typ == "swap"
	v.noFsck = typ == "xfs" || typ == "btrfs"
	if typ != "" && !swap && !auto && typ != "none" && !v.supported(typ) {
		v.warnf("%s seems unsupported by the current kernel", typ)
	}
	real, err := probeSource(v.q.c.Task, src)
	if real == "" {
		reason := "reason unknown"
		if err != nil {
			reason = applet.ErrText(err)
		}
		if auto {
			v.errorf("cannot detect on-disk filesystem type (%s)", reason)
		} else {
			v.warnf("cannot detect on-disk filesystem type (%s)", reason)
		}
		return
	}
	v.noFsck = real == "xfs" || real == "btrfs"
	switch {
	case typ != "" && !auto && typ != real:
		v.errorf("%s does not match with on-disk %s", typ, real)
	case real != "swap" && !v.supported(real):
		v.errorf("on-disk %s seems unsupported by the current kernel", real)
	default:
		v.okf("FS type is %s", real)
	}
}
