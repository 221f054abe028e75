// SPDX-License-Identifier: Apache-2.0

package cgroup

import (
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// call is one read or write of an interface file: the cgroup; the task
// reading or writing (current), whose PID namespace numbers the PIDs
// read and written; and of the open, the opener's cgroup namespace
// (of->priv's) and credentials (f_cred), which decide what the writer
// may do.
type call struct {
	c    *cgroup
	t    *vfs.Task
	ns   *vfs.CgroupNamespace
	cred *vfs.Cred
	of   *openFile
}

// by is x made by task t through f.
func (x call) by(t *vfs.Task, f *vfs.File) call {
	x.t, x.cred = t, f.Cred()
	return x
}

// cftype is struct cftype: an interface file, its mode, where it appears,
// and its show and write methods (nil: none; a show-less file opens but
// reads fail EINVAL, as cgroup_seqfile_show has nothing to call).
type cftype struct {
	name  string
	mode  uint32
	where int
	show  func(call) (string, error)
	write func(call, string) error
	// ctrl is 1 + the index of the controller the file is of (it is
	// there where the controller is active); 0 for the core's files.
	ctrl int
}

// delegatable are the files a namespace's root cgroup lets the namespace
// write under nsdelegate (CFTYPE_NS_DELEGATABLE).
var delegatable = map[string]bool{"cgroup.procs": true, "cgroup.threads": true, "cgroup.subtree_control": true}

// mayWrite is cgroup_file_write's delegation boundary: under nsdelegate,
// a writer that opened the file in a cgroup namespace other than the
// initial one writes to the namespace's root cgroup only its delegatable
// files (EPERM). (Files of cgroups outside the namespace stay writable in
// 6.18; moving a task there is what fails, in writeTask.)
func (x call) mayWrite(cf *cftype) error {
	h := x.c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.flags&nsDelegate == 0 || x.ns.IsInitial() {
		return nil
	}
	if x.c == h.nsRootOf(x.ns) && !delegatable[cf.name] {
		return linux.EPERM
	}
	return nil
}

const (
	everywhere = iota
	notOnRoot  // CFTYPE_NOT_ON_ROOT
	onlyOnRoot // CFTYPE_ONLY_ON_ROOT
)

// files are the interface files, in the order they are made and
// numbered: the core's (cgroup_base_files, the pressure files and
// cpu.stat), then the controllers' (pids.go, tunables.go).
var files = append(coreFiles, tunableFiles...)

var coreFiles = []cftype{ // cgroup.procs is procsFile
	{"cgroup.type", 0o644, notOnRoot, showType, writeType, 0},
	{"cgroup.procs", 0o644, everywhere, showProcs, writeProcs, 0},
	{"cgroup.threads", 0o644, everywhere, showThreads, writeThreads, 0},
	{"cgroup.controllers", 0o444, everywhere, showControllers, nil, 0},
	{"cgroup.subtree_control", 0o644, everywhere, showSubtreeControl, writeSubtreeControl, 0},
	{"cgroup.events", 0o444, notOnRoot, showEvents, nil, 0},
	{"cgroup.max.descendants", 0o644, everywhere, showMaxDescendants, writeMaxDescendants, 0},
	{"cgroup.max.depth", 0o644, everywhere, showMaxDepth, writeMaxDepth, 0},
	{"cgroup.stat", 0o444, everywhere, showStat, nil, 0},
	{"cgroup.stat.local", 0o444, notOnRoot, constant("frozen_usec 0\n"), nil, 0},
	{"cgroup.freeze", 0o644, notOnRoot, showFreeze, writeFreeze, 0},
	{"cgroup.kill", 0o200, notOnRoot, nil, writeKill, 0},
	{"cpu.stat", 0o444, everywhere, constant("usage_usec 0\nuser_usec 0\nsystem_usec 0\nnice_usec 0\n"), nil, 0},
	{"cpu.stat.local", 0o444, everywhere, constant(""), nil, 0},
	{"io.pressure", 0o644, everywhere, showPressure, writePressureTrigger, 0},
	{"memory.pressure", 0o644, everywhere, showPressure, writePressureTrigger, 0},
	{"cpu.pressure", 0o644, everywhere, showPressure, writePressureTrigger, 0},
	{"cgroup.pressure", 0o644, everywhere, showPressureSwitch, writePressureSwitch, 0},
	// the pids controller (pids.go)
	{"pids.max", 0o644, notOnRoot, showPidsMax, writePidsMax, 1 + pidsSS},
	{"pids.current", 0o444, notOnRoot, showPidsCurrent, nil, 1 + pidsSS},
	{"pids.peak", 0o444, notOnRoot, showPidsPeak, nil, 1 + pidsSS},
	{"pids.events", 0o444, notOnRoot, showPidsEvents, nil, 1 + pidsSS},
	{"pids.events.local", 0o444, notOnRoot, showPidsEventsLocal, nil, 1 + pidsSS},
}

// procsFile is cgroup.procs's index in files.
const procsFile = 1

// present reports whether file i is in cgroup c: cgroup.pressure hides
// the pressure files when it is 0 (kernfs_show); mu is held.
func (c *cgroup) present(i int) bool {
	if !c.pressure && strings.HasSuffix(files[i].name, ".pressure") && files[i].name != "cgroup.pressure" {
		return false
	}
	if ctrl := files[i].ctrl; ctrl > 0 && !c.hasCSS(ctrl-1) {
		return false
	}
	switch files[i].where {
	case notOnRoot:
		return !c.isRoot()
	case onlyOnRoot:
		return c.isRoot()
	}
	return true
}

func constant(s string) func(call) (string, error) {
	return func(call) (string, error) { return s, nil }
}

// strippedInt is kstrtoint(strstrip(buf), 0), how most of the core's
// files read a number: C's notation, EINVAL for anything else, ERANGE
// past 32 bits.
func strippedInt(s string) (int, error) {
	v, err := vfs.Kstrtoint(vfs.Strstrip(s), 0)
	return int(v), err
}

func showType(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	switch c := x.c; {
	case c.threaded():
		return "threaded\n", nil
	case !c.validDomain():
		return "domain invalid\n", nil
	case c.threadRoot():
		return "domain threaded\n", nil
	}
	return "domain\n", nil
}

// writeType is cgroup_type_write: only "threaded" can be written (EINVAL
// for anything else), and writing it again changes nothing.
func writeType(x call, s string) error {
	if vfs.Strstrip(s) != "threaded" {
		return linux.EINVAL
	}
	h := x.c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if x.c.threaded() {
		return nil
	}
	if err := x.c.mayTurnThreaded(); err != nil {
		return err
	}
	x.c.joinDomain(x.c.parent.dom)
	x.c.parent.nrThreadedChildren++
	return nil
}

// mayTurnThreaded states when a domain may become threaded (EOPNOTSUPP
// otherwise): it holds no task, in it or below, and enables no domain
// controller; and the domain it would join, its parent's, is valid and
// free to become a thread root. mu is held.
func (c *cgroup) mayTurnThreaded() error {
	dom := c.parent.dom
	switch {
	case c.populated(), c.subtreeControl&^threadedMask != 0:
		return linux.EOPNOTSUPP
	case !dom.validDomain(), !dom.canBeThreadRoot():
		return linux.EOPNOTSUPP
	}
	return nil
}

// joinDomain makes c threaded in dom. The threaded cgroups below it, at
// any depth, go with it; the domains below it stay domains (now invalid
// ones, below a threaded cgroup). mu is held.
func (c *cgroup) joinDomain(dom *cgroup) {
	var moveThreaded func(*cgroup)
	moveThreaded = func(d *cgroup) {
		for _, ch := range d.children {
			if ch.threaded() {
				ch.dom = dom
			}
			moveThreaded(ch)
		}
	}
	moveThreaded(c)
	c.dom = dom
}

// showProcs lists the PIDs in the cgroup as the reader's PID namespace
// numbers them; a threaded cgroup's
// cgroup.procs cannot be read (its processes belong to the domain).
func showProcs(x call) (string, error) {
	x.c.h.mu.Lock()
	threaded := x.c.threaded()
	x.c.h.mu.Unlock()
	if threaded {
		return "", linux.EOPNOTSUPP
	}
	return showThreads(x)
}

// showThreads lists the thread IDs; linuxvfs's tasks are single-threaded
// processes, so they are the PIDs. A task the reader's PID namespace
// cannot see is listed as 0 (task_pid_vnr).
func showThreads(x call) (string, error) {
	var nrs []int
	ns := x.t.PidNamespace()
	for _, t := range x.c.h.tasksIn(x.c, false) {
		nrs = append(nrs, int(max(t.PidIn(ns), 0)))
	}
	slices.Sort(nrs)
	var b strings.Builder
	for _, n := range nrs {
		b.WriteString(strconv.Itoa(n) + "\n")
	}
	return b.String(), nil
}

func writeProcs(x call, s string) error   { return x.c.h.writeTask(x, s, true) }
func writeThreads(x call, s string) error { return x.c.h.writeTask(x, s, false) }

// writeTask is __cgroup_procs_write: the task named (taskNamed) moves to
// the file's cgroup (ENODEV if removed meanwhile) if the opener may move
// it (mayMove), the cgroup can take tasks (vetDestination), and, for a
// thread, it stays in its threaded domain (EOPNOTSUPP).
func (h *hierarchy) writeTask(x call, s string, process bool) error {
	t, err := x.taskNamed(s)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	dst, src := x.c, h.taskCgroup(t)
	if dst.dead {
		return linux.ENODEV
	}
	if err := h.mayMove(x, src, dst); err != nil {
		return err
	}
	if err := dst.vetDestination(); err != nil {
		return err
	}
	if !process && src.dom != dst.dom {
		return linux.EOPNOTSUPP
	}
	h.attach(t, dst)
	return nil
}

// taskNamed reads the text written to cgroup.procs: a number in C's
// notation, white space around it, not below zero (EINVAL for anything
// else, too large a number included). 0 is the writer itself, another
// a PID in the writer's namespace (ESRCH if none). A kernel thread is
// not to be moved (EINVAL).
func (x call) taskNamed(s string) (*vfs.Task, error) {
	pid, err := strippedInt(s)
	if err != nil || pid < 0 {
		return nil, linux.EINVAL
	}
	t := x.t
	if pid != 0 {
		if t = x.t.PidNamespace().Task(int32(pid)); t == nil {
			return nil, linux.ESRCH
		}
	}
	if t.IsKernelThread() {
		return nil, linux.EINVAL
	}
	return t, nil
}

// mayMove is cgroup_procs_write_permission, with the opener's
// credentials: they must allow writing the cgroup.procs of the nearest
// cgroup above both ends (mayWriteProcs), and under nsdelegate both ends
// must be in the opener's cgroup namespace (ENOENT). mu is held.
func (h *hierarchy) mayMove(x call, src, dst *cgroup) error {
	if err := mayWriteProcs(x.cred, commonAncestor(src, dst)); err != nil {
		return err
	}
	if h.flags&nsDelegate != 0 {
		nsRoot := h.nsRootOf(x.ns)
		if !src.isDescendant(nsRoot) || !dst.isDescendant(nsRoot) {
			return linux.ENOENT
		}
	}
	return nil
}

// commonAncestor is the nearest cgroup both a and b are in.
func commonAncestor(a, b *cgroup) *cgroup {
	for !b.isDescendant(a) {
		a = a.parent
	}
	return a
}

// mayWriteProcs is cgroup_may_write: whoever moves a task must be able to
// write the cgroup.procs of the common ancestor of where it is and where
// it goes (EACCES), which is how a delegated subtree's owner moves its
// own processes within it and no further.
func mayWriteProcs(cred *vfs.Cred, c *cgroup) error {
	a := c.attrs[procsFile+1]
	if cred.HasCap(linux.CAP_DAC_OVERRIDE) {
		return nil
	}
	perm := a.mode & 0o7
	switch {
	case cred.FSUID == a.uid:
		perm = a.mode >> 6 & 0o7
	case cred.InGroup(a.gid):
		perm = a.mode >> 3 & 0o7
	}
	if perm&0o2 == 0 {
		return linux.EACCES
	}
	return nil
}

// vetDestination is cgroup_migrate_vet_dst: a cgroup can take tasks if it
// is in a valid domain and the no-internal-process rule allows.
func (c *cgroup) vetDestination() error {
	if !c.dom.validDomain() {
		return linux.EOPNOTSUPP
	}
	if c.isRoot() || c.canBeThreadRoot() || c.threaded() {
		return nil
	}
	if c.subtreeControl != 0 {
		return linux.EBUSY
	}
	return nil
}

func showControllers(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return x.c.control().String(), nil
}

func showSubtreeControl(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return x.c.subtreeControl.String(), nil
}

// writeSubtreeControl is cgroup_subtree_control_write: words "+name" to
// enable a controller for the children and "-name" to disable it.
// Malformed words are EINVAL; then, controller by controller in the
// kernel's order, enabling one the parent does not offer is ENOENT and
// disabling one a child still enables EBUSY; what would be enabled must
// pass vetEnable.
func writeSubtreeControl(x call, s string) error {
	want, err := parseControlWords(s)
	if err != nil {
		return err
	}
	h := x.c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	c := x.c
	if c.dead {
		return linux.ENODEV
	}
	var enable, disable mask
	for i, sign := range want {
		bit := mask(1) << i
		on := c.subtreeControl&bit != 0
		switch {
		case sign == '+' && !on:
			if c.control()&bit == 0 {
				return linux.ENOENT
			}
			enable |= bit
		case sign == '-' && on:
			if c.childEnables(bit) {
				return linux.EBUSY
			}
			disable |= bit
		}
	}
	if err := c.vetEnable(enable); err != nil {
		return err
	}
	c.subtreeControl = c.subtreeControl | enable&^disable
	return nil
}

// parseControlWords reads cgroup.subtree_control's text: white space
// around it is dropped, and what is left is split at single spaces, so a
// tab or newline inside belongs to a word; empty words are nothing. Each
// word is a sign and a controller's name (EINVAL otherwise); the result
// holds, by controller, the sign of the last word about it (0: none).
func parseControlWords(s string) ([]byte, error) {
	want := make([]byte, len(subsystems))
	for _, w := range strings.Split(vfs.Strstrip(s), " ") {
		if w == "" {
			continue
		}
		i, known := subsysIndex(w[1:])
		if !known || w[0] != '+' && w[0] != '-' {
			return nil, linux.EINVAL
		}
		want[i] = w[0]
	}
	return want, nil
}

// childEnables reports whether a child of c enables a controller of m.
func (c *cgroup) childEnables(m mask) bool {
	for _, ch := range c.children {
		if ch.subtreeControl&m != 0 {
			return true
		}
	}
	return false
}

// vetEnable is the errno, if any, of enabling the controllers in enable
// for c's children (cgroup_vet_subtree_control_enable), in the order the
// kernel's errors win: EOPNOTSUPP when c's domain is invalid, or when a
// domain controller is asked for at or below a thread root; EBUSY when c
// holds tasks, unless c is the root or only threaded controllers are
// asked for where c is threaded or may become a thread root.
func (c *cgroup) vetEnable(enable mask) error {
	switch {
	case enable == 0:
		return nil
	case !c.dom.validDomain():
		return linux.EOPNOTSUPP
	case c.isRoot():
		return nil
	}
	threadedOnly := enable&^threadedMask == 0
	switch {
	case !threadedOnly && (c.threadRoot() || c.threaded()):
		return linux.EOPNOTSUPP
	case threadedOnly && (c.threaded() || c.canBeThreadRoot()):
		return nil
	case c.nrTasks > 0:
		return linux.EBUSY
	}
	return nil
}

func showEvents(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return "populated " + bit(x.c.populated()) + "\nfrozen " + bit(x.c.frozen()) + "\n", nil
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func showLimit(v int) string {
	if v == unlimited {
		return "max\n"
	}
	return strconv.Itoa(v) + "\n"
}

// parseLimit reads "max" or a number not below zero (ERANGE).
func parseLimit(s string) (int, error) {
	if vfs.Strstrip(s) == "max" {
		return unlimited, nil
	}
	v, err := strippedInt(s)
	if err != nil {
		return 0, err
	}
	if v < 0 {
		return 0, linux.ERANGE
	}
	return v, nil
}

func showMaxDescendants(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return showLimit(x.c.maxDescendants), nil
}

func showMaxDepth(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return showLimit(x.c.maxDepth), nil
}

func writeMaxDescendants(x call, s string) error {
	v, err := parseLimit(s)
	if err != nil {
		return err
	}
	x.c.h.mu.Lock()
	x.c.maxDescendants = v
	x.c.h.mu.Unlock()
	return nil
}

func writeMaxDepth(x call, s string) error {
	v, err := parseLimit(s)
	if err != nil {
		return err
	}
	x.c.h.mu.Lock()
	x.c.maxDepth = v
	x.c.h.mu.Unlock()
	return nil
}

// showStat is cgroup_stat_show: the live descendants, then per
// controller bound to the hierarchy the number of its css in the subtree
// (none where it is not active); nothing here is ever dying.
func showStat(x call) (string, error) {
	h := x.c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	var b, dying strings.Builder
	b.WriteString("nr_descendants " + strconv.Itoa(x.c.nrDescendants) + "\n")
	for i, s := range subsystems {
		if h.boundMask()&(1<<i) == 0 {
			continue
		}
		b.WriteString("nr_subsys_" + s.name + " " + strconv.Itoa(x.c.cssCount(i)) + "\n")
		dying.WriteString("nr_dying_subsys_" + s.name + " 0\n")
	}
	b.WriteString("nr_dying_descendants 0\n")
	return b.String() + dying.String(), nil
}

// cssCount is the css of controller s in c and below, 0 if c has none.
func (c *cgroup) cssCount(s int) int {
	if !c.hasCSS(s) {
		return 0
	}
	n := 1
	for _, ch := range c.children {
		n += ch.cssCount(s)
	}
	return n
}

func showFreeze(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return bit(x.c.freeze) + "\n", nil
}

// parseSwitch reads 0 or 1 (ERANGE for another number).
func parseSwitch(s string) (bool, error) {
	v, err := strippedInt(s)
	if err != nil {
		return false, err
	}
	if v != 0 && v != 1 {
		return false, linux.ERANGE
	}
	return v == 1, nil
}

func writeFreeze(x call, s string) error {
	v, err := parseSwitch(s)
	if err != nil {
		return err
	}
	x.c.h.mu.Lock()
	x.c.freeze = v
	x.c.h.mu.Unlock()
	return nil
}

// writeKill is cgroup_kill_write: 1 (ERANGE for another number) sends
// SIGKILL to every task in the subtree but the kernel's threads; a
// threaded cgroup cannot be killed on its own (EOPNOTSUPP).
func writeKill(x call, s string) error {
	v, err := strippedInt(s)
	if err != nil {
		return err
	}
	if v != 1 {
		return linux.ERANGE
	}
	h := x.c.h
	h.mu.Lock()
	threaded := x.c.threaded()
	h.mu.Unlock()
	if threaded {
		return linux.EOPNOTSUPP
	}
	for _, t := range h.tasksIn(x.c, true) {
		if !t.IsKernelThread() {
			t.SendSiginfo(vfs.Siginfo{Signo: linux.SIGKILL, Code: linux.SI_KERNEL})
		}
	}
	return nil
}

// showPressure is a pressure file with nothing ever stalled; with
// cgroup.pressure off it cannot be read (EOPNOTSUPP).
func showPressure(x call) (string, error) {
	x.c.h.mu.Lock()
	on := x.c.pressure
	x.c.h.mu.Unlock()
	if !on {
		return "", linux.EOPNOTSUPP
	}
	const zero = " avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
	return "some" + zero + "full" + zero, nil
}

// writePressureTrigger is pressure_write: an open file takes one trigger
// (EBUSY after it), which must pass parseTrigger. linuxvfs never stalls,
// so a trigger never fires.
func writePressureTrigger(x call, s string) error {
	if x.of.hasTrigger {
		return linux.EBUSY
	}
	if err := parseTrigger(s, x.cred.Effective.Has(linux.CAP_SYS_RESOURCE)); err != nil {
		return err
	}
	x.of.hasTrigger = true
	return nil
}

// parseTrigger states psi_trigger_create's rules for "some|full
// THRESHOLD WINDOW" (EINVAL otherwise), read as sscanf's "some %u %u":
// the word must open the text, each number is the digits after optional
// blanks, cut to 32 bits, and what follows the window is ignored. The
// window, in µs, is at most 10s, and without CAP_SYS_RESOURCE (the
// opener's, privileged) a whole number of 2s; the threshold is 1µs up to
// the window.
func parseTrigger(s string, privileged bool) error {
	rest, some := strings.CutPrefix(s, "some")
	if !some {
		var full bool
		if rest, full = strings.CutPrefix(s, "full"); !full {
			return linux.EINVAL
		}
	}
	threshold, rest, ok1 := scanUint32(rest)
	window, _, ok2 := scanUint32(rest)
	switch {
	case !ok1 || !ok2:
		return linux.EINVAL
	case window == 0 || window > 10000000:
		return linux.EINVAL
	case !privileged && window%2000000 != 0:
		return linux.EINVAL
	case threshold == 0 || threshold > window:
		return linux.EINVAL
	}
	return nil
}

// scanUint32 is sscanf's "%u": after any blanks, the decimal digits s
// starts with (none: ok is false), kept to 32 bits, and the rest.
func scanUint32(s string) (v uint32, rest string, ok bool) {
	s = skipSpaces(s)
	if s == "" || !isDigit(s[0]) {
		return 0, s, false
	}
	n, rest := vfs.SimpleStrtoull(s, 10)
	return uint32(n), rest, true
}

func showPressureSwitch(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return bit(x.c.pressure) + "\n", nil
}

func writePressureSwitch(x call, s string) error {
	v, err := parseSwitch(s)
	if err != nil {
		return err
	}
	x.c.h.mu.Lock()
	x.c.pressure = v
	x.c.h.mu.Unlock()
	return nil
}
