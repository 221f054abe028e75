// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"math/rand"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// lnLink is one link being made: the source as the link will name it,
// the destination (base in dirfd, dst in messages) and what is known of
// the source.
type lnLink struct {
	src, base, dst string
	dirfd          int
	srcStat        *vfs.Statx
	// backup is the name the destination was moved to, relative to dirfd.
	backup string
}

// link makes one link (do_link): try it, and only on failure look closer
// at the source and at the destination in the way (replace it, ask, back
// it up). tried is the result of a first attempt, errNotTried if none
// was made.
func (c *linker) link(src string, dirfd int, base, dst string, tried error) bool {
	o := c.lnOpts
	l := &lnLink{src: src, base: base, dst: dst, dirfd: dirfd}
	err := tried
	if err == errNotTried && !(o.symbolic && o.relative) {
		err = c.makeLink(src, dirfd, base)
	}
	if (err != nil || o.made != nil) && !o.symbolic {
		flags := linux.AT_SYMLINK_NOFOLLOW
		if o.logical {
			flags = 0
		}
		st, serr := c.Task.Fstatat(applet.AtCWD, src, flags)
		if serr != nil {
			c.Errorf("failed to access %s: %s", c.Quote(src), applet.ErrText(serr))
			return false
		}
		l.srcStat = &st
	}
	if err != nil {
		if !o.symbolic && !o.hardDir && applet.IsDir(uint32(l.srcStat.Mode)) {
			c.Errorf("%s: hard link not allowed for directory", c.QuoteName(src))
			return false
		}
		if o.relative {
			l.src = c.relativeSource(src, dst)
		}
		var done, ok bool
		if err, done, ok = c.replace(l, err); done {
			return ok
		}
	}
	if err != nil {
		c.linkError(l.src, dst, err)
		if l.backup != "" {
			if rerr := c.Task.Renameat2(dirfd, l.backup, dirfd, base, 0); rerr != nil {
				c.Errorf("cannot un-backup %s: %s", c.Quote(dst), applet.ErrText(rerr))
			}
		}
		return false
	}
	c.recordMade(l)
	return true
}

// lnReplace deals with a destination in the way of a failed link: with
// -f, -i or backups it checks it may go, asks, backs it up, and makes the
// link over it. done is set when ln is finished with this link, ok then
// telling whether that is a success (a "no" answer is one).
func (c *linker) replace(l *lnLink, err error) (_ error, done, ok bool) {
	o := c.lnOpts
	force := o.force || o.ask || o.backup != noBackups
	if force {
		dt, derr := c.Task.Fstatat(l.dirfd, l.base, linux.AT_SYMLINK_NOFOLLOW)
		switch {
		case derr != nil && !errors.Is(derr, linux.ENOENT):
			c.Errorf("failed to access %s: %s", c.Quote(l.dst), applet.ErrText(derr))
			return err, true, false
		case derr != nil:
			force = false
		case !c.mayReplace(l, &dt):
			return err, true, false
		case err == errNotTried || errors.Is(err, linux.EEXIST):
			if o.ask && !c.Ask("replace %s? ", c.Quote(l.dst)) {
				return err, true, true
			}
			if o.backup != noBackups {
				name := c.backupName(l.dirfd, l.base, o.backup, o.suffix)
				berr := c.Task.Renameat2(l.dirfd, l.base, l.dirfd, name, 0)
				switch {
				case berr == nil:
					l.backup = name
				case !errors.Is(berr, linux.ENOENT):
					c.Errorf("cannot backup %s: %s", c.Quote(l.dst), applet.ErrText(berr))
					return err, true, false
				default:
					force = false
				}
			}
		}
	}
	if err == errNotTried {
		err = c.makeLink(l.src, l.dirfd, l.base)
	}
	if force && errors.Is(err, linux.EEXIST) {
		err = c.replaceLink(l.src, l.dirfd, l.base)
	}
	return err, false, false
}

// lnMayReplace checks the destination dt that a link would replace: no
// directory, no link this ln just made, and not the source itself (for
// hard links when backing up, else with -f). It reports a refusal.
func (c *linker) mayReplace(l *lnLink, dt *vfs.Statx) bool {
	o := c.lnOpts
	if applet.IsDir(uint32(dt.Mode)) {
		c.Errorf("%s: cannot overwrite directory", c.QuoteName(l.dst))
		return false
	}
	if id, ok := o.made[l.dst]; ok && id == [2]uint64{dt.Dev(), dt.Ino} {
		c.Errorf("will not overwrite just-created %s with %s", c.Quote(l.dst), c.Quote(l.src))
		return false
	}
	check := o.force
	if o.backup != noBackups {
		check = !o.symbolic
	}
	if !check {
		return true
	}
	if l.srcStat == nil {
		if st, err := c.Task.Stat(l.src); err == nil {
			l.srcStat = &st
		}
	}
	if s := l.srcStat; s != nil && s.Dev() == dt.Dev() && s.Ino == dt.Ino &&
		(s.Nlink == 1 || c.sameName(l.src, l.dirfd, l.base)) {
		c.Errorf("%s and %s are the same file", c.Quote(l.src), c.Quote(l.dst))
		return false
	}
	return true
}

// linkMade records a hard link made into a target directory and prints
// -v's line: "BACKUP ~ DEST => SOURCE" (-> for a symbolic link).
func (c *linker) recordMade(l *lnLink) {
	o := c.lnOpts
	if o.made != nil && !o.symbolic {
		o.made[l.dst] = [2]uint64{l.srcStat.Dev(), l.srcStat.Ino}
	}
	if !o.verbose {
		return
	}
	if l.backup != "" {
		// The backup's name as the destination is shown: with its
		// directory in front when it was made inside a target directory.
		c.Out.WriteString(c.Quote(l.dst[:len(l.dst)-len(l.base)]+l.backup) + " ~ ")
	}
	arrow := " => "
	if o.symbolic {
		arrow = " -> "
	}
	c.Out.WriteString(c.Quote(l.dst) + arrow + c.Quote(l.src) + "\n")
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

func (c *linker) makeLink(src string, dirfd int, dst string) error {
	o := c.lnOpts
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
func (c *linker) replaceLink(src string, dirfd int, dst string) error {
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
		err := c.makeLink(src, dirfd, tmp)
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
func (c *linker) linkError(src, dst string, err error) {
	o := c.lnOpts
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
