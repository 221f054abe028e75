// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// lnOpts are ln's settings.
type lnOpts struct {
	symbolic, force, ask, noDeref, verbose, logical, relative, hardDir bool
	backup                                                             backupKind
	suffix                                                             string
	// made holds the hard links made so far into a target directory with
	// -f, by name, with the (device, inode) they link to: a later source
	// may not replace one of them.
	made map[string][2]uint64
}

// lnArgs is what the command line leaves for after the options.
type lnArgs struct {
	targets targetOpts
	backups backupArgs
}

// linker is one ln command: the program and its settings.
type linker struct {
	*cmd
	*lnOpts
}

// lnApplet is ln(1).
func lnApplet(cmd *cmd) int {
	var o lnOpts
	var a lnArgs
	c := &linker{cmd: cmd, lnOpts: &o}
	ops, ok := c.Parse(lnFlags(c, &o, &a))
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.missingFileOperand()
	}
	if o.relative && !o.symbolic {
		c.Errorf("cannot do --relative without --symbolic")
		return 1
	}
	srcs, dir, dst, linkErr, code := c.operands(ops, &a.targets)
	if code >= 0 {
		return code
	}
	// The backup settings are read only now, after the first attempt to
	// link: a bad CONTROL fails ln even when that link was made.
	if o.backup, o.suffix, ok = a.backups.settle(c.cmd); !ok {
		return 1
	}
	if dir == "" {
		if !c.link(srcs[0], applet.AtCWD, dst, dst, linkErr) {
			return 1
		}
		return 0
	}
	return c.linkInto(srcs, dir)
}

// lnFlags declares ln's options, the long ones in coreutils' order.
func lnFlags(c *linker, o *lnOpts, a *lnArgs) *applet.FlagSet {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [-T] TARGET LINK_NAME\n  or:  ln [OPTION]... TARGET\n  or:  ln [OPTION]... TARGET... DIRECTORY\n  or:  ln [OPTION]... -t DIRECTORY TARGET..."
	fs.About = `Make LINK_NAME a hard link to TARGET (a symbolic one with -s), or
link each TARGET into DIRECTORY (the current one when only a TARGET is
given). An existing LINK_NAME is an error unless -f, -i or a backup
option says what to do with it. Backups are NAME~ (or the -S suffix,
else SIMPLE_BACKUP_SUFFIX); CONTROL, else VERSION_CONTROL, picks none
(off), simple (never), numbered (t: NAME.~N~) or existing (nil:
numbered for files that have numbered backups already).`
	addBackupFlags(fs, &a.backups)
	fs.Func("directory", "F", "try hard links to directories too (the kernel refuses them)", func() { o.hardDir = true })
	fs.Func("d", "d", "the same as -F", func() { o.hardDir = true })
	fs.BoolVarP(&o.noDeref, "no-dereference", "n", false, "treat a LINK_NAME that is a symlink to a directory as a file")
	fs.BoolVarP(&a.targets.noDir, "no-target-directory", "T", false, "treat LINK_NAME as a name, never as a directory to link into")
	// -f and -i undo each other: the last one given decides.
	fs.Func("force", "f", "replace existing destinations", func() { o.force, o.ask = true, false })
	fs.Func("interactive", "i", "ask before replacing a destination", func() { o.force, o.ask = false, true })
	fs.ArgFunc("target-directory", "t", "link every TARGET into `DIRECTORY`", func(v string) error {
		return c.targetDir(&a.targets, v)
	})
	fs.Func("logical", "L", "link to what a symbolic-link TARGET points to", func() { o.logical = true })
	fs.Func("physical", "P", "hard-link a symbolic-link TARGET itself (the default)", func() { o.logical = false })
	fs.BoolVarP(&o.relative, "relative", "r", false, "with -s, make the link's text relative to where it lies")
	fs.BoolVarP(&o.symbolic, "symbolic", "s", false, "make symbolic links (-L and -P then do nothing)")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "name each link made")
	return fs
}

// lnTargetDir takes -t DIRECTORY, which must be a directory now; a
// second -t is refused.
func (c *linker) targetDir(t *targetOpts, dir string) error {
	if t.dir != "" {
		return errors.New("multiple target directories specified")
	}
	st, err := c.Task.Stat(dir)
	if err != nil {
		return fmt.Errorf("failed to access %s: %s", c.Quote(dir), applet.ErrText(err))
	}
	if !applet.IsDir(uint32(st.Mode)) {
		return fmt.Errorf("target %s is not a directory", c.Quote(dir))
	}
	t.dir = dir
	return nil
}

// linkInto links each source into directory dir; with -f and more than
// one hard link to make, the links made are remembered (see lnOpts.made).
func (c *linker) linkInto(srcs []string, dir string) int {
	o := c.lnOpts
	dirfd := applet.AtCWD
	if dir != "." {
		flags := uint32(linux.O_PATH | linux.O_DIRECTORY)
		if o.noDeref {
			flags |= linux.O_NOFOLLOW
		}
		fd, err := c.Task.Openat(applet.AtCWD, dir, flags, 0)
		if err != nil {
			c.Errorf("target %s: %s", c.Quote(dir), applet.ErrText(err))
			return 1
		}
		defer c.Task.Close(fd)
		dirfd = fd
	}
	if len(srcs) >= 2 && o.force && !o.symbolic && o.backup != numberedBackups {
		o.made = map[string][2]uint64{}
	}
	status := 0
	for _, src := range srcs {
		base := strings.TrimRight(lastComponent(src), "/")
		if !c.link(src, dirfd, base, fileNameConcat(dir, base), errNotTried) {
			status = 1
		}
	}
	return status
}

// lnTargets is ln's main: one operand links into "."; with two the link
// is tried first, and only if that fails with EEXIST, ENOTDIR or EINVAL
// is the last operand opened as a directory to link into (not through a
// symbolic link with -n). linkErr is the error of that first attempt,
// errNotTried if none was made.
func (c *linker) operands(ops []string, tg *targetOpts) (srcs []string, dir, dst string, linkErr error, code int) {
	o := c.lnOpts
	switch {
	case tg.dir != "" && tg.noDir:
		c.Errorf("cannot combine --target-directory and --no-target-directory")
		return nil, "", "", nil, 1
	case len(ops) == 0:
		return nil, "", "", nil, c.missingFileOperand()
	case tg.noDir:
		if len(ops) != 2 {
			if len(ops) < 2 {
				return nil, "", "", nil, c.MissingOperand(ops[0])
			}
			return nil, "", "", nil, c.ExtraOperand(ops[2])
		}
		return ops[:1], "", ops[1], errNotTried, -1
	case len(ops) == 1 && tg.dir == "":
		return ops, ".", "", errNotTried, -1
	}
	linkErr = errNotTried
	if len(ops) == 2 && tg.dir == "" {
		src := ops[0]
		if !(o.symbolic && o.relative) {
			linkErr = c.makeLink(src, applet.AtCWD, ops[1])
		}
		if linkErr == nil {
			return ops[:1], "", ops[1], nil, -1
		}
	}
	if linkErr != errNotTried && !errors.Is(linkErr, linux.EEXIST) && !errors.Is(linkErr, linux.ENOTDIR) && !errors.Is(linkErr, linux.EINVAL) {
		return ops[:1], "", ops[1], linkErr, -1
	}
	d := tg.dir
	if d == "" {
		d = ops[len(ops)-1]
	}
	flags := linux.AT_SYMLINK_NOFOLLOW
	if !o.noDeref {
		flags = 0
	}
	st, err := c.Task.Fstatat(applet.AtCWD, d, flags)
	if err == nil && !applet.IsDir(uint32(st.Mode)) {
		err = linux.ENOTDIR
	}
	if err == nil && o.noDeref && applet.IsLink(uint32(st.Mode)) {
		err = linux.ELOOP
	}
	if err == nil {
		if tg.dir == "" {
			ops = ops[:len(ops)-1]
		}
		return ops, d, "", nil, -1
	}
	if len(ops) == 2 && tg.dir == "" {
		return ops[:1], "", ops[1], linkErr, -1
	}
	c.Errorf("target %s: %s", c.Quote(d), applet.ErrText(err))
	return nil, "", "", nil, 1
}

// errNotTried marks a link not attempted yet.
var errNotTried = errors.New("not tried")

// relativeSource is ln -r's convert_abs_rel: src as seen from the
// directory that will hold dst, both canonicalized with missing parts
// allowed; src unchanged if that fails.
func (c *linker) relativeSource(src, dst string) string {
	from, err1 := c.canonicalize(src, canMissing)
	dir, err2 := c.canonicalize(dirName(dst), canMissing)
	if err1 != nil || err2 != nil {
		return src
	}
	return relPath(from, dir)
}

// relPath is the relative name of the absolute name target from the
// absolute directory dir.
func relPath(target, dir string) string {
	t := strings.Split(strings.Trim(target, "/"), "/")
	d := strings.Split(strings.Trim(dir, "/"), "/")
	if dir == "/" {
		d = nil
	}
	if target == "/" {
		t = nil
	}
	i := 0
	for i < len(t) && i < len(d) && t[i] == d[i] {
		i++
	}
	var parts []string
	for range d[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	if len(parts) == 0 {
		return "."
	}
	return strings.Join(parts, "/")
}

// fileNameConcat is gnulib's file_name_concat: dir's trailing slashes
// beyond one dropped, a slash added if needed, then base.
func fileNameConcat(dir, base string) string {
	db := lastComponent(dir)
	dl := len(strings.TrimRight(db, "/"))
	if dl == 0 && db != "" {
		dl = 1
	}
	n := len(dir) - len(db) + dl
	if db == "" {
		n = len(dir) - len(strings.TrimLeft(dir, "/"))
		// "/" or "//": keep as is
		return dir[:n] + base
	}
	if dir[n-1] == '/' || strings.HasPrefix(base, "/") {
		return dir[:n] + base
	}
	return dir[:n] + "/" + base
}
