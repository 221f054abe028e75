package shell

import (
	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// lnOpts are ln's parsed options.
type lnOpts struct {
	symbolic, force, noDeref, verbose, logical, relative bool
}

// lnApplet is ln(1).
func lnApplet(c *cmd) int {
	fs := c.flagSet()
	var o lnOpts
	var tg targetOpts
	var physical bool
	fs.BoolVarP(&o.symbolic, "symbolic", "s", false, "symbolic links")
	fs.BoolVarP(&o.force, "force", "f", false, "remove existing destinations")
	fs.BoolVarP(&o.noDeref, "no-dereference", "n", false, "treat a symlink DEST as a file")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "verbose")
	fs.BoolVarP(&o.logical, "logical", "L", false, "dereference sources")
	fs.BoolVarP(&physical, "physical", "P", false, "do not dereference sources")
	fs.BoolVarP(&o.relative, "relative", "r", false, "symlinks relative to their location")
	fs.BoolP("interactive", "i", false, "ignored: never prompts")
	addTargetFlags(fs, &tg)
	ops, ok := c.parse(fs)
	if !ok {
		return 1
	}
	if physical {
		o.logical = false
	}
	srcs, dir, dst, code := c.lnTargets(ops, &tg, &o)
	if code >= 0 {
		return code
	}
	status := 0
	for _, src := range srcs {
		d := dst
		if dir != "" {
			d = joinPath(dir, strings.TrimRight(lastComponent(src), "/"))
		}
		if !c.link(src, d, &o) {
			status = 1
		}
	}
	return status
}

// lnTargets is targets with ln's twists: one operand links into ".", and
// with -n a symbolic link to a directory is not a directory to link into.
func (c *cmd) lnTargets(ops []string, tg *targetOpts, o *lnOpts) (srcs []string, dir, dst string, code int) {
	if len(ops) == 1 && tg.dir == "" && !tg.noDir {
		return ops, ".", "", -1
	}
	if tg.dir != "" || tg.noDir || len(ops) < 2 || !o.noDeref {
		return c.targets(ops, tg)
	}
	last := ops[len(ops)-1]
	st, err := c.t.Lstat(last)
	if err == nil && isDir(uint32(st.Mode)) {
		return ops[:len(ops)-1], last, "", -1
	}
	if len(ops) > 2 {
		c.errorf("target %s: %s", quote(last), errText(notDirErr(err)))
		return nil, "", "", 1
	}
	return ops[:1], "", last, -1
}

// link makes one link (do_link): try it, and only on failure look closer
// at the source, and with -f replace the destination.
func (c *cmd) link(src, dst string, o *lnOpts) bool {
	if o.relative && o.symbolic {
		src = c.relativeSource(src, dst)
	}
	err := c.makeLink(src, dst, o)
	if err != nil && !o.symbolic {
		flags := linux.AT_SYMLINK_NOFOLLOW
		if o.logical {
			flags = 0
		}
		st, serr := c.t.Fstatat(atCWD, src, flags)
		if serr != nil {
			c.errorf("failed to access %s: %s", quote(src), errText(serr))
			return false
		}
		if isDir(uint32(st.Mode)) {
			c.errorf("%s: hard link not allowed for directory", quotef(src))
			return false
		}
	}
	if err != nil && o.force && errors.Is(err, linux.EEXIST) {
		var done bool
		if done, err = c.replaceLink(src, dst, o); done {
			return false
		}
	}
	if err != nil {
		c.linkError(src, dst, err, o)
		return false
	}
	if o.verbose {
		arrow := " => "
		if o.symbolic {
			arrow = " -> "
		}
		c.out.WriteString(quote(dst) + arrow + quote(src) + "\n")
	}
	return true
}

func (c *cmd) makeLink(src, dst string, o *lnOpts) error {
	if o.symbolic {
		return c.t.Symlinkat(src, atCWD, dst)
	}
	flags := 0
	if o.logical {
		flags = linux.AT_SYMLINK_FOLLOW
	}
	return c.t.Linkat(atCWD, src, atCWD, dst, flags)
}

// replaceLink is ln -f: remove the destination and try again. done means
// a diagnostic was printed already.
func (c *cmd) replaceLink(src, dst string, o *lnOpts) (done bool, err error) {
	dt, err := c.t.Lstat(dst)
	if err != nil {
		return false, c.makeLink(src, dst, o)
	}
	if isDir(uint32(dt.Mode)) {
		c.errorf("%s: cannot overwrite directory", quotef(dst))
		return true, nil
	}
	if !o.symbolic {
		if st, err := c.t.Lstat(src); err == nil && st.Dev() == dt.Dev() && st.Ino == dt.Ino {
			c.errorf("%s and %s are the same file", quote(src), quote(dst))
			return true, nil
		}
	}
	if err := c.t.Unlink(dst); err != nil {
		c.errorf("cannot remove %s: %s", quote(dst), errText(err))
		return true, nil
	}
	return false, c.makeLink(src, dst, o)
}

// linkError words a failed link as coreutils does for each errno.
func (c *cmd) linkError(src, dst string, err error, o *lnOpts) {
	msg := errText(err)
	switch {
	case o.symbolic && !errors.Is(err, linux.ENAMETOOLONG) && src != "":
		c.errorf("failed to create symbolic link %s: %s", quote(dst), msg)
	case o.symbolic:
		c.errorf("failed to create symbolic link %s -> %s: %s", quote(dst), quote(src), msg)
	case errors.Is(err, linux.EMLINK):
		c.errorf("failed to create hard link to %s: %s", quote(src), msg)
	case errors.Is(err, linux.EDQUOT), errors.Is(err, linux.EEXIST), errors.Is(err, linux.ENOSPC), errors.Is(err, linux.EROFS):
		c.errorf("failed to create hard link %s: %s", quote(dst), msg)
	default:
		c.errorf("failed to create hard link %s => %s: %s", quote(dst), quote(src), msg)
	}
}

// relativeSource is ln -r's convert_abs_rel: src as seen from the
// directory that will hold dst, both canonicalized with missing parts
// allowed; src unchanged if that fails.
func (c *cmd) relativeSource(src, dst string) string {
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
