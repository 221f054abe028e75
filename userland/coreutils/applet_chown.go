// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// chownOpts are the options chown and chgrp share.
// chowner is one chown or chgrp command: the program and its settings.
type chowner struct {
	*cmd
	*chownOpts
}

// chownOpts are chown's and chgrp's settings.
type chownOpts struct {
	recursive, noDeref, verbose, changes, quiet bool
	derefAsked                                  bool // --dereference, after any -h
	preserveRoot                                bool // refuse -R on /
	uid, gid                                    uint32
	chgrp                                       bool
	// fromUID and fromGID are --from's owner and group: files with
	// others are left alone (NoChange matches any).
	fromUID, fromGID uint32
	// traverse is which symbolic links -R follows: 'P' none, 'H' those
	// on the command line, 'L' all.
	traverse byte
	// ancestors are the directories -R is inside, to tell a cycle.
	ancestors []devIno
	// userName and groupName are the names chown's -v and -c print for
	// the new owner and group (chopt.user_name, chopt.group_name), set
	// only when userSet and groupSet; otherwise the IDs are printed as numbers.
	userName, groupName string
	userSet, groupSet   bool
}

// chownApplet is chown(1): OWNER[:GROUP], OWNER:, :GROUP, by name or
// number.
func chownApplet(cmd *cmd) int {
	fs, c := chownFlags(cmd)
	fs.Synopsis = "[OPTION]... [OWNER][:[GROUP]] FILE...\n  or:  chown [OPTION]... --reference=RFILE FILE..."
	fs.About = "Give each FILE the OWNER and/or GROUP (names or numbers)."
	ref := fs.String("reference", "", "copy the owner and group of RFILE")
	from := fs.String("from", "", "change only files whose owner and group are as `CURRENT_OWNER:CURRENT_GROUP` says")
	ops, ok := c.Parse(fs)
	if !ok || !c.traversalOK() {
		return 1
	}
	if fs.Changed("from") {
		var req chownOpts
		if !c.parseIDs(*from, &req) {
			return 1
		}
		c.fromUID, c.fromGID = req.uid, req.gid
	}
	switch {
	case *ref != "":
		st, err := c.Task.Stat(*ref)
		if err != nil {
			c.Errorf("failed to get attributes of %s: %s", c.Quote(*ref), applet.ErrText(err))
			return 1
		}
		c.uid, c.gid = st.UID, st.GID
		c.userName, c.groupName = userName(c.Task, st.UID, ""), groupName(c.Task, st.GID, "")
		c.userSet, c.groupSet = true, true
	case len(ops) == 0:
		return c.MissingOperand("")
	default:
		if !c.parseOwnerSpec(ops[0]) {
			return 1
		}
		ops = ops[1:]
	}
	return c.all(ops)
}

// chgrpApplet is chgrp(1).
func chgrpApplet(cmd *cmd) int {
	fs, c := chownFlags(cmd)
	c.chgrp = true
	fs.Synopsis = "[OPTION]... GROUP FILE...\n  or:  chgrp [OPTION]... --reference=RFILE FILE..."
	fs.About = "Give each FILE the group GROUP (a name or a number)."
	ref := fs.String("reference", "", "copy the group of RFILE")
	ops, ok := c.Parse(fs)
	if !ok || !c.traversalOK() {
		return 1
	}
	c.uid = vfs.NoChange
	switch {
	case *ref != "":
		st, err := c.Task.Stat(*ref)
		if err != nil {
			c.Errorf("failed to get attributes of %s: %s", c.Quote(*ref), applet.ErrText(err))
			return 1
		}
		c.gid, c.groupName, c.groupSet = st.GID, groupName(c.Task, st.GID, ""), true
	case len(ops) == 0:
		return c.MissingOperand("")
	default:
		gid, good := parseGroup(c.Task, ops[0])
		if !good {
			c.Errorf("invalid group: %s", c.QuoteArg(ops[0]))
			return 1
		}
		c.gid, c.groupName, c.groupSet, ops = gid, ops[0], true, ops[1:]
	}
	return c.all(ops)
}

// traversalOK refuses -R --dereference without -H or -L.
func (c *chowner) traversalOK() bool {
	o := c.chownOpts
	if o.recursive && o.traverse == 'P' && o.derefAsked {
		c.Errorf("-R --dereference requires either -H or -L")
		return false
	}
	return true
}

func chownFlags(cmd *cmd) (*applet.FlagSet, *chowner) {
	o := &chownOpts{fromUID: vfs.NoChange, fromGID: vfs.NoChange, traverse: 'P'}
	c := &chowner{cmd: cmd, chownOpts: o}
	fs := c.FlagSet()
	fs.BoolVarP(&o.recursive, "recursive", "R", false, "change directories and everything below them")
	fs.Func("no-dereference", "h", "change symbolic links, not what they point to", func() { o.noDeref, o.derefAsked = true, false })
	// -v and -c set one verbosity: the last one given counts.
	fs.Func("verbose", "v", "report every file handled", func() { o.verbose, o.changes = true, false })
	fs.Func("changes", "c", "report the files whose owner changed", func() { o.verbose, o.changes = false, true })
	fs.BoolVarP(&o.quiet, "silent", "f", false, "say nothing about files that cannot be changed")
	fs.BoolVar(&o.quiet, "quiet", false, "the same as --silent")
	fs.Func("H", "H", "with -R, follow symbolic links named on the command line", func() { o.traverse = 'H' })
	fs.Func("L", "L", "with -R, follow every symbolic link to a directory", func() { o.traverse = 'L' })
	fs.Func("P", "P", "with -R, follow no symbolic link (default)", func() { o.traverse = 'P' })
	fs.Func("dereference", "", "change what symbolic links point to (default)", func() { o.noDeref, o.derefAsked = false, true })
	fs.Func("preserve-root", "", "refuse to work recursively on /", func() { o.preserveRoot = true })
	fs.Func("no-preserve-root", "", "let -R act on / like any directory (default)", func() { o.preserveRoot = false })
	return fs, c
}

// parseOwnerSpec is parse_user_spec_warn: "USER", "USER:GROUP", "USER:"
// (USER's login group), ":GROUP", and, when the whole spec is no user,
// the old "USER.GROUP" (with coreutils' warning).
func (c *chowner) parseOwnerSpec(spec string) bool {
	o := c.chownOpts
	if !c.parseIDs(spec, o) {
		return false
	}
	// chown.c: a group without a user name still says "ownership"
	if !o.userSet && o.groupSet {
		o.userName, o.userSet = "", true
	}
	return true
}

// parseIDs reads a spec into o's uid, gid and names, reporting a bad
// one (and the old '.' separator when it was needed).
func (c *chowner) parseIDs(spec string, o *chownOpts) bool {
	o.uid, o.gid = vfs.NoChange, vfs.NoChange
	colon := strings.IndexByte(spec, ':')
	msg := parseWithSeparator(c.Task, spec, colon, o)
	if colon < 0 && msg != "" {
		if dot := strings.IndexByte(spec, '.'); dot >= 0 {
			if parseWithSeparator(c.Task, spec, dot, o) == "" {
				msg = ""
				c.Errorf("warning: '.' should be ':': %s", c.QuoteArg(spec))
			}
		}
	}
	if msg != "" {
		c.Errorf("%s: %s", msg, c.QuoteArg(spec))
		return false
	}
	return true
}

// parseWithSeparator is gnulib's parse_with_separator: sep is the index of
// the separator in spec, or -1. Names are looked up in the user database
// first, then read as numbers; names are recorded (for -v) only when
// looked up, not for numeric IDs. It returns the error message, or "".
func parseWithSeparator(t *vfs.Task, spec string, sep int, o *chownOpts) string {
	user, group := spec, ""
	hasUser, hasGroup := spec != "", false
	if sep >= 0 {
		user, group = spec[:sep], spec[sep+1:]
		hasUser, hasGroup = sep != 0, group != ""
	}
	uid, gid := vfs.NoChange, vfs.NoChange
	var uname, gname string
	var uset, gset bool
	if hasUser {
		if pw, ok := applet.UserByName(t, user); ok {
			uid, uname, uset = pw.UID, user, true
			if sep >= 0 && !hasGroup {
				// "USER:" is the user's login group.
				gid, gname, gset = pw.GID, groupName(t, pw.GID, ""), true
			}
		} else if sep >= 0 && !hasGroup {
			return "invalid spec"
		} else if id, ok := parseNumericID(user); ok {
			uid = id
		} else {
			return "invalid user"
		}
	}
	if hasGroup {
		if g, ok := applet.GroupByName(t, group); ok {
			gid, gname, gset = g.GID, group, true
		} else if id, ok := parseNumericID(group); ok {
			gid = id
		} else {
			return "invalid group"
		}
	}
	o.uid, o.gid = uid, gid
	o.userName, o.userSet, o.groupName, o.groupSet = uname, uset, gname, gset
	return ""
}

// parseNumericID is xstrtoul on an ID with no name: decimal, optionally
// after '+', and not -1.
func parseNumericID(s string) (uint32, bool) {
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, 32)
	if err != nil || n == uint64(vfs.NoChange) || s == "+" {
		return 0, false
	}
	return uint32(n), true
}

// parseGroup is chgrp's group: a name of the group database, or a
// decimal ID.
func parseGroup(t *vfs.Task, s string) (uint32, bool) {
	if g, ok := applet.GroupByName(t, s); ok {
		return g.GID, true
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, 32)
	if err != nil || n == uint64(vfs.NoChange) {
		return 0, false
	}
	return uint32(n), true
}

func (c *chowner) all(ops []string) int {
	if len(ops) == 0 {
		c.Errorf("missing operand after %s", c.QuoteArg(c.Args[len(c.Args)-1]))
		c.TryHelp()
		return 1
	}
	status := 0
	for _, name := range ops {
		name = ftsTrim(name)
		w := applet.NewDirWalk(c.Task)
		ok := c.one(w, applet.WalkLoc{Path: name, Name: name}, true)
		w.Close()
		if !ok {
			status = 1
		}
	}
	return status
}

// one changes one file. With -R a directory is changed after everything
// below it, as fts hands it to chown-core a second time (FTS_DP); one it
// cannot read is left as it is. Symbolic links are followed (what they
// point to changes) unless -h, or -R with -P, the default, which changes
// links themselves; -R goes into linked directories with -L, and with -H
// into those named on the command line.
func (c *chowner) one(w *applet.DirWalk, l applet.WalkLoc, cmdline bool) bool {
	o := c.chownOpts
	lst, err := c.Task.Fstatat(w.At(), l.Name, linux.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		c.complain("cannot access %s: %s", c.Quote(l.Path), applet.ErrText(err))
		c.report(l.Path, nil, chownFailed)
		return false
	}
	if cmdline && o.recursive && o.preserveRoot && c.refuseRoot(l.Path) {
		return false
	}
	ok := true
	// -L, and -H on the command line, go into the directory a link
	// leads to.
	st, linked := lst, false
	if o.recursive && applet.IsLink(uint32(lst.Mode)) && (o.traverse == 'L' || o.traverse == 'H' && cmdline) {
		if s, err := c.Task.Fstatat(w.At(), l.Name, 0); err == nil {
			st, linked = s, true
		}
	}
	if o.recursive && applet.IsDir(uint32(st.Mode)) {
		if c.inCycle(st) {
			// fts's FTS_DC: followed links may lead back, anything
			// else is a corrupt tree, warned of and left alone.
			if !linked && !(o.traverse == 'L' || o.traverse == 'H' && cmdline) {
				c.Errorf("WARNING: Circular directory structure.\nThis almost certainly means that you have a corrupted file system.\nNOTIFY YOUR SYSTEM MANAGER.\nThe following directory is part of the cycle:\n  %s\n", c.QuoteName(l.Path))
				return false
			}
			return c.change(w, l, lst, &st)
		}
		var read bool
		o.ancestors = append(o.ancestors, devIno{st.Dev(), st.Ino})
		read, ok = c.children(w, l, linked)
		o.ancestors = o.ancestors[:len(o.ancestors)-1]
		if !read {
			c.report(l.Path, nil, chownFailed)
			return false
		}
	}
	pre := &st
	if !linked {
		pre = nil
	}
	return c.change(w, l, lst, pre) && ok
}

// inCycle reports whether directory st is one -R is already inside.
func (c *chowner) inCycle(st vfs.Statx) bool {
	for _, a := range c.ancestors {
		if a == (devIno{st.Dev(), st.Ino}) {
			return true
		}
	}
	return false
}

// children changes what directory l holds; read is false if l could
// not be listed.
func (c *chowner) children(w *applet.DirWalk, l applet.WalkLoc, follow bool) (read, ok bool) {
	ents, err := w.Enter(l, follow)
	if err != nil {
		c.complain("cannot read directory %s: %s", c.Quote(l.Path), applet.ErrText(err))
		return false, false
	}
	ok = true
	for _, e := range ents {
		if c.Cancelled() {
			w.Leave()
			return true, false
		}
		ok = c.one(w, l.Child(e.Name), false) && ok
	}
	if err := w.Leave(); err != nil {
		c.complain("%s: %s", c.Quote(l.Path), applet.ErrText(err))
		return true, false
	}
	return true, ok
}

// change sets the owner of l, whose lstat is lst; followed is what a
// link l led to when -R went into it (reported as it was then, before
// the changes below it, as fts's first visit saw it), or nil.
func (c *chowner) change(w *applet.DirWalk, l applet.WalkLoc, lst vfs.Statx, followed *vfs.Statx) bool {
	o := c.chownOpts
	// The file a link leads to is what changes, unless -h, or -R
	// follows no links (-P).
	follow := !o.noDeref && (!o.recursive || o.traverse != 'P')
	st := lst
	if follow && followed != nil {
		st = *followed
	} else if follow && applet.IsLink(uint32(lst.Mode)) {
		var err error
		if st, err = c.Task.Fstatat(w.At(), l.Name, 0); err != nil {
			c.complain("cannot dereference %s: %s", c.Quote(l.Path), applet.ErrText(err))
			// chown-core describes the failure with a stat buffer
			// that fstatat never filled; the link's own is the
			// nearest honest stand-in.
			c.report(l.Path, &lst, chownFailed)
			return false
		}
	}
	flags := linux.AT_SYMLINK_NOFOLLOW
	if follow {
		flags = 0
	}
	if (o.fromUID != vfs.NoChange && o.fromUID != st.UID) || (o.fromGID != vfs.NoChange && o.fromGID != st.GID) {
		c.report(l.Path, &st, chownSkipped)
		return true
	}
	if err := c.Task.Fchownat(w.At(), l.Name, o.uid, o.gid, flags); err != nil {
		what := "ownership"
		if o.chgrp {
			what = "group"
		}
		c.complain("changing %s of %s: %s", what, c.Quote(l.Path), applet.ErrText(err))
		c.report(l.Path, &st, chownFailed)
		return false
	}
	c.report(l.Path, &st, chownDone)
	return true
}

// complain prints an error unless -f asked for silence.
func (c *chowner) complain(format string, args ...any) {
	if !c.quiet {
		c.Errorf(format, args...)
	}
}

// chownOutcome is what happened to a file, as -v and -c describe it.
type chownOutcome int

const (
	chownDone chownOutcome = iota
	chownFailed
	chownSkipped // not of --from's owner
)

// report prints -v and -c lines (change_file_owner and describe_change):
// the new names are the spec's words, or the IDs' names. st is the file's
// status before the change, nil if it could not be had.
func (c *chowner) report(name string, st *vfs.Statx, outcome chownOutcome) {
	o := c.chownOpts
	changed := outcome == chownDone &&
		((o.uid != vfs.NoChange && o.uid != st.UID) || (o.gid != vfs.NoChange && o.gid != st.GID))
	if !o.verbose && !(o.changes && changed) {
		return
	}
	// An ID the spec gave as a number is printed as that number.
	newUser, user := o.userName, o.userSet
	if !user && o.uid != vfs.NoChange {
		newUser, user = strconv.FormatUint(uint64(o.uid), 10), true
	}
	newGroup, group := o.groupName, o.groupSet
	if !group && o.gid != vfs.NoChange {
		newGroup, group = strconv.FormatUint(uint64(o.gid), 10), true
	}
	spec := userGroupStr(newUser, newGroup, user, group)
	q := c.Quote(name)
	if outcome == chownFailed {
		what := "ownership"
		if !user && group {
			what = "group"
		}
		switch {
		case !user && !group:
			fmt.Fprintf(c.Out, "failed to change ownership of %s\n", q)
		case st == nil:
			fmt.Fprintf(c.Out, "failed to change %s of %s to %s\n", what, q, spec)
		default:
			fmt.Fprintf(c.Out, "failed to change %s of %s from %s to %s\n", what, q, c.oldSpec(st, user, group), spec)
		}
		return
	}
	old := c.oldSpec(st, user, group)
	switch {
	case changed && user:
		fmt.Fprintf(c.Out, "changed ownership of %s from %s to %s\n", q, old, spec)
	case changed && group:
		fmt.Fprintf(c.Out, "changed group of %s from %s to %s\n", q, old, spec)
	case changed:
		fmt.Fprintf(c.Out, "no change to ownership of %s\n", q)
	case user:
		fmt.Fprintf(c.Out, "ownership of %s retained as %s\n", q, old)
	case group:
		fmt.Fprintf(c.Out, "group of %s retained as %s\n", q, old)
	default:
		fmt.Fprintf(c.Out, "ownership of %s retained\n", q)
	}
}

// oldSpec names st's owner and group, those of them the spec changes.
func (c *chowner) oldSpec(st *vfs.Statx, user, group bool) string {
	var oldUser, oldGroup string
	if user {
		oldUser = userName(c.Task, st.UID, "")
	}
	if group {
		oldGroup = groupName(c.Task, st.GID, "")
	}
	return userGroupStr(oldUser, oldGroup, user, group)
}

// userGroupStr is user_group_str: "user:group", "user" or "group", for
// those present.
func userGroupStr(user, group string, hasUser, hasGroup bool) string {
	switch {
	case hasUser && hasGroup:
		return user + ":" + group
	case hasUser:
		return user
	}
	return group
}
