// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// nsKind is one namespace option of nsenter: its letter and long name,
// the name under /proc/PID/ns, and the clone flag setns(2) is told.
type nsKind struct {
	long, short, proc string
	flag              uint64
}

// nsKinds are in the order nsenter joins them: the user namespace first
// (it decides what the others may do), the mount namespace near the end.
var nsKinds = []nsKind{
	{"user", "U", "user", linux.CLONE_NEWUSER},
	{"cgroup", "C", "cgroup", linux.CLONE_NEWCGROUP},
	{"ipc", "i", "ipc", linux.CLONE_NEWIPC},
	{"uts", "u", "uts", linux.CLONE_NEWUTS},
	{"net", "n", "net", linux.CLONE_NEWNET},
	{"pid", "p", "pid", linux.CLONE_NEWPID},
	{"mount", "m", "mnt", linux.CLONE_NEWNS},
	{"time", "T", "time", linux.CLONE_NEWTIME},
}

// nsenterRequest is what nsenter's options ask for.
type nsenterRequest struct {
	target string
	all    bool
	files  map[string]string // by proc name: a file given, or "" for the target's
	root   *string           // --root: "" means the target's root
	wd     *string           // --wd: "" means the target's working directory
	noFork bool              // -F: no fork after joining a PID namespace
}

// nsenterApplet is nsenter(1): run a command in the namespaces of another
// task (-t PID, through /proc/PID/ns) or of namespace files. Only the
// kinds the kernel model has (mount, UTS, IPC, PID, user) can be entered;
// the others fail as opening a missing /proc/PID/ns file does.
func nsenterApplet(c *cmd) int {
	req := nsenterRequest{files: map[string]string{}}
	fs := c.FlagSet()
	fs.Synopsis = "[options] [<program> [<argument>...]]"
	fs.About = "Start a program inside namespaces taken from a task or from namespace files."
	fs.InOrder = true
	fs.StringVarP(&req.target, "target", "t", "", "PID: the task whose namespaces to enter")
	fs.BoolVarP(&req.all, "all", "a", false, "enter every namespace of the target")
	for _, k := range nsKinds {
		k := k
		fs.OptionalArgFunc(k.long, k.short, "=FILE: enter the "+k.long+" namespace (of FILE)", func(v string, given bool) error {
			req.files[k.proc] = v
			return nil
		})
	}
	fs.OptionalArgFunc("root", "r", "=DIR: the root directory (the target's)", func(v string, _ bool) error {
		req.root = &v
		return nil
	})
	fs.OptionalArgFunc("wd", "w", "=DIR: the working directory (the target's)", func(v string, _ bool) error {
		req.wd = &v
		return nil
	})
	fs.BoolVarP(&req.noFork, "no-fork", "F", false, "run the program without forking first")
	fs.BoolP("preserve-credentials", "", false, "leave uids and gids alone")
	args, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	return c.nsenter(req, args)
}

// nsenter opens every namespace file and directory first, in the
// caller's namespaces, then joins the namespaces in order, then moves to
// the root and directory asked for, then runs the program.
func (c *cmd) nsenter(req nsenterRequest, args []string) int {
	if req.target != "" {
		if _, err := strconv.ParseUint(req.target, 10, 31); err != nil {
			c.warnf("failed to parse pid: '%s'", req.target)
			return 1
		}
	} else if req.all {
		c.warnf("no target PID specified for --all")
		return 1
	}
	t := c.Task
	o := &nsenterOpens{c: c, t: t}
	defer o.closeAll()
	joined, ok := o.namespaces(req)
	if !ok {
		return 1
	}
	place, ok := o.places(req)
	if !ok {
		return 1
	}
	for i, k := range joined {
		if err := t.SetnsFd(o.fds[i], k.flag); err != nil {
			c.warnf("reassociate to namespace 'ns/%s' failed: %s", k.proc, applet.ErrText(err))
			return 1
		}
	}
	if !c.nsenterMove(t, place) {
		return 1
	}
	// A PID namespace joined is the children's: the program runs in a
	// child, unless -F (continue_as_child).
	if !req.noFork && slices.ContainsFunc(joined, func(k nsKind) bool { return k.flag == linux.CLONE_NEWPID }) {
		child, err := t.Fork(0)
		if err != nil {
			c.warnf("fork failed: %s", applet.ErrText(err))
			return 1
		}
		defer child.Exit()
		t = child
	}
	// Programs resolve through the applet set unless -r moved the root.
	return c.runCommand(t, args, req.root == nil || t.Root() == c.Task.Root())
}

// nsenterOpens holds the descriptors nsenter opened before joining.
type nsenterOpens struct {
	c   *cmd
	t   *vfs.Task
	fds []int
}

func (o *nsenterOpens) closeAll() {
	for _, fd := range o.fds {
		o.t.Close(fd)
	}
}

// open opens file, or the target's /proc entry when file is "", and
// reports failures in nsenter's words.
func (o *nsenterOpens) open(file, target, what string) (int, bool) {
	if file == "" {
		if target == "" {
			o.c.warnf("neither filename nor target pid supplied for %s", what)
			return -1, false
		}
		file = fmt.Sprintf("/proc/%s/%s", target, what)
	}
	fd, err := o.t.Open(file, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		o.c.warnf("cannot open %s: %s", file, applet.ErrText(err))
		return -1, false
	}
	o.fds = append(o.fds, fd)
	return fd, true
}

// namespaces opens the namespace files asked for, in joining order.
func (o *nsenterOpens) namespaces(req nsenterRequest) ([]nsKind, bool) {
	var joined []nsKind
	for _, k := range nsKinds {
		file, asked := req.files[k.proc]
		if !asked && !(req.all && k.flag&modelledNamespaces != 0) {
			continue
		}
		if _, ok := o.open(file, req.target, "ns/"+k.proc); !ok {
			return nil, false
		}
		joined = append(joined, k)
	}
	return joined, true
}

// nsenterPlace is where the program starts: descriptors of the new root
// and working directory, -1 for none.
type nsenterPlace struct{ root, wd int }

// places opens the root (-r) and working directory (-w) before any
// namespace is joined; with a root but no directory the program stays
// in the directory nsenter was started in.
func (o *nsenterOpens) places(req nsenterRequest) (nsenterPlace, bool) {
	p := nsenterPlace{-1, -1}
	var ok bool
	if req.root != nil {
		if p.root, ok = o.open(*req.root, req.target, "root"); !ok {
			return p, false
		}
	}
	switch {
	case req.wd != nil:
		if p.wd, ok = o.open(*req.wd, req.target, "cwd"); !ok {
			return p, false
		}
	case req.root != nil:
		if p.wd, ok = o.open(".", "", "cwd"); !ok {
			return p, false
		}
	}
	return p, true
}

// nsenterMove changes root, then directory, through the descriptors.
func (c *cmd) nsenterMove(t *vfs.Task, p nsenterPlace) bool {
	if p.root >= 0 {
		if err := t.Fchdir(p.root); err != nil {
			c.warnf("change directory by root file descriptor failed: %s", applet.ErrText(err))
			return false
		}
		if err := t.Chroot("."); err != nil {
			c.warnf("chroot failed: %s", applet.ErrText(err))
			return false
		}
	}
	if p.wd >= 0 {
		if err := t.Fchdir(p.wd); err != nil {
			c.warnf("change directory by working directory file descriptor failed: %s", applet.ErrText(err))
			return false
		}
	}
	return true
}

// modelledNamespaces are the kinds --all enters: those the kernel model
// has (a task has every kind on Linux).
const modelledNamespaces = linux.CLONE_NEWNS | linux.CLONE_NEWUTS | linux.CLONE_NEWIPC | linux.CLONE_NEWPID
