// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// nsenter(1) from util-linux 2.38: run a program in the namespaces of
// another task (-t PID, through /proc/PID/ns) or of namespace files.
// Only the kinds the kernel model has (user, mount, UTS, IPC) have
// files under /proc/PID/ns; asking for another fails as opening a
// missing file does, and --all leaves them out as nsenter leaves out
// the kinds a kernel lacks.

// nsKind is one namespace option of nsenter: its letter and long name,
// the name under /proc/PID/ns, and the clone flag setns(2) is told.
type nsKind struct {
	long, short, proc string
	flag              uint64
}

// nsKinds are in the order nsenter joins them. The user namespace is
// first or last: the other kinds are tried first, and those that fail
// (joining as an unprivileged user) are tried again after it.
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

// nsenterRun is nsenter's state: what the options asked for and the
// descriptors opened so far (-1 for none).
type nsenterRun struct {
	c *cmd
	t *vfs.Task
	// target is -t's PID, 0 for none.
	target     uint32
	fds        []int // by index in nsKinds
	asked      uint64
	all        bool
	rootFd     int
	wdFd       int
	doRoot     bool
	doWd       bool
	wdns       *string
	uid, gid   uint32
	forceUID   bool
	forceGID   bool
	preserve   bool
	noFork     bool
	setgroupsE int // failed setgroups calls before joining
	movedRoot  bool
}

// nsenterApplet is the entry point. It joins the namespaces in its own
// process (the task the shell forked for it) and execs the program
// there; nsenter forks only to enter a PID namespace, which the model
// lacks.
func nsenterApplet(c *cmd) int {
	r := &nsenterRun{c: c, t: c.Task, rootFd: -1, wdFd: -1}
	r.fds = make([]int, len(nsKinds))
	for i := range r.fds {
		r.fds[i] = -1
	}
	defer r.closeAll()
	args, ok := c.Parse(r.options())
	if !ok {
		return 1
	}
	startRoot, _ := r.t.Stat("/")
	if err := r.prepare(); err != nil {
		c.warnf("%s", err)
		return 1
	}
	joinsPID := r.fds[nsIndex("pid")] >= 0
	if err := r.join(); err != nil {
		c.warnf("%s", err)
		return 1
	}
	if err := r.move(); err != nil {
		c.warnf("%s", err)
		return 1
	}
	if err := r.setIDs(); err != nil {
		c.warnf("%s", err)
		return 1
	}
	// A PID namespace joined is the children's: the program runs in a
	// child, unless -F (continue_as_child).
	if joinsPID && !r.noFork {
		child, err := r.t.Fork(0)
		if err != nil {
			c.warnf("fork failed: %s", applet.ErrText(err))
			return 1
		}
		defer child.Exit()
		r.t = child
	}
	// Programs resolve through the applet set unless -r moved the root
	// to another directory than the one nsenter started with.
	newRoot, err := r.t.Stat("/")
	same := err == nil && newRoot.Ino == startRoot.Ino && newRoot.Dev() == startRoot.Dev()
	return c.runCommand(r.t, args, !r.movedRoot || same)
}

// options declares nsenter's options in util-linux's table order.
func (r *nsenterRun) options() *applet.FlagSet {
	fs := r.c.FlagSet()
	fs.Help = helpTexts["nsenter"]
	fs.ShortHelp = true
	fs.InOrder = true
	fs.Action("all", "a", "", func() error { r.all = true; return nil })
	fs.PlaceHelp()
	fs.PlaceVersion()
	fs.ArgFunc("target", "t", "", func(v string) error {
		n, err := numberOrErr(v, "failed to parse pid", true)
		r.target = uint32(n)
		return err
	})
	for _, name := range []string{"mount", "uts", "ipc", "net", "pid", "user", "cgroup", "time"} {
		i := nsIndex(name)
		fs.OptionalArgFunc(name, nsKinds[i].short, "", func(v string, given bool) error {
			if !given {
				r.asked |= nsKinds[i].flag
				return nil
			}
			return r.openNS(i, v)
		})
	}
	fs.ArgFunc("setuid", "S", "", func(v string) error {
		n, err := numberOrErr(v, "failed to parse uid", true)
		r.uid, r.forceUID = uint32(n), true
		return err
	})
	fs.ArgFunc("setgid", "G", "", func(v string) error {
		n, err := numberOrErr(v, "failed to parse gid", true)
		r.gid, r.forceGID = uint32(n), true
		return err
	})
	fs.OptionalArgFunc("root", "r", "", func(v string, given bool) error {
		if !given {
			r.doRoot = true
			return nil
		}
		return r.openPlace(&r.rootFd, "root", v)
	})
	fs.OptionalArgFunc("wd", "w", "", func(v string, given bool) error {
		if !given {
			r.doWd = true
			return nil
		}
		return r.openPlace(&r.wdFd, "cwd", v)
	})
	fs.OptionalLongArgFunc("wdns", "W", "", func(v string, given bool) error {
		if given {
			r.wdns = &v
		}
		return nil
	})
	fs.Action("no-fork", "F", "", func() error { r.noFork = true; return nil })
	fs.Action("preserve-credentials", "", "", func() error { r.preserve = true; return nil })
	// SELinux is not enabled here: --follow-context does nothing.
	fs.Action("follow-context", "Z", "", func() error { return nil })
	fs.Exclusive("wdns", "wd")
	return fs
}

func nsIndex(long string) int {
	for i, k := range nsKinds {
		if k.long == long {
			return i
		}
	}
	panic("nsenter: no namespace kind " + long)
}

// openTarget is open_target_fd: file, or the target's /proc/PID/what,
// replacing what *fd held.
func (r *nsenterRun) openTarget(fd *int, what, file string, given bool) error {
	if !given {
		if r.target == 0 {
			return fmt.Errorf("neither filename nor target pid supplied for %s", what)
		}
		file = "/proc/" + strconv.FormatUint(uint64(r.target), 10) + "/" + what
	}
	if *fd >= 0 {
		r.t.Close(*fd)
	}
	n, err := r.t.Open(file, linux.O_RDONLY, 0)
	*fd = n
	if err != nil {
		*fd = -1
		return fmt.Errorf("cannot open %s: %s", file, applet.ErrText(err))
	}
	return nil
}

func (r *nsenterRun) openNS(i int, file string) error {
	return r.openTarget(&r.fds[i], "ns/"+nsKinds[i].proc, file, true)
}

func (r *nsenterRun) openPlace(fd *int, what, file string) error {
	return r.openTarget(fd, what, file, true)
}

func (r *nsenterRun) closeAll() {
	for _, fd := range append(r.fds, r.rootFd, r.wdFd) {
		if fd >= 0 {
			r.t.Close(fd)
		}
	}
}

// prepare is what nsenter does between its options and setns: --all's
// namespaces, then every descriptor not opened yet, and with a user
// namespace (and no --preserve-credentials) the ids to take and a first
// setgroups(0, NULL).
func (r *nsenterRun) prepare() error {
	if r.all {
		if r.target == 0 {
			return fmt.Errorf("no target PID specified for --all")
		}
		for i, k := range nsKinds {
			if r.fds[i] >= 0 {
				continue
			}
			usable, err := r.usable(k)
			if err != nil {
				return err
			}
			if usable {
				r.asked |= k.flag
			}
		}
	}
	for i, k := range nsKinds {
		if r.asked&k.flag != 0 {
			if err := r.openTarget(&r.fds[i], "ns/"+k.proc, "", false); err != nil {
				return err
			}
		}
	}
	if r.doRoot {
		if err := r.openTarget(&r.rootFd, "root", "", false); err != nil {
			return err
		}
	}
	if r.doWd {
		if err := r.openTarget(&r.wdFd, "cwd", "", false); err != nil {
			return err
		}
	}
	if r.fds[0] >= 0 && !r.preserve {
		r.forceUID, r.forceGID = true, true
		if r.t.Setgroups(nil) != nil {
			r.setgroupsE++
		}
	}
	return nil
}

// usable is is_usable_namespace: a kind this kernel has (nsenter's own
// /proc/PID/ns file exists), and for the user namespace one the caller
// is not in already.
func (r *nsenterRun) usable(k nsKind) (bool, error) {
	self := "/proc/" + strconv.Itoa(int(r.t.TID())) + "/ns/" + k.proc
	mine, err := r.t.Stat(self)
	if errors.Is(err, linux.ENOENT) {
		return false, nil
	}
	if k.flag != linux.CLONE_NEWUSER {
		return true, nil
	}
	path := "/proc/" + strconv.FormatUint(uint64(r.target), 10) + "/ns/" + k.proc
	theirs, err2 := r.t.Stat(path)
	if err2 != nil {
		return false, fmt.Errorf("stat of %s failed: %s", path, applet.ErrText(err2))
	}
	return err != nil || mine.Ino != theirs.Ino, nil
}

// join is nsenter's two passes of setns: every kind but the user
// namespace first, quietly leaving those that fail; then the user
// namespace and what is left, where a failure ends nsenter.
func (r *nsenterRun) join() error {
	for pass := 0; pass < 2; pass++ {
		for i := 1 - pass; i < len(nsKinds); i++ {
			fd := r.fds[i]
			if fd < 0 {
				continue
			}
			if err := r.t.SetnsFd(fd, nsKinds[i].flag); err != nil {
				if pass == 0 {
					continue
				}
				return fmt.Errorf("reassociate to namespace 'ns/%s' failed: %s", nsKinds[i].proc, applet.ErrText(err))
			}
			r.t.Close(fd)
			r.fds[i] = -1
		}
	}
	return nil
}

// move changes root (-r), then the working directory: -w's, --wdns's
// (a path inside the new root), or with -r alone the one nsenter had.
func (r *nsenterRun) move() error {
	if r.rootFd >= 0 && r.wdFd < 0 && r.wdns == nil {
		fd, err := r.t.Open(".", linux.O_RDONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot open current working directory: %s", applet.ErrText(err))
		}
		r.wdFd = fd
	}
	if r.rootFd >= 0 {
		if err := r.t.Fchdir(r.rootFd); err != nil {
			return fmt.Errorf("change directory by root file descriptor failed: %s", applet.ErrText(err))
		}
		if err := r.t.Chroot("."); err != nil {
			return fmt.Errorf("chroot failed: %s", applet.ErrText(err))
		}
		if err := r.t.Chdir("/"); err != nil {
			return fmt.Errorf("cannot change directory to %s: %s", "/", applet.ErrText(err))
		}
		r.t.Close(r.rootFd)
		r.rootFd = -1
		r.movedRoot = true
	}
	if r.wdns != nil {
		fd, err := r.t.Open(*r.wdns, linux.O_RDONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot open current working directory: %s", applet.ErrText(err))
		}
		r.wdFd = fd
	}
	if r.wdFd >= 0 {
		if err := r.t.Fchdir(r.wdFd); err != nil {
			return fmt.Errorf("change directory by working directory file descriptor failed: %s", applet.ErrText(err))
		}
		r.t.Close(r.wdFd)
		r.wdFd = -1
	}
	return nil
}

// setIDs is -G and -S, or the uid and gid 0 a user namespace brings:
// setgroups(0, NULL) (its failure counts only if the one before joining
// failed too), setgid, setuid.
func (r *nsenterRun) setIDs() error {
	if r.forceGID {
		if err := r.t.Setgroups(nil); err != nil && r.setgroupsE > 0 {
			return fmt.Errorf("setgroups failed: %s", applet.ErrText(err))
		}
		if err := r.t.Setgid(r.gid); err != nil {
			return fmt.Errorf("setgid failed: %s", applet.ErrText(err))
		}
	}
	if r.forceUID {
		if err := r.t.Setuid(r.uid); err != nil {
			return fmt.Errorf("setuid failed: %s", applet.ErrText(err))
		}
	}
	return nil
}
