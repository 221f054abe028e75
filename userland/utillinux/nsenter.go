// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"

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
// (it decides what the others may do), the mount namespace last but for
// the time namespace, so that paths are opened where they were named.
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
}

// nsenterApplet is nsenter(1): run a command in the namespaces of another
// task (-t PID, through /proc/PID/ns) or of namespace files. Only the
// kinds the kernel model has (mount, UTS, IPC) can be entered; the others
// fail as opening a missing /proc/PID/ns file does.
func nsenterApplet(c *cmd) int {
	req := nsenterRequest{files: map[string]string{}}
	fs := c.FlagSet()
	fs.Synopsis = "[options] [<program> [<argument>...]]"
	fs.About = "Run a program in the namespaces of another task."
	fs.InOrder = true
	fs.StringVarP(&req.target, "target", "t", "", "PID: the task whose namespaces to enter")
	fs.BoolVarP(&req.all, "all", "a", false, "enter every namespace of the target")
	for _, k := range nsKinds {
		k := k
		fs.OptionalFunc(k.long, k.short, "=FILE: enter the "+k.long+" namespace (of FILE)", func(v string, given bool) error {
			req.files[k.proc] = v
			return nil
		})
	}
	fs.OptionalFunc("root", "r", "=DIR: the root directory (the target's)", func(v string, _ bool) error {
		req.root = &v
		return nil
	})
	fs.OptionalFunc("wd", "w", "=DIR: the working directory (the target's)", func(v string, _ bool) error {
		req.wd = &v
		return nil
	})
	fs.Bool("no-fork", false, "do not fork before running the program")
	fs.BoolP("preserve-credentials", "", false, "leave uids and gids alone")
	args, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	return c.nsenter(req, args)
}

// nsenter opens every namespace file first, then joins them in order,
// then changes root and directory, then runs the program.
func (c *cmd) nsenter(req nsenterRequest, args []string) int {
	t := c.Task.Clone(0)
	defer t.Exit()
	var fds []int
	defer func() {
		for _, fd := range fds {
			t.Close(fd)
		}
	}()
	var joined []nsKind
	for _, k := range nsKinds {
		file, asked := req.files[k.proc]
		if !asked && !(req.all && k.flag&modelledNamespaces != 0) {
			continue
		}
		if file == "" {
			if req.target == "" {
				c.ulWarn("neither filename nor target pid supplied for ns/%s", k.proc)
				return 1
			}
			file = fmt.Sprintf("/proc/%s/ns/%s", req.target, k.proc)
		}
		fd, err := t.Open(file, linux.O_RDONLY|linux.O_CLOEXEC, 0)
		if err != nil {
			c.ulWarn("cannot open %s: %s", file, applet.ErrText(err))
			return 1
		}
		fds = append(fds, fd)
		joined = append(joined, k)
	}
	for i, k := range joined {
		if err := t.SetnsFd(fds[i], k.flag); err != nil {
			c.ulWarn("reassociate to namespace 'ns/%s' failed: %s", k.proc, applet.ErrText(err))
			return 1
		}
	}
	if code, ok := c.nsenterPlace(t, req); !ok {
		return code
	}
	return c.runCommand(t, args, req.root == nil)
}

// modelledNamespaces are the kinds --all enters: those the kernel model
// has (a task has every kind on Linux).
const modelledNamespaces = linux.CLONE_NEWNS | linux.CLONE_NEWUTS | linux.CLONE_NEWIPC

// nsenterPlace applies --root and --wd: the target's root and working
// directory unless a directory is named.
func (c *cmd) nsenterPlace(t *vfs.Task, req nsenterRequest) (int, bool) {
	if req.root != nil {
		dir := *req.root
		if dir == "" {
			dir = "/proc/" + req.target + "/root"
		}
		if err := t.Chroot(dir); err != nil {
			c.ulWarn("cannot change root directory to '%s': %s", dir, applet.ErrText(err))
			return 1, false
		}
	}
	if req.wd != nil || req.root != nil {
		dir := "/"
		if req.wd != nil {
			dir = *req.wd
			if dir == "" {
				dir = "/proc/" + req.target + "/cwd"
			}
		}
		if err := t.Chdir(dir); err != nil {
			c.ulWarn("cannot change directory to '%s': %s", dir, applet.ErrText(err))
			return 1, false
		}
	}
	return 0, true
}
