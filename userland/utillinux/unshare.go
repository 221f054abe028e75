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

// unshareFlags are the clone flags of unshare's namespace options.
var unshareFlags = map[int]uint64{
	'm': linux.CLONE_NEWNS, 'u': linux.CLONE_NEWUTS, 'i': linux.CLONE_NEWIPC, 'n': linux.CLONE_NEWNET,
	'p': linux.CLONE_NEWPID, 'U': linux.CLONE_NEWUSER, 'C': linux.CLONE_NEWCGROUP, 'T': linux.CLONE_NEWTIME,
}

// unshareLongName is the long name of one of unshare's options.
func unshareLongName(id int) string {
	for _, o := range unshareOpts {
		if o.ident() == id {
			return o.long
		}
	}
	return ""
}

var unshareOpts = []optSpec{
	{short: 'h', long: "help"},
	{short: 'V', long: "version"},
	{short: 'm', long: "mount", arg: optArg},
	{short: 'u', long: "uts", arg: optArg},
	{short: 'i', long: "ipc", arg: optArg},
	{short: 'n', long: "net", arg: optArg},
	{short: 'p', long: "pid", arg: optArg},
	{short: 'U', long: "user", arg: optArg},
	{short: 'C', long: "cgroup", arg: optArg},
	{short: 'T', long: "time", arg: optArg},
	{short: 'f', long: "fork"},
	{long: "kill-child", arg: optArg, id: 1003},
	{long: "mount-proc", arg: optArg, id: 1000},
	{short: 'r', long: "map-root-user"},
	{short: 'c', long: "map-current-user"},
	{long: "propagation", arg: reqArg, id: 1001},
	{long: "setgroups", arg: reqArg, id: 1002},
	{long: "keep-caps", id: 1004},
	{short: 'R', long: "root", arg: reqArg},
	{short: 'w', long: "wd", arg: reqArg},
}

// unshareApplet is unshare(1) from util-linux 2.38: the command runs in
// a clone of the shell's task with new namespaces, a new mount namespace
// made private (or --propagation) first. The kinds the kernel model lacks
// (IPC, network, PID, user, cgroup, time) make unshare(2) fail with
// EINVAL, as a kernel built without them does.
func unshareApplet(c *cmd) int {
	parsed, args, ok := c.parseOpts(unshareOpts, true)
	if !ok {
		return c.tryHelp(1)
	}
	newns := false
	var nsFlags uint64
	propagation := uint64(linux.MS_REC | linux.MS_PRIVATE)
	procmnt, newroot, newdir := "", "", ""
	for _, p := range parsed {
		switch p.id {
		case 'm', 'u', 'i', 'n', 'p', 'U', 'C', 'T':
			if p.hasArg {
				c.warnf("persistent namespaces (--%s=%s) are not supported", unshareLongName(p.id), p.arg)
				return 1
			}
			nsFlags |= unshareFlags[p.id]
			newns = newns || p.id == 'm'
		case 'r', 'c':
			nsFlags |= linux.CLONE_NEWUSER
		case 1000:
			newns = true
			procmnt = "/proc"
			if p.hasArg {
				procmnt = p.arg
			}
		case 1001:
			switch p.arg {
			case "slave":
				propagation = linux.MS_REC | linux.MS_SLAVE
			case "private":
				propagation = linux.MS_REC | linux.MS_PRIVATE
			case "shared":
				propagation = linux.MS_REC | linux.MS_SHARED
			case "unchanged":
				propagation = 0
			default:
				c.warnf("unsupported propagation mode: %s", p.arg)
				return 1
			}
		case 1002:
			if p.arg != "allow" && p.arg != "deny" {
				c.warnf("unsupported --setgroups argument '%s'", p.arg)
				return 1
			}
		case 'R':
			newroot = p.arg
		case 'w':
			newdir = p.arg
		case 'h':
			c.printHelp()
			return 0
		case 'V':
			c.versionLine()
			return 0
		}
	}
	t := c.Task.Clone(0)
	defer t.Exit()
	if newns {
		nsFlags |= linux.CLONE_NEWNS
	}
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
	return c.runCommand(t, args, newroot == "")
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

var chrootOpts = []optSpec{
	{long: "groups", arg: reqArg, id: 1000},
	{long: "userspec", arg: reqArg, id: 1001},
	{long: "skip-chdir", id: 1002},
	{long: "help", id: 1003},
	{long: "version", id: 1004},
}

// chrootApplet is GNU coreutils' chroot(1): COMMAND (default
// "$SHELL -i", here /bin/sh -i) runs in a clone of the task whose root is
// NEWROOT. Exit status 125 for chroot's own failures, 126/127 when the
// command cannot run.
func chrootApplet(c *cmd) int {
	parsed, args, ok := c.parseOpts(chrootOpts, true)
	if !ok {
		c.TryHelp()
		return 125
	}
	skipChdir := false
	userspec, groups := "", ""
	for _, p := range parsed {
		switch p.id {
		case 1000:
			groups = p.arg
		case 1001:
			userspec = p.arg
		case 1002:
			skipChdir = true
		case 1003:
			c.printHelp()
			return 0
		case 1004:
			c.versionLine()
			return 0
		}
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
	parsed, _, ok := c.parseOpts([]optSpec{{short: 'V', long: "version"}, {short: 'h', long: "help"}}, false)
	if !ok {
		return c.tryHelp(1)
	}
	for _, p := range parsed {
		if p.id == 'V' {
			c.versionLine()
			return 0
		}
		c.printHelp()
		return 0
	}
	if len(c.Args) != 2 {
		return c.badUsage(1)
	}
	if err := c.Task.PivotRoot(c.Args[0], c.Args[1]); err != nil {
		c.warnf("failed to change root from `%s' to `%s': %s", c.Args[0], c.Args[1], applet.ErrText(err))
		return 1
	}
	return 0
}

// mountpointApplet is mountpoint(1).
func mountpointApplet(c *cmd) int {
	parsed, args, ok := c.parseOpts([]optSpec{
		{short: 'q', long: "quiet"},
		{long: "nofollow", id: 1000},
		{short: 'd', long: "fs-devno"},
		{short: 'x', long: "devno"},
		{short: 'h', long: "help"},
		{short: 'V', long: "version"},
	}, false)
	if !ok {
		return c.tryHelp(1)
	}
	quiet, nofollow, fsDevno, devDevno := false, false, false, false
	for _, p := range parsed {
		switch p.id {
		case 'q':
			quiet = true
		case 1000:
			nofollow = true
		case 'd':
			fsDevno = true
		case 'x':
			devDevno = true
		case 'h':
			c.printHelp()
			return 0
		case 'V':
			c.versionLine()
			return 0
		}
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

// dmesgApplet prints the kernel log, one message a line (without
// dmesg(1)'s timestamps).
func dmesgApplet(c *cmd) int {
	for _, line := range c.Task.Kernel().Dmesg() {
		fmt.Fprintln(c.Out, line)
	}
	return 0
}
