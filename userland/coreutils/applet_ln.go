// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"math/rand"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// lnOpts are ln's parsed options.
type lnOpts struct {
	symbolic, force, noDeref, verbose, logical, relative bool
}

// lnApplet is ln(1).
func lnApplet(c *cmd) int {
	fs := c.FlagSet()
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
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if physical {
		o.logical = false
	}
	if o.relative && !o.symbolic {
		c.Errorf("cannot do --relative without --symbolic")
		return 1
	}
	srcs, dir, dst, linkErr, code := c.lnTargets(ops, &tg, &o)
	if code >= 0 {
		return code
	}
	if dir == "" {
		if !c.link(srcs[0], applet.AtCWD, dst, dst, linkErr, &o) {
			return 1
		}
		return 0
	}
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
	status := 0
	for _, src := range srcs {
		base := strings.TrimRight(lastComponent(src), "/")
		if !c.link(src, dirfd, base, fileNameConcat(dir, base), errNotTried, &o) {
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
func (c *cmd) lnTargets(ops []string, tg *targetOpts, o *lnOpts) (srcs []string, dir, dst string, linkErr error, code int) {
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
			linkErr = c.makeLink(src, applet.AtCWD, ops[1], o)
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

// link makes one link (do_link): try it, and only on failure look closer
// at the source, and with -f replace the destination. base is the
// destination's name in dirfd, dst its name for messages; tried is the
// result of a first attempt, errNotTried if none was made.
func (c *cmd) link(src string, dirfd int, base, dst string, tried error, o *lnOpts) bool {
	err := tried
	if err == errNotTried && !(o.symbolic && o.relative) {
		err = c.makeLink(src, dirfd, base, o)
	}
	var sst vfs.Statx
	haveSrc := false
	if err != nil && !o.symbolic {
		flags := linux.AT_SYMLINK_NOFOLLOW
		if o.logical {
			flags = 0
		}
		st, serr := c.Task.Fstatat(applet.AtCWD, src, flags)
		if serr != nil {
			c.Errorf("failed to access %s: %s", c.Quote(src), applet.ErrText(serr))
			return false
		}
		sst, haveSrc = st, true
		if applet.IsDir(uint32(st.Mode)) {
			c.Errorf("%s: hard link not allowed for directory", c.QuoteName(src))
			return false
		}
	}
	if err != nil {
		if o.relative && o.symbolic {
			src = c.relativeSource(src, dst)
		}
		force := o.force
		if force {
			dt, derr := c.Task.Fstatat(dirfd, base, linux.AT_SYMLINK_NOFOLLOW)
			switch {
			case derr != nil && !errors.Is(derr, linux.ENOENT):
				c.Errorf("failed to access %s: %s", c.Quote(dst), applet.ErrText(derr))
				return false
			case derr != nil:
				force = false
			case applet.IsDir(uint32(dt.Mode)):
				c.Errorf("%s: cannot overwrite directory", c.QuoteName(dst))
				return false
			default:
				if !haveSrc {
					if st, serr := c.Task.Stat(src); serr == nil {
						sst, haveSrc = st, true
					}
				}
				if haveSrc && sst.Dev() == dt.Dev() && sst.Ino == dt.Ino &&
					(sst.Nlink == 1 || c.sameName(src, dirfd, base)) {
					c.Errorf("%s and %s are the same file", c.Quote(src), c.Quote(dst))
					return false
				}
			}
		}
		if err == errNotTried {
			err = c.makeLink(src, dirfd, base, o)
		}
		if force && errors.Is(err, linux.EEXIST) {
			err = c.replaceLink(src, dirfd, base, o)
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
		c.Out.WriteString(c.Quote(dst) + arrow + c.Quote(src) + "\n")
	}
	return true
}

// sameName is gnulib's same_nameat: the same last component in the same
// directory.
func (c *cmd) sameName(src string, dirfd int, base string) bool {
	if strings.TrimRight(lastComponent(src), "/") != strings.TrimRight(lastComponent(base), "/") {
		return false
	}
	a, err := c.Task.Fstatat(applet.AtCWD, dirName(src), linux.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		return false
	}
	b, err := c.Task.Fstatat(dirfd, dirName(base), linux.AT_SYMLINK_NOFOLLOW)
	return err == nil && a.Dev() == b.Dev() && a.Ino == b.Ino
}

// sameNameNoFollow is same_nameat for two names relative to the cwd.
func (c *cmd) sameNameNoFollow(a, b string) bool {
	return c.sameName(a, applet.AtCWD, b)
}

func (c *cmd) makeLink(src string, dirfd int, dst string, o *lnOpts) error {
	if o.symbolic {
		return c.Task.Symlinkat(src, dirfd, dst)
	}
	flags := 0
	if o.logical {
		flags = linux.AT_SYMLINK_FOLLOW
	}
	return c.Task.Linkat(applet.AtCWD, src, dirfd, dst, flags)
}

// replaceLink is gnulib's force_symlinkat/force_linkat: make the link
// under a temporary name next to the destination, then rename it over.
func (c *cmd) replaceLink(src string, dirfd int, dst string, o *lnOpts) error {
	dir := ""
	if i := strings.LastIndexByte(dst, '/'); i >= 0 {
		dir = dst[:i+1]
	}
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for try := 0; ; try++ {
		var b [6]byte
		for i := range b {
			b[i] = letters[rand.Intn(len(letters))]
		}
		tmp := dir + "CuXXXXXX"[:2] + string(b[:])
		err := c.makeLink(src, dirfd, tmp, o)
		if errors.Is(err, linux.EEXIST) && try < 100 {
			continue
		}
		if err != nil {
			return err
		}
		if err := c.Task.Renameat2(dirfd, tmp, dirfd, dst, 0); err != nil {
			c.Task.Unlinkat(dirfd, tmp, 0)
			return err
		}
		// Renaming a hard link onto another link of the same file does
		// nothing and leaves the temporary name.
		if _, err := c.Task.Fstatat(dirfd, tmp, linux.AT_SYMLINK_NOFOLLOW); err == nil {
			c.Task.Unlinkat(dirfd, tmp, 0)
		}
		return nil
	}
}

// linkError words a failed link as coreutils does for each errno.
func (c *cmd) linkError(src, dst string, err error, o *lnOpts) {
	msg := applet.ErrText(err)
	switch {
	case o.symbolic && !errors.Is(err, linux.ENAMETOOLONG) && src != "":
		c.Errorf("failed to create symbolic link %s: %s", c.Quote(dst), msg)
	case o.symbolic:
		c.Errorf("failed to create symbolic link %s -> %s: %s", c.Quote(dst), c.Quote(src), msg)
	case errors.Is(err, linux.EMLINK):
		c.Errorf("failed to create hard link to %s: %s", c.Quote(src), msg)
	case errors.Is(err, linux.EDQUOT), errors.Is(err, linux.EEXIST), errors.Is(err, linux.ENOSPC), errors.Is(err, linux.EROFS):
		c.Errorf("failed to create hard link %s: %s", c.Quote(dst), msg)
	default:
		c.Errorf("failed to create hard link %s => %s: %s", c.Quote(dst), c.Quote(src), msg)
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
