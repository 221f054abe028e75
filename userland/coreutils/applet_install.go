// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// installer is one install(1) command: copies (or directories) made with
// a mode (0755 unless -m), an owner and a group.
type installer struct {
	*cmd
	mode             uint32
	uid, gid         uint32
	dirs, leading    bool
	verbose, noTgt   bool
	keepTimes        bool
	target           string
	ownerSet, grpSet bool
	created          justCreated
}

// installApplet is install(1).
func installApplet(cmd *cmd) int {
	c := &installer{cmd: cmd, mode: 0o755, created: justCreated{}}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [-T] SOURCE DEST\n  or:  install [OPTION]... SOURCE... DIRECTORY\n  or:  install [OPTION]... -t DIRECTORY SOURCE...\n  or:  install [OPTION]... -d DIRECTORY..."
	fs.About = "Copy SOURCE to DEST or each SOURCE to DIRECTORY, setting modes and owners;\nwith -d, make each DIRECTORY."
	fs.BoolP("compare", "C", false, "(every copy is made)")
	fs.BoolVarP(&c.dirs, "directory", "d", false, "every operand is a directory to make")
	fs.BoolVarP(&c.leading, "D", "D", false, "make DEST's missing parent directories first")
	group := fs.StringP("group", "g", "", "the results' group `GROUP`")
	mode := fs.StringP("mode", "m", "", "the results' mode `MODE`, as chmod takes it (0755)")
	owner := fs.StringP("owner", "o", "", "the results' owner `OWNER`")
	fs.BoolVarP(&c.keepTimes, "preserve-timestamps", "p", false, "keep the sources' access and modification times")
	fs.StringVarP(&c.target, "target-directory", "t", "", "install every SOURCE into DIRECTORY")
	fs.BoolVarP(&c.noTgt, "no-target-directory", "T", false, "DEST is the file to write, even a directory")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "print the name of each created file or directory")
	ops, ok := c.Parse(fs)
	if !ok || !c.settings(fs.Changed("mode"), *mode, *owner, *group) {
		return 1
	}
	if c.dirs {
		if len(ops) == 0 {
			return c.MissingOperand("")
		}
		status := 0
		for _, d := range ops {
			if !c.makeDirs(d, true) {
				status = 1
			}
		}
		return status
	}
	return c.files(ops)
}

// settings reads -m (chmod's syntax, from 0755... as install does from 0),
// -o and -g (names or numbers).
func (c *installer) settings(haveMode bool, mode, owner, group string) bool {
	if haveMode {
		ch, err := applet.ParseMode(mode)
		if err != nil {
			c.Errorf("invalid mode %s", c.Quote(mode))
			return false
		}
		c.mode = ch.Apply(0, false, 0)
	}
	if owner != "" {
		pw, ok := applet.UserByName(c.Task, owner)
		id, numOK := parseNumericID(owner)
		if !ok && !numOK {
			c.Errorf("invalid user %s", c.Quote(owner))
			return false
		}
		c.uid, c.ownerSet = id, true
		if ok {
			c.uid = pw.UID
		}
	}
	if group != "" {
		id, ok := parseGroup(c.Task, group)
		if !ok {
			c.Errorf("invalid group %s", c.Quote(group))
			return false
		}
		c.gid, c.grpSet = id, true
	}
	return true
}

// files is the copying form: SOURCE DEST, or SOURCE... DIRECTORY.
func (c *installer) files(ops []string) int {
	switch {
	case len(ops) == 0:
		c.Errorf("missing file operand")
		c.TryHelp()
		return 1
	case len(ops) == 1 && c.target == "":
		c.Errorf("missing destination file operand after %s", c.Quote(ops[0]))
		c.TryHelp()
		return 1
	}
	dir, srcs := c.target, ops
	if dir != "" {
		// -t DIRECTORY must be one (or, with -D, missing).
		st, err := c.Task.Stat(dir)
		if err == nil && !applet.IsDir(uint32(st.Mode)) {
			err = linux.ENOTDIR
		}
		if err != nil && !(c.leading && errors.Is(err, linux.ENOENT)) {
			c.Errorf("failed to access %s: %s", c.Quote(dir), applet.ErrText(err))
			return 1
		}
	}
	if dir == "" {
		last := ops[len(ops)-1]
		srcs = ops[:len(ops)-1]
		st, err := c.Task.Stat(last)
		isDir := err == nil && applet.IsDir(uint32(st.Mode))
		if c.noTgt || len(srcs) == 1 && !isDir {
			if len(srcs) > 1 {
				return c.ExtraOperand(ops[2])
			}
			return c.one(srcs[0], last)
		}
		if err == nil && !isDir {
			err = linux.ENOTDIR
		}
		if err != nil {
			c.Errorf("target %s: %s", c.Quote(last), applet.ErrText(err))
			return 1
		}
		dir = last
	}
	status := 0
	for _, src := range srcs {
		if c.one(src, applet.JoinPath(dir, baseName(src, ""))) != 0 {
			status = 1
		}
	}
	return status
}

// one installs src as dst: the old dst unlinked, the data copied, then
// owner, group, mode and times set.
func (c *installer) one(src, dst string) int {
	t := c.Task
	st, err := t.Stat(src)
	if err != nil {
		c.Errorf("cannot stat %s: %s", c.Quote(src), applet.ErrText(err))
		return 1
	}
	if applet.IsDir(uint32(st.Mode)) {
		c.Errorf("omitting directory %s", c.Quote(src))
		return 1
	}
	if i := strings.LastIndexByte(dst, '/'); c.leading && i > 0 && !c.makeDirs(dst[:i], false) {
		return 1
	}
	if dt, err := t.Stat(dst); err == nil {
		if dt.Dev() == st.Dev() && dt.Ino == st.Ino {
			c.Errorf("%s and %s are the same file", c.Quote(src), c.Quote(dst))
			return 1
		}
		if applet.IsDir(uint32(dt.Mode)) {
			c.Errorf("cannot overwrite directory %s with non-directory", c.Quote(dst))
			return 1
		}
		if c.created.refuses(c.cmd, src, dst) {
			return 1
		}
		t.Unlink(dst)
	}
	if !c.copyData(src, dst) {
		return 1
	}
	if c.verbose {
		fmt.Fprintf(c.Out, "%s -> %s\n", c.Quote(src), c.Quote(dst))
	}
	if !c.finish(dst) {
		return 1
	}
	if c.keepTimes {
		t.Utimensat(applet.AtCWD, dst, &[2]vfs.Timespec{st.Atime, st.Mtime}, 0)
	}
	c.created.record(t, dst)
	return 0
}

// copyData creates dst and fills it with src's bytes.
func (c *installer) copyData(src, dst string) bool {
	in, err := applet.OpenFile(c.Task, src, linux.O_RDONLY, 0)
	if err != nil {
		c.Errorf("cannot open %s for reading: %s", c.Quote(src), applet.ErrText(err))
		return false
	}
	defer in.Close()
	out, err := applet.OpenFile(c.Task, dst, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, 0o600)
	if err != nil {
		c.Errorf("cannot create regular file %s: %s", c.Quote(dst), applet.ErrText(err))
		return false
	}
	defer out.Close()
	buf := make([]byte, 64<<10)
	for {
		n, rerr := in.Read(buf)
		if n > 0 {
			if _, werr := out.Write(buf[:n]); werr != nil {
				c.Errorf("error writing %s: %s", c.Quote(dst), applet.ErrText(werr))
				return false
			}
		}
		if rerr != nil {
			return true
		}
	}
}

// finish sets the owner, group and mode of something installed.
func (c *installer) finish(name string) bool {
	if c.ownerSet || c.grpSet {
		uid, gid := vfs.NoChange, vfs.NoChange
		if c.ownerSet {
			uid = c.uid
		}
		if c.grpSet {
			gid = c.gid
		}
		if err := c.Task.Chown(name, uid, gid); err != nil {
			c.Errorf("cannot change ownership of %s: %s", c.Quote(name), applet.ErrText(err))
			return false
		}
	}
	if err := c.Task.Chmod(name, c.mode); err != nil {
		c.Errorf("cannot change permissions of %s: %s", c.Quote(name), applet.ErrText(err))
		return false
	}
	return true
}

// makeDirs is mkdir -p for -d and -D, naming each directory made with
// -v; with last, the final one gets the mode, owner and group.
func (c *installer) makeDirs(dir string, last bool) bool {
	if dir == "" {
		if last {
			c.Errorf("cannot create directory %s: %s", c.Quote(dir), applet.ErrText(linux.ENOENT))
		}
		return !last
	}
	parts := strings.Split(dir, "/")
	final := -1 // the component -d makes, the others being ancestors
	if last {
		for i, p := range parts {
			if p != "" && p != "." && p != ".." {
				final = i
			}
		}
	}
	path := ""
	for i, p := range parts {
		if i > 0 {
			path += "/"
		}
		path += p
		if p == "" || p == "." || p == ".." {
			continue
		}
		err := c.Task.Mkdir(path, 0o755)
		switch {
		case err == nil:
			if c.verbose {
				fmt.Fprintf(c.Out, "%s: creating directory %s\n", c.Name, c.Quote(path))
			}
		case i == final:
			return c.settleDir(path, err)
		case errors.Is(err, linux.EEXIST):
			// An ancestor that is no directory cannot be entered.
			if st, serr := c.Task.Stat(path); serr == nil && !applet.IsDir(uint32(st.Mode)) {
				c.Errorf("cannot create directory %s: %s", c.Quote(path), applet.ErrText(linux.ENOTDIR))
				return false
			}
		default:
			c.Errorf("cannot create directory %s: %s", c.Quote(path), applet.ErrText(err))
			return false
		}
	}
	if last {
		return c.finish(dir)
	}
	return true
}

// settleDir is make_dir_parents after mkdir of -d's directory failed
// with mkdirErr: a directory already there only gets the mode, owner and
// group (dirchownmod); anything else is reported, a name that is not
// there for a reason other than a missing parent as a failure to change
// its permissions, as gnulib words it.
func (c *installer) settleDir(path string, mkdirErr error) bool {
	what := "permissions"
	if c.ownerSet || c.grpSet {
		what = "owner and permissions"
	}
	st, err := c.Task.Stat(path)
	switch {
	case errors.Is(mkdirErr, linux.ENOENT), err == nil && !applet.IsDir(uint32(st.Mode)), errors.Is(err, linux.ENOTDIR):
		c.Errorf("cannot create directory %s: %s", c.Quote(path), applet.ErrText(mkdirErr))
		return false
	case err != nil:
		c.Errorf("cannot change %s of %s: %s", what, c.Quote(path), applet.ErrText(err))
		return false
	}
	uid, gid := vfs.NoChange, vfs.NoChange
	if c.ownerSet {
		uid = c.uid
	}
	if c.grpSet {
		gid = c.gid
	}
	if uid != vfs.NoChange || gid != vfs.NoChange {
		err = c.Task.Chown(path, uid, gid)
	}
	if err == nil && uint32(st.Mode)&applet.ModeBits != c.mode {
		err = c.Task.Chmod(path, c.mode)
	}
	if err != nil {
		c.Errorf("cannot change %s of %s: %s", what, c.Quote(path), applet.ErrText(err))
		return false
	}
	return true
}
