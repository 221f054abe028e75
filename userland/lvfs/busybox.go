// SPDX-License-Identifier: Apache-2.0

package lvfs

import (
	"fmt"
	"path"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// busyboxApplet stands in for busybox, the one binary of small images
// whose scripts say "busybox mount ..." or "#!/bin/busybox sh": it runs
// busybox's own applet where linuxvfs has one that behaves as busybox's
// does (package busybox: mount, umount, switch_root), else the program
// of linuxvfs that has the applet's name (GNU coreutils' or util-linux's
// behaviour), as if busybox had run it.
func busyboxApplet(c *applet.Cmd) int {
	if len(c.Args) == 0 || c.Args[0] == "--help" {
		fmt.Fprintf(c.Out, "linuxvfs's busybox: runs linuxvfs's program of that name.\n\nUsage: busybox APPLET [ARGUMENT]...\n   or: busybox --list\n\nApplets:\n%s\n", wrapNames(c.Set.Names()))
		return 0
	}
	if c.Args[0] == "--install" {
		return busyboxInstall(c, c.Args[1:])
	}
	if c.Args[0] == "--list" {
		for _, n := range c.Set.Names() {
			fmt.Fprintln(c.Out, n)
		}
		return 0
	}
	name := c.Args[0]
	if name == "busybox" || !c.Set.Known(name) {
		c.Out.Flush()
		fmt.Fprintf(c.Errw, "%s: applet not found\n", name)
		return 127
	}
	if own := c.Set.BusyboxApplet(name); own != nil {
		// busybox runs its applet in its own process, named for the
		// applet in its messages.
		sub := *c
		sub.Name, sub.Args = name, c.Args[1:]
		if path.Base(c.Argv0) != name {
			sub.Argv0 = name // "busybox NAME": argv[0] is NAME
		}
		return own(&sub)
	}
	return c.RunProgram(c.Task, name, c.Args, c.Env, c.Stdin)
}

// wrapNames lists names comma-separated in lines of at most 70 columns.
func wrapNames(names []string) string {
	var lines []string
	line := "\t"
	for i, n := range names {
		if i < len(names)-1 {
			n += ","
		}
		if len(line)+len(n)+1 > 70 && line != "\t" {
			lines = append(lines, strings.TrimRight(line, " "))
			line = "\t"
		}
		line += n + " "
	}
	return strings.Join(append(lines, strings.TrimRight(line, " ")), "\n")
}

// sbinPrograms are the programs busybox installs in /sbin; the others go
// to /bin.
var sbinPrograms = map[string]bool{
	"blkid": true, "halt": true, "losetup": true, "mdev": true, "poweroff": true,
	"reboot": true, "switch_root": true, "pivot_root": true, "findfs": true,
}

// busyboxInstall is busybox --install [-s] [DIR]: a link to busybox for
// every program, hard or (-s) symbolic, in DIR or the program's usual
// directory; names already there are left alone.
func busyboxInstall(c *applet.Cmd, args []string) int {
	symbolic := len(args) > 0 && args[0] == "-s"
	if symbolic {
		args = args[1:]
	}
	dir := ""
	if len(args) > 0 {
		dir = args[0]
	}
	status := 0
	for _, name := range c.Set.Names() {
		if name == "busybox" {
			continue
		}
		d := dir
		if d == "" {
			d = "/bin"
			if sbinPrograms[name] {
				d = "/sbin"
			}
		}
		dst := strings.TrimRight(d, "/") + "/" + name
		var err error
		if symbolic {
			err = c.Task.Symlink(applet.BusyboxPath, dst)
		} else {
			err = c.Task.Link(applet.BusyboxPath, dst)
		}
		if err != nil && err != linux.EEXIST {
			fmt.Fprintf(c.Errw, "busybox: %s: %s\n", dst, applet.ErrText(err))
			status = 1
		}
	}
	return status
}
