// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// switchRootApplet is switch_root(8): an initramfs's last step. The
// mounts of /dev, /proc, /sys and /run move under the new root, the new
// root moves onto / and becomes the root, what the initramfs held is
// deleted (it is memory), and init starts in its place.
func switchRootApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[options] <newrootdir> <init> <args to init>"
	fs.About = "Move the mounts of /dev, /proc, /sys and /run into a new root, make it\nthe root, free the initramfs and run init there."
	fs.InOrder = true
	ops, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	if len(ops) < 2 {
		c.warnf("not enough arguments")
		c.TryHelp()
		return 1
	}
	newroot, init := ops[0], ops[1]
	if !c.switchRoot(newroot) {
		c.warnf("failed. Sorry.")
		return 1
	}
	if err := c.Task.Faccessat(applet.AtCWD, init, linux.X_OK, 0); err != nil {
		c.warnf("cannot access %s: %s", init, applet.ErrText(err))
	}
	// execv: no search of PATH, no /bin/sh for a file of text.
	if _, err := c.Set.Exec(c.Task, init, ops[1:]); err != nil {
		c.warnf("failed to execute %s: %s", init, applet.ErrText(err))
		return 1
	}
	return c.RunProgram(c.Task, init, ops[1:], c.Env, c.Stdin)
}

// switchRoot moves the API filesystems, then the new root, and frees the
// old one; false after a reported failure.
func (c *cmd) switchRoot(newroot string) bool {
	t := c.Task
	rootSt, err := t.Stat(newroot)
	if err != nil {
		c.warnf("stat of %s failed: %s", newroot, applet.ErrText(err))
		return false
	}
	cur, err := t.Stat("/")
	if err != nil {
		c.warnf("stat of %s failed: %s", "/", applet.ErrText(err))
		return false
	}
	for _, m := range []string{"/dev", "/proc", "/sys", "/run"} {
		target := applet.JoinPath(newroot, m[1:])
		if st, err := t.Stat(m); err == nil && st.Dev() == cur.Dev() {
			continue // a plain directory of the old root: nothing to move
		}
		if st, err := t.Stat(target); err != nil || st.Dev() != rootSt.Dev() {
			t.Umount2(m, linux.MNT_DETACH) // nowhere to go (or already there)
			continue
		}
		if err := t.Mount(m, target, "", linux.MS_MOVE, ""); err != nil {
			c.warnf("failed to mount moving %s to %s, forcing unmount", m, target)
			t.Umount2(m, linux.MNT_DETACH)
		}
	}
	if err := t.Chdir(newroot); err != nil {
		c.warnf("failed to change directory to %s: %s", newroot, applet.ErrText(err))
		return false
	}
	old, err := t.Openat(applet.AtCWD, "/", linux.O_RDONLY|linux.O_DIRECTORY|linux.O_CLOEXEC, 0)
	if err != nil {
		c.warnf("cannot open %s: %s", "/", applet.ErrText(err))
		return false
	}
	defer t.Close(old)
	if err := t.Mount(newroot, "/", "", linux.MS_MOVE, ""); err != nil {
		c.warnf("failed to mount moving %s to /: %s", newroot, applet.ErrText(err))
		return false
	}
	if err := t.Chroot("."); err != nil {
		c.warnf("failed to change root: %s", applet.ErrText(err))
		return false
	}
	t.Chdir("/")
	c.freeOldRoot(old)
	return true
}

// freeOldRoot empties the old root if it is an initramfs (ramfs or tmpfs),
// staying on its filesystem.
func (c *cmd) freeOldRoot(fd int) {
	t := c.Task
	var st vfs.Statx
	if err := t.Statx(fd, "", linux.AT_EMPTY_PATH, &st); err != nil {
		return
	}
	fs, err := t.Fstatfs(fd)
	if err != nil || fs.Type != linux.RAMFS_MAGIC && fs.Type != linux.TMPFS_MAGIC {
		c.warnf("old root filesystem is not an initramfs")
		return
	}
	removeTree(t, fd, st.Dev())
}

// removeTree deletes what directory fd holds on device dev, depth first.
func removeTree(t *vfs.Task, fd int, dev uint64) {
	ents, _ := applet.ReadDirentsFd(t, fd, false)
	for _, e := range ents {
		var st vfs.Statx
		if t.Statx(fd, e.Name, linux.AT_SYMLINK_NOFOLLOW, &st) != nil || st.Dev() != dev {
			continue
		}
		if applet.IsDir(uint32(st.Mode)) {
			if sub, err := t.Openat(fd, e.Name, linux.O_RDONLY|linux.O_DIRECTORY|linux.O_NOFOLLOW|linux.O_CLOEXEC, 0); err == nil {
				removeTree(t, sub, dev)
				t.Close(sub)
			}
			t.Unlinkat(fd, e.Name, linux.AT_REMOVEDIR)
			continue
		}
		t.Unlinkat(fd, e.Name, 0)
	}
}
