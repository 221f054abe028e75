// SPDX-License-Identifier: Apache-2.0

package busybox

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// switchRootSynopsis is busybox switch_root's command line.
const switchRootSynopsis = "[-c CONSOLE_DEV] NEW_ROOT NEW_INIT [ARGS]"

// switchRootApplet is busybox's switch_root. Unlike util-linux's it moves
// no mounts into the new root (an init script moves /dev, /proc and /sys
// itself first, or the new init mounts them again): it checks that
// NEW_ROOT is a filesystem of its own, that it runs as pid 1, that /init
// is a regular file and that / is a ramfs or tmpfs; then it deletes the
// initramfs's files (staying on its filesystem), moves NEW_ROOT onto /,
// makes it the root, with -c opens CONSOLE_DEV as the standard streams,
// and runs NEW_INIT in its own place.
func switchRootApplet(c *applet.Cmd) int {
	opts, operands, ok := getopt(c, c.Args, "c:", true)
	if !ok || len(operands) < 2 {
		return usage(c, switchRootSynopsis)
	}
	console := ""
	for _, o := range opts {
		console = o.arg
	}
	t := c.Task
	newroot := operands[0]
	if err := t.Chdir(newroot); err != nil {
		return fail(c, "can't change directory to '%s': %s", newroot, applet.ErrText(err))
	}
	root, err := t.Stat("/")
	if err != nil {
		return fail(c, "can't stat '/': %s", applet.ErrText(err))
	}
	if here, err := t.Stat("."); err != nil || here.Dev() == root.Dev() || t.Getpid() != 1 {
		return usage(c, switchRootSynopsis)
	}
	if st, err := t.Stat("/init"); err != nil || !applet.IsReg(uint32(st.Mode)) {
		return fail(c, "'%s' is not a regular file", "/init")
	}
	if fs, err := t.Statfs("/"); err != nil || fs.Type != linux.RAMFS_MAGIC && fs.Type != linux.TMPFS_MAGIC {
		return fail(c, "root filesystem is not ramfs/tmpfs")
	}
	emptyInitramfs(t, "/", root.Dev())
	if err := t.Mount(".", "/", "", linux.MS_MOVE, ""); err != nil {
		return fail(c, "error moving root: %s", applet.ErrText(err))
	}
	if err := t.Chroot("."); err != nil {
		return fail(c, "can't change root directory to '.': %s", applet.ErrText(err))
	}
	t.Chdir("/")
	if console != "" {
		openConsole(c, console)
	}
	// execv: no search of PATH; a bare name is relative to the new root.
	initArgv := operands[1:]
	init := initArgv[0]
	if !strings.Contains(init, "/") {
		init = "./" + init
	}
	if _, err := c.Set.Exec(t, init, initArgv); err != nil {
		return fail(c, "can't execute '%s': %s", initArgv[0], applet.ErrText(err))
	}
	return c.RunProgram(t, init, initArgv, c.Env, c.Stdin)
}

// emptyInitramfs deletes every file under name on device dev, staying off
// whatever is mounted (another device). The directories stay: busybox
// since 1.34 (its switch to iterate_on_dir) no longer removes them.
func emptyInitramfs(t *vfs.Task, name string, dev uint64) {
	st, err := t.Lstat(name)
	if err != nil || st.Dev() != dev {
		return
	}
	if !applet.IsDir(uint32(st.Mode)) {
		t.Unlink(name)
		return
	}
	ents, _ := applet.ReadDirents(t, name)
	for _, e := range ents {
		emptyInitramfs(t, applet.JoinPath(name, e.Name), dev)
	}
}

// openConsole makes the device the standard input, output and error
// (-c), or warns that it cannot be opened.
func openConsole(c *applet.Cmd, console string) {
	t := c.Task
	fd, err := t.Open(console, linux.O_RDWR, 0)
	if err != nil {
		warn(c, "can't open '%s': %s", console, applet.ErrText(err))
		return
	}
	for target := 0; target <= 2; target++ {
		if fd != target {
			t.Dup2(fd, target)
		}
	}
	if fd > 2 {
		t.Close(fd)
	}
}
