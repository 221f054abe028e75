package shell

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
	"github.com/spf13/pflag"
)

// chownOpts are the options chown and chgrp share.
type chownOpts struct {
	recursive, noDeref, verbose, changes, quiet bool
	uid, gid                                    uint32
	chgrp                                       bool
	// userName and groupName are the owner and group as the command
	// line gave them, for -v and -c ("" when not being changed).
	userName, groupName string
}

// chownApplet is chown(1): OWNER[:GROUP], OWNER:, :GROUP, numeric IDs
// and "root" (linuxvfs has no user database).
func chownApplet(c *cmd) int {
	fs, o := c.chownFlags()
	ref := fs.String("reference", "", "use RFILE's owner and group")
	ops, ok := c.parse(fs)
	if !ok {
		return 1
	}
	switch {
	case *ref != "":
		st, err := c.t.Stat(*ref)
		if err != nil {
			c.errorf("failed to get attributes of %s: %s", quote(*ref), errText(err))
			return 1
		}
		o.uid, o.gid = st.UID, st.GID
		o.userName, o.groupName = userName(st.UID, ""), groupName(st.GID, "")
	case len(ops) == 0:
		return c.missingOperand("")
	default:
		if !c.parseOwnerSpec(ops[0], o) {
			return 1
		}
		ops = ops[1:]
	}
	return c.chownAll(ops, o)
}

// chgrpApplet is chgrp(1).
func chgrpApplet(c *cmd) int {
	fs, o := c.chownFlags()
	o.chgrp = true
	ref := fs.String("reference", "", "use RFILE's group")
	ops, ok := c.parse(fs)
	if !ok {
		return 1
	}
	o.uid = vfs.NoChange
	switch {
	case *ref != "":
		st, err := c.t.Stat(*ref)
		if err != nil {
			c.errorf("failed to get attributes of %s: %s", quote(*ref), errText(err))
			return 1
		}
		o.gid = st.GID
	case len(ops) == 0:
		return c.missingOperand("")
	default:
		gid, good := parseID(ops[0])
		if !good {
			c.errorf("invalid group: %s", quoteL(ops[0]))
			return 1
		}
		o.gid, o.groupName, ops = gid, ops[0], ops[1:]
	}
	return c.chownAll(ops, o)
}

func (c *cmd) chownFlags() (*pflag.FlagSet, *chownOpts) {
	fs := c.flagSet()
	o := &chownOpts{}
	fs.BoolVarP(&o.recursive, "recursive", "R", false, "recursive")
	fs.BoolVarP(&o.noDeref, "no-dereference", "h", false, "change symlinks themselves")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "verbose")
	fs.BoolVarP(&o.changes, "changes", "c", false, "report changes")
	fs.BoolVarP(&o.quiet, "silent", "f", false, "quiet")
	fs.BoolVar(&o.quiet, "quiet", false, "quiet")
	fs.BoolP("P", "P", false, "do not traverse symlinks (default)")
	fs.Bool("dereference", false, "change referents (default)")
	fs.Bool("preserve-root", false, "ignored")
	fs.Bool("no-preserve-root", false, "ignored")
	return fs, o
}

// parseOwnerSpec is parse_user_spec: "USER", "USER:GROUP", "USER:",
// ":GROUP", and the old "USER.GROUP" (with coreutils' warning).
func (c *cmd) parseOwnerSpec(spec string, o *chownOpts) bool {
	o.uid, o.gid = vfs.NoChange, vfs.NoChange
	user, group, hasSep := strings.Cut(spec, ":")
	if !hasSep {
		if u, g, dot := strings.Cut(spec, "."); dot {
			if _, good := parseID(spec); !good {
				user, group, hasSep = u, g, true
				c.errorf("warning: '.' should be ':': %s", quoteL(spec))
			}
		}
	}
	if user != "" {
		id, good := parseID(user)
		if !good {
			c.errorf("invalid user: %s", quoteL(spec))
			return false
		}
		o.uid, o.userName = id, user
		if hasSep && group == "" {
			// USER: is USER's login group; only root has one here
			o.gid, o.groupName = id, groupName(id, "")
		}
	}
	if group != "" {
		id, good := parseID(group)
		if !good {
			c.errorf("invalid group: %s", quoteL(spec))
			return false
		}
		o.gid, o.groupName = id, group
	}
	return true
}

// parseID reads "root" or a decimal ID.
func parseID(s string) (uint32, bool) {
	if s == "root" {
		return 0, true
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, 32)
	if err != nil || n == uint64(vfs.NoChange) {
		return 0, false
	}
	return uint32(n), true
}

func (c *cmd) chownAll(ops []string, o *chownOpts) int {
	if len(ops) == 0 {
		c.errorf("missing operand after %s", quoteL(c.args[len(c.args)-1]))
		c.tryHelp()
		return 1
	}
	status := 0
	for _, name := range ops {
		if !c.chownOne(name, o, true) {
			status = 1
		}
	}
	return status
}

// chownOne changes one file: command-line symlinks are followed unless -h
// or -R (which, like coreutils' default -P, changes links themselves).
func (c *cmd) chownOne(name string, o *chownOpts, cmdline bool) bool {
	lst, err := c.t.Lstat(name)
	if err != nil {
		c.errorf("cannot access %s: %s", quote(name), errText(err))
		return false
	}
	follow := cmdline && !o.noDeref && !o.recursive
	st := lst
	if follow && isLink(uint32(lst.Mode)) {
		if st, err = c.t.Stat(name); err != nil {
			c.errorf("cannot dereference %s: %s", quote(name), errText(err))
			return false
		}
	}
	flags := linux.AT_SYMLINK_NOFOLLOW
	if follow {
		flags = 0
	}
	ok := true
	if err := c.t.Fchownat(atCWD, name, o.uid, o.gid, flags); err != nil {
		if !o.quiet {
			what := "ownership"
			if o.chgrp {
				what = "group"
			}
			c.errorf("changing %s of %s: %s", what, quote(name), errText(err))
		}
		ok = false
	} else {
		c.chownReport(name, &st, o)
	}
	if o.recursive && isDir(uint32(lst.Mode)) {
		ok = c.chownTree(name, o) && ok
	}
	return ok
}

func (c *cmd) chownTree(dir string, o *chownOpts) bool {
	ents, err := readDirents(c.t, dir)
	if err != nil {
		c.errorf("cannot read directory %s: %s", quote(dir), errText(err))
		return false
	}
	ok := true
	for _, e := range ents {
		if c.cancelled() {
			return false
		}
		ok = c.chownOne(joinPath(dir, e.Name), o, false) && ok
	}
	return ok
}

// chownReport prints -v and -c lines (describe_change).
func (c *cmd) chownReport(name string, st *vfs.Statx, o *chownOpts) {
	user, group := o.uid != vfs.NoChange, o.gid != vfs.NoChange
	changed := (user && o.uid != st.UID) || (group && o.gid != st.GID)
	if !o.verbose && !(o.changes && changed) {
		return
	}
	var oldUser, oldGroup string
	if user {
		oldUser = userName(st.UID, "")
	}
	if group {
		oldGroup = groupName(st.GID, "")
	}
	spec, old := userGroupStr(o.userName, o.groupName), userGroupStr(oldUser, oldGroup)
	switch {
	case changed && user:
		fmt.Fprintf(c.out, "changed ownership of %s from %s to %s\n", quote(name), old, spec)
	case changed:
		fmt.Fprintf(c.out, "changed group of %s from %s to %s\n", quote(name), old, spec)
	case user:
		fmt.Fprintf(c.out, "ownership of %s retained as %s\n", quote(name), spec)
	case group:
		fmt.Fprintf(c.out, "group of %s retained as %s\n", quote(name), spec)
	default:
		fmt.Fprintf(c.out, "ownership of %s retained\n", quote(name))
	}
}

// userGroupStr joins what is being changed: "user:group", "user" or
// "group".
func userGroupStr(user, group string) string {
	switch {
	case user != "" && group != "":
		return user + ":" + group
	case user != "":
		return user
	}
	return group
}
