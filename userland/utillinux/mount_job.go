// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mountJob is one mount command on its way to mount(2): what was asked,
// then (once settled) the flags of the main call, the filesystem data,
// the propagation changes and bind flags to apply after it, and how the
// calls went.
type mountJob struct {
	c *cmd
	t *vfs.Task

	source, target       string
	hasSource, hasTarget bool   // "" is a real value; these tell it from none
	fstype               string // a type, or (from fstab) a comma list
	typeList             string // -t with several types or "no": try in turn
	emptyType            bool   // -t '': mount(2) gets the empty type
	items                []string

	explicitRW, fake, verbose, noMtab bool
	move                              bool
	tables                            tableSet  // where a half-named mount is looked up
	forceTables                       bool      // look up a fully named one too
	optsMode                          optsMode  // how an entry's options join the given ones
	noSwap                            bool      // no look-up of a source as a target or back
	fstab                             *mntTable // the -T tables, nil for /etc/fstab

	merged   bool // flags and user bits worked out from the items
	fixed    bool // groups, changes and flags settled
	ready    bool // every preparation step done
	flags    uint64
	user     uint64
	groups   optGroups
	changes  []uint64 // extra mount(2) calls after the main one
	optErrno linux.Errno
	forcedRO bool

	loopFd     int
	loopFdOpen bool

	called     bool        // a mount(2) call was made
	callErr    linux.Errno // how the last one ended
	inFollowUp bool        // the failed call was a propagation-only change
}

func (j *mountJob) addOptions(list string) {
	j.items = append(j.items, splitOpts(list)...)
}

func (j *mountJob) prependOptions(list string) {
	j.items = append(splitOpts(list), j.items...)
}

// allFlags is every MS_* bit the job means to use, the follow-up calls'
// included.
func (j *mountJob) allFlags() uint64 {
	fl := j.flags
	if !j.merged {
		fl |= kernelFlags(j.items)
	}
	for _, c := range j.changes {
		fl |= c
	}
	return fl
}

func (j *mountJob) userBits() uint64 {
	if j.merged {
		return j.user
	}
	return j.user | userFlags(j.items)
}

// optionText is the option list as mount(8) quotes it in messages.
func (j *mountJob) optionText() string {
	if j.fixed {
		return strings.Join(j.groups.all(), ",")
	}
	return strings.Join(j.items, ",")
}

// sourcePath is the source unless it is a tag.
func (j *mountJob) sourcePath() string {
	if isSourceTag(j.source) {
		return ""
	}
	return j.source
}

// propagationOnly is a job whose only calls are propagation changes.
func (j *mountJob) propagationOnly() bool {
	return len(j.changes) > 0 && j.flags&^linux.MS_SILENT == 0 &&
		(j.fstype == "" || j.fstype == "none") && (j.source == "" || j.source == "none")
}

// run carries the job out and reports; a write-protected source makes it
// start over read-only, once.
func (j *mountJob) run() int {
	if j.move {
		j.flags = linux.MS_MOVE
	}
	utabChecked := false
	for {
		err := j.prepare()
		if err == nil && !utabChecked && !j.propagationOnly() && !j.noMtab {
			ensureUtabDir(j.t)
			utabChecked = true
		}
		if err == nil {
			err = j.mountAll()
		}
		if err == nil && j.succeeded() && !j.noMtab && !j.fake && j.keepsUtab() && writeUtab(j.t) != nil {
			err = probMtab
		}
		if !j.againReadOnly(err) {
			return j.report(err)
		}
	}
}

func (j *mountJob) succeeded() bool { return j.called && j.callErr == 0 }

// againReadOnly decides on the read-only retry: the source turned out to
// be write-protected (EROFS before any call, EROFS or EACCES from
// mount(2), or EBUSY while it is mounted read-only elsewhere) and nobody
// asked for read-only, read-write, a remount or a bind.
func (j *mountJob) againReadOnly(err error) bool {
	protected := false
	switch {
	case errors.Is(err, linux.EROFS) && !j.called:
		protected = true
	case j.called && (j.callErr == linux.EROFS || j.callErr == linux.EACCES):
		protected = true
	case j.called && j.callErr == linux.EBUSY:
		protected = j.sourceMountedReadOnly()
	}
	fl := j.allFlags()
	if !protected || fl&(linux.MS_RDONLY|linux.MS_REMOUNT|linux.MS_BIND) != 0 || j.explicitRW || j.forcedRO {
		return false
	}
	j.called, j.callErr, j.inFollowUp = false, 0, false
	j.flags = fl | linux.MS_RDONLY
	j.forcedRO = true
	return true
}

func (j *mountJob) sourceMountedReadOnly() bool {
	src := j.sourcePath()
	if src == "" {
		return false
	}
	for _, fs := range readMountinfo(j.t).fss {
		if fs.target != "" && fs.srcpath() != "" && fs.streqSrcpath(src) {
			return containsString(splitOpts(fs.fsOpts), "ro")
		}
	}
	return false
}

// prepare settles what the calls need; a step that failed is tried again
// on the read-only retry, finished ones are not.
func (j *mountJob) prepare() error {
	if !j.hasSource && !j.hasTarget {
		return linux.EINVAL
	}
	if j.ready {
		return nil
	}
	if !j.merged {
		if err := j.consultTables(); err != nil {
			return err
		}
		j.flags = j.allFlags()
		j.user = j.userBits() &^ (uOwner | uGroup)
		j.merged = true
	}
	var err error
	if !j.fixed {
		err = j.settleOptions()
	}
	if err == nil {
		err = j.settleSource()
	}
	if err == nil {
		j.settleType()
		err = j.settleTarget()
	}
	j.ready = err == nil
	return err
}

// consultTables completes a job that names only one of source and target
// from the task's /etc/fstab or, for a remount, from its mount table, as
// libmount's options mode says (--options-source, --options-mode); one
// naming both only with --options-source-force, and then the entry must
// have both.
func (j *mountJob) consultTables() error {
	if j.hasSource && j.hasTarget && !j.forceTables || !j.hasSource && j.hasTarget && j.tables == 0 {
		return nil
	}
	fl := j.allFlags()
	remount := fl&linux.MS_REMOUNT != 0
	found := false
	if j.tables&tableFstab != 0 {
		found = j.fillFrom(j.fstabTable(), false)
	}
	if !found && remount && j.tables&tableMtab != 0 {
		found = j.fillFrom(readMountinfo(j.t), true)
	}
	switch {
	case !found && remount && j.hasTarget && !j.hasSource:
		return nil // the kernel will judge the target
	case !found:
		return probNotInFstab
	}
	if remount && fl&linux.MS_BIND == 0 {
		// A remount does not become a bind remount because the table
		// entry is a bind mount.
		var kept []string
		for _, it := range j.items {
			if it != "bind" {
				kept = append(kept, it)
			}
		}
		j.items = kept
	}
	return nil
}

// fillFrom takes source, target, type and options from the table entry
// for the one given, searched as what it is and, unless it was named as
// such, as the other.
func (j *mountJob) fillFrom(tb *mntTable, newestFirst bool) bool {
	var fs *mntEntry
	if j.hasSource && j.hasTarget {
		fs = tb.findPair(j.source, j.target, newestFirst)
	} else if j.source != "" {
		fs = tb.findSource(j.source, newestFirst)
		if fs == nil && !j.noSwap && !isSourceTag(j.source) {
			fs = tb.findTarget(j.source, newestFirst)
		}
	} else if j.target != "" {
		fs = tb.findTarget(j.target, newestFirst)
		if fs == nil && !j.noSwap {
			fs = tb.findSource(j.target, newestFirst)
		}
	}
	if fs == nil {
		return false
	}
	j.source, j.target, j.hasSource, j.hasTarget = fs.source, fs.target, true, true
	if j.fstype == "" && !j.emptyType {
		j.fstype = fs.fstype
	}
	switch j.optsMode {
	case optsReplace:
		j.items = splitOpts(fs.optstr)
	case optsAppend:
		j.addOptions(fs.optstr)
	case optsPrepend:
		j.prependOptions(fs.optstr)
	}
	return true
}

// settleOptions sorts the options into their groups, writes the kernel
// words to match the flags, moves propagation into calls of their own
// (and the flags a bind mount cannot take into a "remount,bind" call),
// and readies the filesystem data (fix_optstr). A uid or gid without a
// value is refused here, before the source is looked at.
func (j *mountJob) settleOptions() error {
	g := groupOptions(j.items)
	g.kernel = rebuildKernelOpts(g.kernel, j.flags)
	j.changes, j.flags = splitPropagation(g.kernel, j.flags)
	if j.flags&linux.MS_BIND != 0 && j.flags&msBindAdjustable != 0 && j.flags&linux.MS_REMOUNT == 0 {
		j.changes = append(j.changes, j.flags|linux.MS_REMOUNT|linux.MS_BIND)
	}
	if missingID(g.fs) {
		// The message shows the options as given: fix_optstr
		// refreshes them only when it succeeds.
		j.optErrno = smackErrno(j.t)
		return probBadOptions
	}
	g.fs = dropSecurityLabels(resolveIDs(j.t, g.fs))
	j.groups, j.fixed = g, true
	return nil
}

// settleSource canonicalizes a path source (not for pseudo and network
// filesystems) and gives an image file its loop device. LABEL= and UUID=
// name the first block device whose probed tags match (there are no
// udev links to follow); the partition tags and ID= cannot be resolved.
func (j *mountJob) settleSource() error {
	if j.source == "" && j.propagationOnly() {
		j.source, j.hasSource = "none", true
		return nil
	}
	switch {
	case j.source == "" || isNetFstype(j.fstype):
		return nil
	case isSourceTag(j.source):
		kind, val, _ := strings.Cut(j.source, "=")
		dev := ""
		if kind == "LABEL" || kind == "UUID" {
			dev = findDeviceByTag(j.t, kind, unquoteTag(val))
		}
		if dev == "" {
			return probUnresolvable
		}
		j.source = dev
		return nil
	case isPseudoFstype(j.fstype):
		return nil
	}
	j.source = canonicalPath(j.t, j.source)
	if j.flags&(linux.MS_BIND|linux.MS_MOVE|linux.MS_REMOUNT) != 0 || !j.needsLoopdev() {
		return nil
	}
	return j.setupLoopdev()
}

// settleType works out a type that was not given: none for binds, moves,
// remounts and propagation changes; the probed one for an existing
// source; nfs for host:path and cifs for //host/share.
func (j *mountJob) settleType() {
	switch {
	case j.flags&(linux.MS_BIND|linux.MS_MOVE) != 0 || j.propagationOnly():
		j.fstype = "none"
		return
	case j.fstype == "auto":
		j.fstype = ""
	}
	switch {
	case j.fstype != "" || j.emptyType:
	case j.flags&linux.MS_REMOUNT != 0:
		j.fstype = "none"
	case j.typeList != "" || j.source == "":
	case j.t.Access(j.source, 0) == nil:
		j.fstype = probeFstype(j, j.sourcePath())
	case strings.Contains(j.source, ":"):
		j.fstype = "nfs"
	case strings.HasPrefix(j.source, "//"):
		j.fstype = "cifs"
	}
}

// settleTarget creates a missing target for X-mount.mkdir (-m), then
// canonicalizes it.
func (j *mountJob) settleTarget() error {
	if j.target == "" {
		return nil
	}
	if j.user&(uXComment|uXFstab) != 0 {
		mode, wanted := optionValue(j.groups.user, "X-mount.mkdir")
		if !wanted {
			mode, wanted = optionValue(j.groups.user, "x-mount.mkdir")
		}
		if wanted {
			if err := j.makeTarget(strings.Trim(mode, `"`)); err != nil {
				return err
			}
		}
	}
	j.target = canonicalPath(j.t, j.target)
	return nil
}

// makeTarget creates the target and its missing parents with the octal
// mode given (0755 for none or 0). mount(8) reports any failure to do so
// as EPERM.
func (j *mountJob) makeTarget(mode string) error {
	if _, err := j.t.Stat(j.target); err == nil {
		return nil
	}
	perm := uint64(0o755)
	if mode != "" {
		m, err := strconv.ParseUint(mode, 8, 32)
		if err != nil {
			return probBadOptions
		}
		if m != 0 {
			perm = m
		}
	}
	dir := ""
	if strings.HasPrefix(j.target, "/") {
		dir = "/"
	}
	for _, name := range strings.Split(j.target, "/") {
		if name == "" {
			continue
		}
		dir += name
		if err := j.t.Mkdir(dir, uint32(perm)); err != nil && !errors.Is(err, linux.EEXIST) {
			return linux.EPERM
		}
		dir += "/"
	}
	return nil
}

// errnoOf is the errno a task call failed with.
func errnoOf(err error) linux.Errno {
	var e linux.Errno
	if errors.As(err, &e) {
		return e
	}
	return linux.EINVAL
}

// mountAll makes the calls: for one type, one mount(2); for a list, each
// type until one mounts.
func (j *mountJob) mountAll() error {
	switch {
	case strings.Contains(j.fstype, ","):
		return j.tryTypes(strings.Split(j.fstype, ","))
	case j.fstype != "" || j.emptyType:
		return j.mountAs("")
	case j.typeList != "" && !strings.HasPrefix(j.typeList, "no"):
		return j.tryTypes(strings.Split(j.typeList, ","))
	}
	return j.tryKnownTypes()
}

func (j *mountJob) tryTypes(types []string) error {
	var err error = linux.EINVAL
	for _, typ := range types {
		if typ == "auto" {
			continue
		}
		if err = j.mountAs(typ); j.succeeded() {
			break
		}
	}
	return err
}

// tryKnownTypes tries the types of /etc/filesystems (and, when that file
// is missing or has a "*" line, of /proc/filesystems) that need a device,
// minus those -t excludes, while the kernel says the type is wrong.
func (j *mountJob) tryKnownTypes() error {
	types, complete := j.typesFrom("/etc/filesystems", nil)
	if !complete {
		types, _ = j.typesFrom("/proc/filesystems", types)
	}
	if len(types) == 0 {
		return probNoType
	}
	var err error
	for _, typ := range types {
		err = j.mountAs(typ)
		if j.succeeded() || j.callErr != linux.EINVAL && j.callErr != linux.ENODEV {
			break
		}
	}
	return err
}

func (j *mountJob) typesFrom(file string, types []string) ([]string, bool) {
	data, err := readFile(j.t, file)
	if err != nil {
		return types, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "nodev") {
			continue
		}
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
			continue
		case f[0] == "*":
			return types, false
		case j.typeList != "" && !matchFstype(f[0], j.typeList):
			continue
		}
		if !containsString(types, f[0]) {
			types = append(types, f[0])
		}
	}
	return types, true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mountAs makes the main call (with a type being tried: silently), then
// the follow-up calls.
func (j *mountJob) mountAs(tryType string) error {
	if !j.hasTarget {
		return linux.EINVAL
	}
	flags, fstype := j.flags, j.fstype
	if tryType != "" {
		flags |= linux.MS_SILENT
		fstype = tryType
	}
	src := j.sourcePath()
	if !j.hasSource {
		src = "none"
	}
	j.called, j.callErr = true, 0
	if j.propagationOnly() {
		if err := j.applyChanges(flags); err != nil {
			j.callErr, j.inFollowUp = errnoOf(err), true
			return probFollowUp
		}
		return nil
	}
	if err := j.sys(src, j.target, fstype, flags, strings.Join(j.groups.fs, ",")); err != nil {
		j.callErr = errnoOf(err)
		return j.callErr
	}
	j.callErr = 0
	if err := j.applyChanges(flags); err != nil {
		return probFollowUp
	}
	if tryType != "" {
		j.fstype = tryType
	}
	return nil
}

func (j *mountJob) applyChanges(flags uint64) error {
	for _, c := range j.changes {
		if err := j.sys("none", j.target, "", c|flags&linux.MS_SILENT, ""); err != nil {
			return err
		}
	}
	return nil
}

func (j *mountJob) sys(src, tgt, fstype string, flags uint64, data string) error {
	if j.fake {
		return nil
	}
	if fstype == "" && j.emptyType {
		return j.t.MountGivenType(src, tgt, "", flags, data) // -t ''
	}
	return j.t.Mount(src, tgt, fstype, flags, data)
}

// report prints mount(8)'s diagnostic (or, with -v, its success line)
// and returns the exit status.
func (j *mountJob) report(err error) int {
	s := &situation{
		t: j.t, src: j.source, tgt: j.target, hasTgt: j.hasTarget, fstype: j.fstype,
		flags: j.allFlags(), nofail: j.userBits()&uNofail != 0, rwOnly: j.explicitRW,
		err: err, inFollowUp: j.inFollowUp, options: j.optionText(), optErrno: j.optErrno,
		swapLookup: !j.noSwap, emptyType: j.emptyType,
	}
	var msg string
	status := exitOK
	switch {
	case j.succeeded() && err == nil:
		if j.forcedRO {
			msg = "WARNING: source write-protected, mounted read-only"
		}
	case !j.called && err != nil:
		msg, status = s.pick(mountEarlyRows, "mount failed")
	case j.succeeded():
		msg, status = s.pick(mountLateRows, "filesystem was mounted, but any subsequent operation failed")
	case j.called:
		s.err = j.callErr
		msg, status = s.pickCall(mountCallRows, "mount(2) system call failed")
	}
	if msg != "" {
		j.c.warnf("%s: %s.", j.spec(), msg)
		if j.called && j.callErr != 0 {
			fmt.Fprintf(j.c.Errw, "       dmesg(1) may have more information after failed mount system call.\n")
		}
	}
	// -o nofail also makes some failures exit 0; they are not reported
	// as done.
	if status == exitOK && j.verbose && j.succeeded() {
		j.sayDone()
	}
	return status
}

// spec names the job in messages: the target, else the source.
func (j *mountJob) spec() string {
	switch {
	case j.hasTarget:
		return j.target
	case j.hasSource:
		return j.source
	}
	return "???"
}

// sayDone is -v's line after a success.
func (j *mountJob) sayDone() {
	fl, out := j.allFlags(), j.c.Out
	switch {
	case fl&linux.MS_MOVE != 0:
		fmt.Fprintf(out, "mount: %s moved to %s.\n", j.source, j.target)
	case fl&linux.MS_BIND != 0:
		fmt.Fprintf(out, "mount: %s bound on %s.\n", j.source, j.target)
	case fl&msPropagation != 0:
		if j.source != "" && j.source != "none" && j.target != "" {
			fmt.Fprintf(out, "mount: %s mounted on %s.\n", j.source, j.target)
		}
		fmt.Fprintf(out, "mount: %s propagation flags changed.\n", j.target)
	default:
		fmt.Fprintf(out, "mount: %s mounted on %s.\n", j.source, j.target)
	}
}
