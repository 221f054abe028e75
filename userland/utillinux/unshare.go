// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// unshareKinds are unshare's namespace options: letter, long name and
// clone flag, in the order of its option table.
var unshareKinds = []struct {
	short, long string
	flag        uint64
}{
	{"m", "mount", linux.CLONE_NEWNS}, {"u", "uts", linux.CLONE_NEWUTS},
	{"i", "ipc", linux.CLONE_NEWIPC}, {"n", "net", linux.CLONE_NEWNET},
	{"p", "pid", linux.CLONE_NEWPID}, {"U", "user", linux.CLONE_NEWUSER},
	{"C", "cgroup", linux.CLONE_NEWCGROUP}, {"T", "time", linux.CLONE_NEWTIME},
}

// unshareRequest is what unshare's options ask for.
type unshareRequest struct {
	nsFlags              uint64
	propagation          uint64
	procmnt              string
	newroot, newdir      string
	uid, gid             *uint32
	clockOffsets         bool
	fork, keepCaps, mapd bool
}

// unshareOptions declares unshare's options in util-linux 2.38's table
// order (which decides the possibilities an ambiguous abbreviation lists).
// The short namespace options take no argument; only --mount=FILE and
// the like do.
func unshareOptions(c *cmd, r *unshareRequest) *applet.FlagSet {
	fs := c.FlagSet()
	fs.Help = helpTexts["unshare"]
	fs.ShortHelp = true
	fs.InOrder = true
	for _, k := range unshareKinds {
		k := k
		fs.OptionalFunc(k.long, k.short, "", func(v string, given bool) error {
			if given {
				return fmt.Errorf("persistent namespaces (--%s=%s) are not supported", k.long, v)
			}
			r.nsFlags |= k.flag
			return nil
		})
	}
	fs.BoolVarP(&r.fork, "fork", "f", false, "")
	fs.OptionalFunc("kill-child", "", "", func(string, bool) error { r.fork = true; return nil })
	fs.OptionalFunc("mount-proc", "", "", func(v string, given bool) error {
		r.nsFlags |= linux.CLONE_NEWNS
		r.procmnt = "/proc"
		if given {
			r.procmnt = v
		}
		return nil
	})
	user := func(string) error { r.nsFlags |= linux.CLONE_NEWUSER; return nil }
	for _, long := range []string{"map-user", "map-users", "map-group", "map-groups"} {
		fs.ArgFunc(long, "", "", user)
	}
	fs.Func("map-root-user", "r", "", func() { user("") })
	fs.Func("map-current-user", "c", "", func() { user("") })
	fs.Func("map-auto", "", "", func() { user("") })
	fs.ArgFunc("propagation", "", "", func(v string) error {
		flags, ok := map[string]uint64{"slave": linux.MS_SLAVE, "private": linux.MS_PRIVATE,
			"shared": linux.MS_SHARED, "unchanged": 0}[v]
		if !ok {
			return fmt.Errorf("unsupported propagation mode: %s", v)
		}
		r.propagation = flags
		if flags != 0 {
			r.propagation |= linux.MS_REC
		}
		return nil
	})
	fs.ArgFunc("setgroups", "", "", func(v string) error {
		if v != "allow" && v != "deny" {
			return fmt.Errorf("unsupported --setgroups argument '%s'", v)
		}
		return nil
	})
	fs.BoolVarP(&r.keepCaps, "keep-caps", "", false, "")
	fs.ArgFunc("setuid", "S", "", idSetter(&r.uid, "uid"))
	fs.ArgFunc("setgid", "G", "", idSetter(&r.gid, "gid"))
	fs.StringVarP(&r.newroot, "root", "R", "", "")
	fs.StringVarP(&r.newdir, "wd", "w", "", "")
	fs.ArgFunc("monotonic", "", "", func(string) error { r.clockOffsets = true; return nil })
	fs.ArgFunc("boottime", "", "", func(string) error { r.clockOffsets = true; return nil })
	return fs
}

// idSetter parses -S and -G's numeric IDs.
func idSetter(p **uint32, what string) func(string) error {
	return func(v string) error {
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return fmt.Errorf("failed to parse %s: '%s'", what, v)
		}
		id := uint32(n)
		*p = &id
		return nil
	}
}

// unshareApplet is unshare(1) from util-linux 2.38: the command runs in
// a clone of the shell's task with new namespaces, a new mount namespace
// made private (or --propagation) first. The kinds the kernel model lacks
// (IPC, network, PID, user, cgroup, time) make unshare(2) fail with
// EINVAL, as a kernel built without them does.
func unshareApplet(c *cmd) int {
	r := unshareRequest{propagation: linux.MS_REC | linux.MS_PRIVATE}
	args, ok := c.Parse(unshareOptions(c, &r))
	if !ok {
		return 1
	}
	if r.clockOffsets && r.nsFlags&linux.CLONE_NEWTIME == 0 {
		c.warnf("options --monotonic and --boottime require unsharing of a time namespace (-t)")
		return 1
	}
	nsFlags, propagation, procmnt, newroot, newdir := r.nsFlags, r.propagation, r.procmnt, r.newroot, r.newdir
	newns := nsFlags&linux.CLONE_NEWNS != 0
	t := c.Task.Clone(0)
	defer t.Exit()
	if nsFlags != 0 {
		if err := t.Unshare(nsFlags); err != nil {
			c.warnf("unshare failed: %s", applet.ErrText(err))
			return 1
		}
	}
	if newns {
		if propagation != 0 {
			if err := t.Mount("none", "/", "", propagation, ""); err != nil {
				c.warnf("cannot change root filesystem propagation: %s", applet.ErrText(err))
				return 1
			}
		}
	}
	if newroot != "" {
		if err := t.Chroot(newroot); err != nil {
			c.warnf("cannot change root directory to '%s': %s", newroot, applet.ErrText(err))
			return 1
		}
		if newdir == "" {
			newdir = "/"
		}
	}
	if newdir != "" {
		if err := t.Chdir(newdir); err != nil {
			c.warnf("cannot chdir to '%s': %s", newdir, applet.ErrText(err))
			return 1
		}
	}
	if procmnt != "" {
		if newroot == "" && propagation != linux.MS_PRIVATE|linux.MS_REC {
			err := t.Mount("none", procmnt, "", linux.MS_PRIVATE|linux.MS_REC, "")
			if err != nil && !errors.Is(err, linux.EINVAL) {
				c.warnf("cannot change %s filesystem propagation: %s", procmnt, applet.ErrText(err))
				return 1
			}
		}
		if err := t.Mount("proc", procmnt, "proc", linux.MS_NOSUID|linux.MS_NOEXEC|linux.MS_NODEV, ""); err != nil {
			c.warnf("mount %s failed: %s", procmnt, applet.ErrText(err))
			return 1
		}
	}
	r.setIDs(t)
	return c.runCommand(t, args, newroot == "")
}

// setIDs is -G and -S: setgid(2) (with the supplementary groups
// dropped) then setuid(2), which for a non-zero uid also drops the
// capabilities.
func (r *unshareRequest) setIDs(t *vfs.Task) {
	if r.uid == nil && r.gid == nil {
		return
	}
	cred := *t.Cred()
	if r.gid != nil {
		cred.GID, cred.EGID, cred.FSGID, cred.Groups = *r.gid, *r.gid, *r.gid, nil
	}
	if r.uid != nil {
		cred.UID, cred.EUID, cred.FSUID = *r.uid, *r.uid, *r.uid
		if *r.uid != 0 {
			cred.Effective, cred.Permitted = 0, 0
		}
	}
	t.SetCred(&cred)
}

// runCommand runs args on t as unshare and nsenter do, or with no args a
// shell: in the shell's own root (sameRoot) the sh applet, reading its
// script from standard input, else the new root's /bin/sh. 127 and 126
// when the program cannot be found or run.
func (c *cmd) runCommand(t *vfs.Task, args []string, sameRoot bool) int {
	if len(args) == 0 {
		if sameRoot {
			return c.RunProgram(t, "sh", []string{"sh"}, c.Env, c.Stdin)
		}
		args = []string{"/bin/sh"}
	}
	name, err := c.Set.FindCommand(t, args[0], sameRoot)
	if err != nil {
		c.warnf("failed to execute %s: %s", args[0], applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return 127
		}
		return 126
	}
	return c.RunProgram(t, name, args, c.Env, c.Stdin)
}

// chrootApplet is GNU coreutils' chroot(1): COMMAND (default
// "$SHELL -i", here /bin/sh -i) runs in a clone of the task whose root is
// NEWROOT. Exit status 125 for chroot's own failures, usage errors
// included, 126/127 when the command cannot run.
func chrootApplet(c *cmd) int {
	c.UsageStatus = 125
	var skipChdir bool
	var userspec, groups string
	fs := c.FlagSet()
	fs.Help = helpTexts["chroot"]
	fs.InOrder = true
	fs.StringVarP(&groups, "groups", "", "", "")
	fs.StringVarP(&userspec, "userspec", "", "", "")
	fs.BoolVarP(&skipChdir, "skip-chdir", "", false, "")
	args, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	if len(args) == 0 {
		c.Errorf("missing operand")
		c.TryHelp()
		return 125
	}
	newroot := args[0]
	isOldroot := false
	if st, err := c.Task.Stat(newroot); err == nil {
		if root, err2 := c.Task.Stat("/"); err2 == nil && st.Ino == root.Ino && st.Dev() == root.Dev() {
			isOldroot = true
		}
	}
	if skipChdir && !isOldroot {
		c.Errorf("option --skip-chdir only permitted if NEWROOT is old %s", applet.Quote("/"))
		c.TryHelp()
		return 125
	}
	t := c.Task.Clone(0)
	defer t.Exit()
	if !isOldroot {
		if err := t.Chroot(newroot); err != nil {
			c.Errorf("cannot change root directory to %s: %s", applet.Quote(newroot), applet.ErrText(err))
			return 125
		}
	}
	if !skipChdir {
		if err := t.Chdir("/"); err != nil {
			c.Errorf("cannot chdir to root directory: %s", applet.ErrText(err))
			return 125
		}
	}
	if userspec != "" || groups != "" {
		cred, msg := parseUserspec(t, userspec, groups)
		if msg != "" {
			c.Errorf("%s", msg)
			return 125
		}
		t.SetCred(cred)
	}
	argv := args[1:]
	if len(argv) == 0 {
		// "$SHELL -i" ($SHELL is unset: /bin/sh); in the shell's own
		// root, the sh applet reading standard input.
		if isOldroot {
			return c.RunProgram(t, "sh", []string{"sh"}, c.Env, c.Stdin)
		}
		argv = []string{"/bin/sh"}
	}
	name, err := c.Set.FindCommand(t, argv[0], isOldroot)
	if err != nil {
		c.Errorf("failed to run command %s: %s", applet.Quote(argv[0]), applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return 127
		}
		return 126
	}
	return c.RunProgram(t, name, argv, c.Env, c.Stdin)
}

// parseUserspec handles chroot's --userspec=UID[:GID] and
// --groups=G1,G2 with numeric IDs (or names in the new root's
// /etc/passwd and /etc/group).
func parseUserspec(t *vfs.Task, userspec, groups string) (*vfs.Cred, string) {
	old := t.Cred()
	uid, gid := old.UID, old.GID
	var sgroups []uint32
	if userspec != "" {
		u, g, hasG := strings.Cut(userspec, ":")
		if u != "" {
			id, ok := numericID(t, "/etc/passwd", u)
			if !ok {
				return nil, fmt.Sprintf("invalid user %s", applet.Quote(u))
			}
			uid = id
		}
		if hasG && g != "" {
			id, ok := numericID(t, "/etc/group", g)
			if !ok {
				return nil, fmt.Sprintf("invalid group %s", applet.Quote(g))
			}
			gid = id
		}
	}
	if groups != "" {
		for _, g := range strings.Split(groups, ",") {
			id, ok := numericID(t, "/etc/group", g)
			if !ok {
				return nil, fmt.Sprintf("invalid group %s", applet.Quote(g))
			}
			sgroups = append(sgroups, id)
		}
		// setgroups(2) keeps the list sorted (groups_sort), and
		// getgroups returns it so.
		slices.Sort(sgroups)
	}
	if uid == 0 && gid == 0 && groups == "" && userspec != "" && old.UID == 0 {
		return old, ""
	}
	cred := vfs.UserCred(uid, gid, sgroups...)
	if uid == 0 {
		cred = vfs.RootCred()
		cred.GID, cred.EGID, cred.FSGID = gid, gid, gid
		cred.Groups = sgroups
	}
	return cred, ""
}

func numericID(t *vfs.Task, file, s string) (uint32, bool) {
	if n, err := strconv.ParseUint(s, 10, 32); err == nil {
		return uint32(n), true
	}
	if id, ok := lookupID(t, file, s); ok {
		n, _ := strconv.ParseUint(id, 10, 32)
		return uint32(n), true
	}
	return 0, false
}

// pivotRootApplet is pivot_root(8).
func pivotRootApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Help = helpTexts["pivot_root"]
	fs.ShortHelp = true
	args, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(args) != 2 {
		return c.badUsage(1)
	}
	if err := c.Task.PivotRoot(args[0], args[1]); err != nil {
		c.warnf("failed to change root from `%s' to `%s': %s", args[0], args[1], applet.ErrText(err))
		return 1
	}
	return 0
}

// mountpointApplet is mountpoint(1).
func mountpointApplet(c *cmd) int {
	var quiet, nofollow, fsDevno, devDevno bool
	flags := c.FlagSet()
	flags.Help = helpTexts["mountpoint"]
	flags.ShortHelp = true
	flags.BoolVarP(&quiet, "quiet", "q", false, "")
	flags.BoolVarP(&nofollow, "nofollow", "", false, "")
	flags.BoolVarP(&fsDevno, "fs-devno", "d", false, "")
	flags.BoolVarP(&devDevno, "devno", "x", false, "")
	args, ok := c.Parse(flags)
	if !ok {
		return 1
	}
	if len(args) != 1 {
		return c.badUsage(1)
	}
	if nofollow && devDevno {
		c.warnf("%s and %s are mutually exclusive", "--devno", "--nofollow")
		return 1
	}
	path := args[0]
	var st vfs.Statx
	var err error
	if nofollow {
		st, err = c.Task.Lstat(path)
	} else {
		st, err = c.Task.Stat(path)
	}
	if err != nil {
		if !quiet {
			c.warnf("%s: %s", path, applet.ErrText(err))
		}
		return 1
	}
	if devDevno {
		if !applet.IsBlk(uint32(st.Mode)) {
			if !quiet {
				c.warnf("%s: not a block device", path)
			}
			return 32
		}
		fmt.Fprintf(c.Out, "%d:%d\n", st.RdevMajor, st.RdevMinor)
		return 0
	}
	var fs *mntEntry
	if !(nofollow && applet.IsLink(uint32(st.Mode))) {
		fs = readMountinfo(c.Task).findTarget(path, true)
	}
	if fs == nil || fs.target == "" {
		if !quiet {
			fmt.Fprintf(c.Out, "%s is not a mountpoint\n", path)
		}
		return 32
	}
	if fsDevno {
		fmt.Fprintf(c.Out, "%d:%d\n", fs.major, fs.minor)
	} else if !quiet {
		fmt.Fprintf(c.Out, "%s is a mountpoint\n", path)
	}
	return 0
}
