// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// chmodOpts are chmod's parsed options.
// chmodder is one chmod command: the program and its settings.
type chmodder struct {
	*cmd
	*chmodOpts
}

// chmodOpts are chmod's settings.
type chmodOpts struct {
	recursive, verbose, changes, quiet bool
	preserveRoot                       bool // refuse -R on /
	ch                                 applet.ModeChange
	umask                              uint32
	// surprises is set for modes written as options ("-w"): coreutils
	// then warns when the umask kept bits from being cleared or set.
	surprises bool
}

// chmodApplet is chmod(1). Command-line symlinks are followed; during -R
// symlinks are skipped, as chmod cannot change a link's own mode.
func chmodApplet(cmd *cmd) int {
	var o chmodOpts
	c := &chmodder{cmd: cmd, chmodOpts: &o}
	args, dashMode := splitDashMode(c.Args)
	c.Args = args
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... MODE[,MODE]... FILE...\n  or:  chmod [OPTION]... OCTAL-MODE FILE...\n  or:  chmod [OPTION]... --reference=RFILE FILE..."
	fs.About = `Set the permission bits of each FILE to MODE (symbolic like u+x,go-w or
octal like 755).`
	fs.BoolVarP(&o.recursive, "recursive", "R", false, "change directories and everything below them")
	// -v and -c set one verbosity: the last one given counts.
	fs.Func("verbose", "v", "report every file handled", func() { o.verbose, o.changes = true, false })
	fs.Func("changes", "c", "report the files whose mode changed", func() { o.verbose, o.changes = false, true })
	fs.BoolVarP(&o.quiet, "silent", "f", false, "say nothing about files that cannot be changed")
	fs.BoolVar(&o.quiet, "quiet", false, "the same as --silent")
	ref := fs.String("reference", "", "give FILEs RFILE's mode")
	fs.Func("preserve-root", "", "refuse to work recursively on /", func() { o.preserveRoot = true })
	fs.Func("no-preserve-root", "", "let -R act on / like any directory (default)", func() { o.preserveRoot = false })
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	modeArg := dashMode
	if modeArg == "" && *ref == "" {
		if len(ops) == 0 {
			return c.MissingOperand("")
		}
		modeArg, ops = ops[0], ops[1:]
	}
	if len(ops) == 0 {
		if modeArg == "" {
			return c.MissingOperand("")
		}
		c.Errorf("missing operand after %s", c.QuoteArg(modeArg))
		c.TryHelp()
		return 1
	}
	o.surprises = dashMode != ""
	if !c.setMode(modeArg, *ref) {
		return 1
	}
	status := 0
	for _, name := range ops {
		if !c.operand(name) {
			status = 1
		}
	}
	return status
}

// splitDashMode pulls out a mode written like an option ("-w", "-x,o-r"),
// which chmod's getopt string accepts.
func splitDashMode(args []string) ([]string, string) {
	var out []string
	mode := ""
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...), mode
		}
		if mode == "" && len(a) > 1 && a[0] == '-' && strings.IndexByte("rwxXstugoa,+=-01234567", a[1]) >= 0 {
			if _, err := applet.ParseMode(a); err == nil {
				mode = a
				continue
			}
		}
		out = append(out, a)
	}
	return out, mode
}

// chmodMode compiles the mode or reads --reference.
func (c *chmodder) setMode(modeArg, ref string) bool {
	o := c.chmodOpts
	o.umask = c.Task.GetUmask()
	if ref != "" {
		st, err := c.Task.Stat(ref)
		if err != nil {
			c.Errorf("failed to get attributes of %s: %s", c.Quote(ref), applet.ErrText(err))
			return false
		}
		o.ch = applet.SetMode(uint32(st.Mode))
		return true
	}
	ch, err := applet.ParseMode(modeArg)
	if err != nil {
		c.Errorf("invalid mode: %s", c.QuoteArg(modeArg))
		c.TryHelp()
		return false
	}
	o.ch = ch
	return true
}

// chmodOperand changes one command-line file, then its tree with -R.
func (c *chmodder) operand(name string) bool {
	name = ftsTrim(name)
	w := applet.NewDirWalk(c.Task)
	defer w.Close()
	return c.one(w, applet.WalkLoc{Path: name, Name: name}, true)
}

// chmodOne changes one file, then its tree with -R. Like fts with
// FTS_COMFOLLOW, command-line symlinks are followed (also into the tree);
// within the tree they are left alone. -v reports every outcome on stdout,
// failures included; -f silences the messages on stderr, not those.
func (c *chmodder) one(w *applet.DirWalk, l applet.WalkLoc, cmdline bool) bool {
	o := c.chmodOpts
	flags := linux.AT_SYMLINK_NOFOLLOW
	if cmdline {
		flags = 0
	}
	st, err := c.Task.Fstatat(w.At(), l.Name, flags)
	if err != nil {
		if cmdline && errors.Is(err, linux.ENOENT) {
			if lst, lerr := c.Task.Fstatat(w.At(), l.Name, linux.AT_SYMLINK_NOFOLLOW); lerr == nil && applet.IsLink(uint32(lst.Mode)) {
				c.complain("cannot operate on dangling symlink %s", c.Quote(l.Path))
				c.verboseLine("%s could not be accessed\n", c.Quote(l.Path))
				return false
			}
		}
		c.complain("cannot access %s: %s", c.Quote(l.Path), applet.ErrText(err))
		c.verboseLine("%s could not be accessed\n", c.Quote(l.Path))
		return false
	}
	if applet.IsLink(uint32(st.Mode)) {
		c.verboseLine("neither symbolic link %s nor referent has been changed\n", c.Quote(l.Path))
		return true
	}
	if cmdline && o.recursive && o.preserveRoot && c.refuseRoot(l.Path) {
		return false
	}
	ok := c.apply(w.At(), l, &st)
	if o.recursive && applet.IsDir(uint32(st.Mode)) {
		ok = c.eachChild(w, l, cmdline, func(child applet.WalkLoc) bool { return c.one(w, child, false) }) && ok
	}
	return ok
}

// complain prints an error unless -f asked for silence.
func (c *chmodder) complain(format string, args ...any) {
	if !c.quiet {
		c.Errorf(format, args...)
	}
}

// verboseLine prints one of -v's lines about a file chmod could not
// change (describe_change: those lines are -v's alone, never -c's).
func (c *chmodder) verboseLine(format string, args ...any) {
	if c.verbose {
		fmt.Fprintf(c.Out, format, args...)
	}
}

// eachChild calls one for every entry of dir (chmod -R, chown -R) with dir
// as the walk's innermost directory, as fts does: a directory it cannot
// read is reported and counts as failed. follow lets a command-line
// symlink lead into the tree.
func (c *cmd) eachChild(w *applet.DirWalk, dir applet.WalkLoc, follow bool, one func(l applet.WalkLoc) bool) bool {
	ents, err := w.Enter(dir, follow)
	if err != nil {
		c.Errorf("cannot read directory %s: %s", c.Quote(dir.Path), applet.ErrText(err))
		return false
	}
	ok := true
	for _, e := range ents {
		if c.Cancelled() {
			return false
		}
		ok = one(dir.Child(e.Name)) && ok
	}
	if err := w.Leave(); err != nil {
		c.Errorf("%s: %s", c.Quote(dir.Path), applet.ErrText(err))
		return false
	}
	return ok
}

// chmodApply computes and sets the new mode, reporting as -v/-c ask and
// warning when the umask kept a requested bit from being set.
func (c *chmodder) apply(dirfd int, l applet.WalkLoc, st *vfs.Statx) bool {
	o := c.chmodOpts
	name := l.Path
	old := uint32(st.Mode)
	dir := applet.IsDir(old)
	newMode := o.ch.Apply(old, dir, o.umask)
	if err := c.Task.Fchmodat(dirfd, l.Name, newMode, 0); err != nil {
		c.complain("changing permissions of %s: %s", c.Quote(name), applet.ErrText(err))
		c.verboseLine("failed to change mode of %s from %04o (%s) to %04o (%s)\n", c.Quote(name),
			old&applet.ModeBits, applet.ModeString(old)[1:], newMode, applet.ModeString(newMode | old&linux.S_IFMT)[1:])
		return false
	}
	changed := newMode != old&applet.ModeBits
	if o.verbose || (o.changes && changed) {
		c.report(name, old, newMode, changed)
	}
	if naive := o.ch.Apply(old, dir, 0); o.surprises && newMode&^naive != 0 && !o.quiet {
		c.Errorf("%s: new permissions are %s, not %s", c.QuoteName(name),
			applet.ModeString(newMode | linux.S_IFREG)[1:], applet.ModeString(naive | linux.S_IFREG)[1:])
		return false
	}
	return true
}

func (c *chmodder) report(name string, old, newMode uint32, changed bool) {
	typ := old & linux.S_IFMT
	if changed {
		fmt.Fprintf(c.Out, "mode of %s changed from %04o (%s) to %04o (%s)\n", c.Quote(name),
			old&applet.ModeBits, applet.ModeString(old)[1:], newMode, applet.ModeString(newMode | typ)[1:])
		return
	}
	fmt.Fprintf(c.Out, "mode of %s retained as %04o (%s)\n", c.Quote(name), newMode, applet.ModeString(newMode | typ)[1:])
}
