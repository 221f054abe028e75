// SPDX-License-Identifier: Apache-2.0

package lvfs

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// mdevApplet is busybox's mdev with -s: the device nodes of every device
// sysfs lists under /sys/dev are made in /dev, as a system without
// devtmpfs populates /dev at boot. Nodes are root's, mode 0660, made in
// subdirectories when the device's name has them; a node already there
// is left alone. mdev.conf rules and hotplug events (mdev without -s) are
// not supported: it says so.
func mdevApplet(c *applet.Cmd) int {
	if len(c.Args) != 1 || c.Args[0] != "-s" {
		fmt.Fprintln(c.Errw, "mdev: only 'mdev -s' is supported (no hotplug events, no mdev.conf)")
		return 1
	}
	status := 0
	for _, kind := range []string{"block", "char"} {
		dir := "/sys/dev/" + kind
		ents, err := applet.ReadDirents(c.Task, dir)
		if err != nil {
			fmt.Fprintf(c.Errw, "mdev: %s: %s\n", dir, applet.ErrText(err))
			return 1
		}
		for _, e := range ents {
			if err := mdevNode(c, kind == "block", dir+"/"+e.Name); err != nil {
				fmt.Fprintf(c.Errw, "mdev: %s: %s\n", e.Name, applet.ErrText(err))
				status = 1
			}
		}
	}
	return status
}

// mdevNode makes the node of the device whose sysfs directory is dir,
// named and numbered as its uevent says.
func mdevNode(c *applet.Cmd, block bool, dir string) error {
	ev, err := readUevent(c, dir+"/uevent")
	if err != nil {
		return err
	}
	major, err1 := strconv.ParseUint(ev["MAJOR"], 10, 32)
	minor, err2 := strconv.ParseUint(ev["MINOR"], 10, 32)
	name := ev["DEVNAME"]
	if err1 != nil || err2 != nil || name == "" || strings.Contains(name, "..") {
		return linux.EINVAL
	}
	node := "/dev/" + name
	if d := path.Dir(node); d != "/dev" {
		if err := mkdirAll(c, d); err != nil {
			return err
		}
	}
	mode := uint32(linux.S_IFCHR | 0o660)
	if block {
		mode = linux.S_IFBLK | 0o660
	}
	err = c.Task.Mknodat(linux.AT_FDCWD, node, mode, linux.Mkdev(uint32(major), uint32(minor)))
	if err == linux.EEXIST {
		return nil
	}
	if err != nil {
		return err
	}
	return c.Task.Chmod(node, mode&0o7777) // whatever the umask
}

// readUevent reads a sysfs uevent file's KEY=value lines.
func readUevent(c *applet.Cmd, name string) (map[string]string, error) {
	f, err := applet.OpenFile(c.Task, name, linux.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ev := map[string]string{}
	sc := bufio.NewScanner(io.LimitReader(f, 1<<16))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			ev[k] = v
		}
	}
	return ev, nil
}

// mkdirAll makes dir and its missing parents, mode 0755.
func mkdirAll(c *applet.Cmd, dir string) error {
	if dir == "/" || dir == "." {
		return nil
	}
	if err := mkdirAll(c, path.Dir(dir)); err != nil {
		return err
	}
	if err := c.Task.Mkdir(dir, 0o755); err != nil && err != linux.EEXIST {
		return err
	}
	return nil
}
