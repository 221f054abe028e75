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
	nsFlags         uint64
	propagation     uint64
	procmnt         string
	newroot, newdir string
	uid, gid        *uint32
	// monotonic and boottime are --monotonic and --boottime's offsets
	// in seconds, nil when not given.
	monotonic, boottime  *int64
	fork, keepCaps, mapd bool
	// killChild is --kill-child's signal, 0 without it.
	killChild int
	// The user namespace's maps: one ID (--map-user, -r, -c), or ranges
	// (--map-users); setgroups is --setgroups's word.
	mapUser, mapGroup *uint32
	userMap, groupMap string
	setgroups         string
	userArg, groupArg string
	// persist maps a clone flag to the file --KIND=FILE binds the new
	// namespace's file on (a persistent namespace).
	persist map[uint64]string
}

// nsFiles are the /proc/PID entries of unshare's persistent namespaces,
// in the order it binds them.
var nsFiles = []struct {
	flag uint64
	name string
}{
	{linux.CLONE_NEWUSER, "ns/user"}, {linux.CLONE_NEWCGROUP, "ns/cgroup"},
	{linux.CLONE_NEWIPC, "ns/ipc"}, {linux.CLONE_NEWUTS, "ns/uts"},
	{linux.CLONE_NEWNET, "ns/net"}, {linux.CLONE_NEWPID, "ns/pid_for_children"},
	{linux.CLONE_NEWNS, "ns/mnt"}, {linux.CLONE_NEWTIME, "ns/time_for_children"},
}

// bindNSFiles binds each persistent namespace's file of the task pid
// (as by's /proc shows it) on its target, by's mount(2)s.
func (r *unshareRequest) bindNSFiles(c *cmd, by *vfs.Task, pid int32) bool {
	for _, f := range nsFiles {
		target, ok := r.persist[f.flag]
		if !ok {
			continue
		}
		src := fmt.Sprintf("/proc/%d/%s", pid, f.name)
		if err := by.Mount(src, target, "", linux.MS_BIND, ""); err != nil {
			c.warnf("mount %s on %s failed: %s", src, target, applet.ErrText(err))
			return false
		}
	}
	return true
}

// binder is the child unshare forks before a new mount namespace when
// a namespace is to persist: the binds must be made from the old
// namespace (a namespace's file cannot be bound inside itself), so the
// child, still there, makes them once its parent has unshared.
func (r *unshareRequest) binder(c *cmd, t *vfs.Task) (*vfs.Task, bool) {
	if len(r.persist) == 0 || r.nsFlags&linux.CLONE_NEWNS == 0 {
		return nil, true
	}
	child, err := t.Fork(0)
	if err != nil {
		c.warnf("fork failed: %s", applet.ErrText(err))
		return nil, false
	}
	return child, true
}

// persistNamespaces makes the binds of the persistent namespaces of
// parent, the task that unshared: through the binder when there is one,
// else by parent itself.
func (r *unshareRequest) persistNamespaces(c *cmd, parent, binder *vfs.Task) bool {
	if len(r.persist) == 0 {
		return true
	}
	if binder == nil {
		return r.bindNSFiles(c, parent, parent.Getpid())
	}
	defer binder.Exit()
	return r.bindNSFiles(c, binder, parent.Getpid())
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
				if r.persist == nil {
					r.persist = map[uint64]string{}
				}
				r.persist[k.flag] = v
			}
			r.nsFlags |= k.flag
			return nil
		})
	}
	fs.BoolVarP(&r.fork, "fork", "f", false, "")
	fs.OptionalFunc("kill-child", "", "", func(v string, given bool) error {
		r.fork, r.killChild = true, 9
		if given {
			if r.killChild = signalByName(v); r.killChild < 0 {
				return fmt.Errorf("unknown signal: %s", v)
			}
		}
		return nil
	})
	fs.OptionalFunc("mount-proc", "", "", func(v string, given bool) error {
		r.nsFlags |= linux.CLONE_NEWNS
		r.procmnt = "/proc"
		if given {
			r.procmnt = v
		}
		return nil
	})
	r.userMapOptions(c, fs)
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
		r.setgroups = v
		return nil
	})
	fs.BoolVarP(&r.keepCaps, "keep-caps", "", false, "")
	fs.ArgFunc("setuid", "S", "", idSetter(&r.uid, "uid"))
	fs.ArgFunc("setgid", "G", "", idSetter(&r.gid, "gid"))
	fs.StringVarP(&r.newroot, "root", "R", "", "")
	fs.StringVarP(&r.newdir, "wd", "w", "", "")
	fs.ArgFunc("monotonic", "", "", clockOffset(&r.monotonic, "monotonic"))
	fs.ArgFunc("boottime", "", "", clockOffset(&r.boottime, "boottime"))
	return fs
}

// clockOffset parses --monotonic or --boottime's seconds as 2.38 does
// (strtoul_or_err, kept as a time_t).
func clockOffset(p **int64, what string) func(string) error {
	return func(v string) error {
		n, err := numberOrErr(v, "failed to parse "+what+" offset", true)
		if err != nil {
			return err
		}
		s := int64(n)
		*p = &s
		return nil
	}
}

// writeClockOffset sets one clock's offset of the new time namespace
// through /proc/self/timens_offsets, after unshare(2) and before the
// fork, as unshare's settime does ("CLOCKID SECONDS 0").
func writeClockOffset(c *cmd, t *vfs.Task, offset *int64, clockID int) bool {
	if offset == nil {
		return true
	}
	const name = "/proc/self/timens_offsets"
	fd, err := t.Open(name, linux.O_WRONLY, 0)
	if err != nil {
		c.warnf("failed to open %s: %s", name, applet.ErrText(err))
		return false
	}
	defer t.Close(fd)
	if _, err := t.Write(fd, []byte(fmt.Sprintf("%d %d 0", clockID, *offset))); err != nil {
		c.warnf("failed to write to %s: %s", name, applet.ErrText(err))
		return false
	}
	return true
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

// unshareApplet is unshare(1) from util-linux 2.38: its own process (the
// task the shell forked for it) gets the new namespaces, a new mount
// namespace made private (or --propagation) first, and execs the
// command, or with -f forks a child that does.
func unshareApplet(c *cmd) int {
	r := unshareRequest{propagation: linux.MS_REC | linux.MS_PRIVATE}
	args, ok := c.Parse(unshareOptions(c, &r))
	if !ok {
		return 1
	}
	if (r.monotonic != nil || r.boottime != nil) && r.nsFlags&linux.CLONE_NEWTIME == 0 {
		c.warnf("options --monotonic and --boottime require unsharing of a time namespace (-t)")
		return 1
	}
	t := c.Task
	if rc, ok := r.idMapper(c, t); !ok {
		return rc
	}
	_, euid, _ := t.Getresuid()
	_, egid, _ := t.Getresgid()
	binder, ok := r.binder(c, t)
	if !ok {
		return 1
	}
	if r.nsFlags != 0 {
		if err := t.Unshare(r.nsFlags); err != nil {
			c.warnf("unshare failed: %s", applet.ErrText(err))
			if binder != nil {
				binder.Exit()
			}
			return 1
		}
	}
	if !writeClockOffset(c, t, r.boottime, 7) || !writeClockOffset(c, t, r.monotonic, 1) {
		return 1
	}
	parent := t
	if r.fork {
		// The parent waits and passes the child's status on; the first
		// child in a new PID namespace is its number 1.
		child, err := t.Fork(0)
		if err != nil {
			c.warnf("fork failed: %s", applet.ErrText(err))
			return 1
		}
		defer child.Exit()
		t = child
	}
	// The binds come after the fork, so that a new PID namespace has
	// its first task when its file is bound (pid_for_children). When
	// they fail, the parent exits 1 without waiting for its child,
	// which goes on and runs the command all the same.
	persisted := r.persistNamespaces(c, parent, binder)
	if !persisted && !r.fork {
		return 1
	}
	rc := r.runChild(c, t, args, euid, egid)
	if !persisted {
		return 1
	}
	return rc
}

// runChild is what unshare does in the task that runs the command; euid
// and egid are the caller's before any new user namespace.
func (r *unshareRequest) runChild(c *cmd, t *vfs.Task, args []string, euid, egid uint32) int {
	if r.killChild != 0 {
		if _, err := t.Prctl(linux.PR_SET_PDEATHSIG, uint64(r.killChild), 0, 0, 0); err != nil {
			c.warnf("prctl failed: %s", applet.ErrText(err))
			return 1
		}
	}
	if !r.writeMaps(c, t, euid, egid) || !r.enter(c, t) || !r.setIDs(c, t) || !r.keepCapabilities(c, t) {
		return 1
	}
	return c.runCommand(t, args, r.newroot == "")
}

// enter sets the new mount namespace's propagation, changes root and
// directory, and mounts proc (--mount-proc), as unshare does after the
// maps.
func (r *unshareRequest) enter(c *cmd, t *vfs.Task) bool {
	if r.nsFlags&linux.CLONE_NEWNS != 0 && r.propagation != 0 {
		if err := t.Mount("none", "/", "", r.propagation, ""); err != nil {
			c.warnf("cannot change root filesystem propagation: %s", applet.ErrText(err))
			return false
		}
	}
	newdir := r.newdir
	if r.newroot != "" {
		if err := t.Chroot(r.newroot); err != nil {
			c.warnf("cannot change root directory to '%s': %s", r.newroot, applet.ErrText(err))
			return false
		}
		if newdir == "" {
			newdir = "/"
		}
	}
	if newdir != "" {
		if err := t.Chdir(newdir); err != nil {
			c.warnf("cannot chdir to '%s': %s", newdir, applet.ErrText(err))
			return false
		}
	}
	if r.procmnt == "" {
		return true
	}
	if r.newroot == "" && r.propagation != linux.MS_PRIVATE|linux.MS_REC {
		err := t.Mount("none", r.procmnt, "", linux.MS_PRIVATE|linux.MS_REC, "")
		if err != nil && !errors.Is(err, linux.EINVAL) {
			c.warnf("cannot change %s filesystem propagation: %s", r.procmnt, applet.ErrText(err))
			return false
		}
	}
	if err := t.Mount("proc", r.procmnt, "proc", linux.MS_NOSUID|linux.MS_NOEXEC|linux.MS_NODEV, ""); err != nil {
		c.warnf("mount %s failed: %s", r.procmnt, applet.ErrText(err))
		return false
	}
	return true
}

// keepCapabilities is --keep-caps with a new user namespace: the
// permitted set becomes inheritable, then every effective capability
// ambient, so that they survive the exec of a program run as another
// uid than 0.
func (r *unshareRequest) keepCapabilities(c *cmd, t *vfs.Task) bool {
	if !r.keepCaps || r.nsFlags&linux.CLONE_NEWUSER == 0 {
		return true
	}
	eff, perm, _, err := t.Capget(0)
	if err != nil {
		c.warnf("capget failed: %s", applet.ErrText(err))
		return false
	}
	if err := t.Capset(0, eff, perm, perm); err != nil {
		c.warnf("capset failed: %s", applet.ErrText(err))
		return false
	}
	for cp := linux.Capability(0); cp <= linux.CAP_LAST_CAP; cp++ {
		if !eff.Has(cp) {
			continue
		}
		if _, err := t.Prctl(linux.PR_CAP_AMBIENT, linux.PR_CAP_AMBIENT_RAISE, uint64(cp), 0, 0); err != nil {
			c.warnf("prctl(PR_CAP_AMBIENT) failed: %s", applet.ErrText(err))
			return false
		}
	}
	return true
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
	name, err := c.Set.FindCommand(t, args[0])
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
	c.GivenName() // coreutils' program_name
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
	name, err := c.Set.FindCommand(t, argv[0])
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
				// parse_user_spec's message names no operand.
				return nil, "invalid user"
			}
			uid = id
		}
		if hasG && g != "" {
			id, ok := numericID(t, "/etc/group", g)
			if !ok {
				return nil, "invalid group"
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

// mountpointByStat is mountpoint's guess without /proc: a directory on
// another device than its parent, or its own parent (a root), is a mount
// point (a bind mount of the same filesystem is missed).
func mountpointByStat(t *vfs.Task, path string, st vfs.Statx) *mntEntry {
	parent, err := t.Stat(strings.TrimRight(path, "/") + "/..")
	if err != nil {
		return nil
	}
	if st.Dev() == parent.Dev() && st.Ino != parent.Ino {
		return nil
	}
	return &mntEntry{target: path, major: st.DevMajor, minor: st.DevMinor}
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
		tb := readMountinfo(c.Task)
		fs = tb.findTarget(path, true)
		if tb.err != nil {
			fs = mountpointByStat(c.Task, path, st)
		}
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
