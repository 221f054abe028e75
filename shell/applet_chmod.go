// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// chmodOpts are chmod's parsed options.
type chmodOpts struct {
	recursive, verbose, changes, quiet bool
	ch                                 modeChange
	umask                              uint32
	// surprises is set for modes written as options ("-w"): coreutils
	// then warns when the umask kept bits from being cleared or set.
	surprises bool
}

// chmodApplet is chmod(1). Command-line symlinks are followed; during -R
// symlinks are skipped, as chmod cannot change a link's own mode.
func chmodApplet(c *cmd) int {
	args, dashMode := splitDashMode(c.args)
	c.args = args
	fs := c.flagSet()
	var o chmodOpts
	fs.BoolVarP(&o.recursive, "recursive", "R", false, "recursive")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "verbose")
	fs.BoolVarP(&o.changes, "changes", "c", false, "report changes")
	fs.BoolVarP(&o.quiet, "silent", "f", false, "quiet")
	fs.BoolVar(&o.quiet, "quiet", false, "quiet")
	ref := fs.String("reference", "", "use RFILE's mode")
	fs.Bool("preserve-root", false, "ignored")
	fs.Bool("no-preserve-root", false, "ignored")
	ops, ok := c.parse(fs)
	if !ok {
		return 1
	}
	modeArg := dashMode
	if modeArg == "" && *ref == "" {
		if len(ops) == 0 {
			return c.missingOperand("")
		}
		modeArg, ops = ops[0], ops[1:]
	}
	if len(ops) == 0 {
		if modeArg == "" {
			return c.missingOperand("")
		}
		c.errorf("missing operand after %s", quoteL(modeArg))
		c.tryHelp()
		return 1
	}
	o.surprises = dashMode != ""
	if !c.chmodMode(&o, modeArg, *ref) {
		return 1
	}
	status := 0
	for _, name := range ops {
		if !c.chmodOne(name, &o, true) {
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
			if _, err := parseMode(a); err == nil {
				mode = a
				continue
			}
		}
		out = append(out, a)
	}
	return out, mode
}

// chmodMode compiles the mode or reads --reference.
func (c *cmd) chmodMode(o *chmodOpts, modeArg, ref string) bool {
	o.umask = c.t.GetUmask()
	if ref != "" {
		st, err := c.t.Stat(ref)
		if err != nil {
			c.errorf("failed to get attributes of %s: %s", quote(ref), errText(err))
			return false
		}
		o.ch = modeChange{{op: '=', affected: modeBits, value: uint32(st.Mode) & modeBits, mentioned: modeBits}}
		return true
	}
	ch, err := parseMode(modeArg)
	if err != nil {
		c.errorf("invalid mode: %s", quoteL(modeArg))
		c.tryHelp()
		return false
	}
	o.ch = ch
	return true
}

// chmodOne changes one file, then its tree with -R. Like fts with
// FTS_COMFOLLOW, command-line symlinks are followed (also into the tree);
// within the tree they are skipped.
func (c *cmd) chmodOne(name string, o *chmodOpts, cmdline bool) bool {
	var st vfs.Statx
	var err error
	if cmdline {
		name = ftsTrim(name)
		if st, err = c.t.Stat(name); err != nil {
			if errors.Is(err, linux.ENOENT) {
				if lst, lerr := c.t.Lstat(name); lerr == nil && isLink(uint32(lst.Mode)) {
					c.errorf("cannot operate on dangling symlink %s", quote(name))
					return false
				}
			}
			c.errorf("cannot access %s: %s", quote(name), errText(err))
			return false
		}
	} else {
		if st, err = c.t.Lstat(name); err != nil {
			c.errorf("cannot access %s: %s", quote(name), errText(err))
			return false
		}
		if isLink(uint32(st.Mode)) {
			return true
		}
	}
	ok := c.chmodApply(name, &st, o)
	if o.recursive && isDir(uint32(st.Mode)) {
		ok = c.chmodTree(name, o) && ok
	}
	return ok
}

func (c *cmd) chmodTree(dir string, o *chmodOpts) bool {
	return c.eachChild(dir, func(name string) bool { return c.chmodOne(name, o, false) })
}

// eachChild calls one for every entry of dir (chmod -R, chown -R), as
// fts does: a directory it cannot read is reported and counts as failed.
func (c *cmd) eachChild(dir string, one func(name string) bool) bool {
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
		ok = one(joinPath(dir, e.Name)) && ok
	}
	return ok
}

// chmodApply computes and sets the new mode, reporting as -v/-c ask and
// warning when the umask kept a requested bit from being set.
func (c *cmd) chmodApply(name string, st *vfs.Statx, o *chmodOpts) bool {
	old := uint32(st.Mode)
	dir := isDir(old)
	newMode := o.ch.apply(old, dir, o.umask)
	if err := c.t.Fchmodat(atCWD, name, newMode, 0); err != nil {
		if !o.quiet {
			c.errorf("changing permissions of %s: %s", quote(name), errText(err))
		}
		return false
	}
	changed := newMode != old&modeBits
	if o.verbose || (o.changes && changed) {
		c.chmodReport(name, old, newMode, changed)
	}
	if naive := o.ch.apply(old, dir, 0); o.surprises && newMode&^naive != 0 && !o.quiet {
		c.errorf("%s: new permissions are %s, not %s", quotef(name),
			modeString(newMode | linux.S_IFREG)[1:], modeString(naive | linux.S_IFREG)[1:])
		return false
	}
	return true
}

func (c *cmd) chmodReport(name string, old, newMode uint32, changed bool) {
	typ := old & linux.S_IFMT
	if changed {
		fmt.Fprintf(c.out, "mode of %s changed from %04o (%s) to %04o (%s)\n", quote(name),
			old&modeBits, modeString(old)[1:], newMode, modeString(newMode | typ)[1:])
		return
	}
	fmt.Fprintf(c.out, "mode of %s retained as %04o (%s)\n", quote(name), newMode, modeString(newMode | typ)[1:])
}
