// SPDX-License-Identifier: Apache-2.0

// Package lvfs holds the programs linuxvfs has that no Linux system does:
// commands that drive the virtual kernel from its inside where real
// hardware or a host would (device adds a device as if a driver had found
// one), and busybox, which runs linuxvfs's programs under busybox's name.
package lvfs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Register adds linuxvfs's own programs to set.
func Register(set *applet.Set) {
	set.Register(deviceApplet, "device")
	set.Register(busyboxApplet, "busybox")
	set.Register(mdevApplet, "mdev")
}

// deviceApplet is device(1) of linuxvfs: add, remove and list devices of
// the kernel's device model, as a driver would (Kernel.DeviceAdd and
// DeviceDel, the calls an embedder makes). devtmpfs makes and removes the
// nodes; the device has no driver, so opening its node fails with ENXIO
// unless one is registered for its number.
func deviceApplet(c *applet.Cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "add [OPTION]... NAME MAJOR:MINOR\n  or:  device del NAME\n  or:  device list"
	fs.About = "Add a device to the virtual kernel, remove one, or list them. Its node\n" +
		"appears in every devtmpfs mount (NAME may have directories: input/event0)."
	var req deviceRequest
	fs.BoolVarP(&req.block, "block", "b", false, "a block device (default: character)")
	fs.StringVarP(&req.mode, "mode", "m", "", "permission bits of the node, octal `MODE` (default 0600)")
	fs.StringVarP(&req.owner, "owner", "o", "", "owner of the node, `UID:GID`")
	fs.StringVarP(&req.class, "class", "c", "", "the device's `CLASS` in sysfs (default: misc, or block)")
	ops, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	if len(ops) == 0 {
		return c.Usage("missing command: add, del or list")
	}
	switch ops[0] {
	case "add":
		return req.add(c, ops[1:])
	case "del":
		return deviceDel(c, ops[1:])
	case "list":
		if len(ops) > 1 {
			return c.ExtraOperand(ops[1])
		}
		return deviceList(c)
	}
	return c.Usage("unknown command %s", applet.Quote(ops[0]))
}

// deviceRequest is what device add's options ask for.
type deviceRequest struct {
	block              bool
	mode, owner, class string
}

func (r deviceRequest) add(c *applet.Cmd, ops []string) int {
	if len(ops) < 2 {
		return c.MissingOperand("")
	}
	if len(ops) > 2 {
		return c.ExtraOperand(ops[2])
	}
	d, err := r.device(ops[0], ops[1])
	if err != nil {
		return c.Usage("%s", err)
	}
	if err := c.Task.Kernel().DeviceAdd(d); err != nil {
		c.Errorf("%s: %s", applet.Quote(ops[0]), applet.ErrText(err))
		return 1
	}
	return 0
}

// device builds the device the options and operands describe.
func (r deviceRequest) device(name, number string) (*vfs.Device, error) {
	d := &vfs.Device{Name: name, Block: r.block, Class: r.class}
	maj, min, ok := strings.Cut(number, ":")
	ma, err1 := strconv.ParseUint(maj, 10, 12)
	mi, err2 := strconv.ParseUint(min, 10, 20)
	if !ok || err1 != nil || err2 != nil {
		return nil, fmt.Errorf("invalid device number %s", applet.Quote(number))
	}
	d.Dev = linux.Mkdev(uint32(ma), uint32(mi))
	if r.mode != "" {
		m, err := strconv.ParseUint(r.mode, 8, 32)
		if err != nil || m > 0o7777 {
			return nil, fmt.Errorf("invalid mode %s", applet.Quote(r.mode))
		}
		d.Mode = uint32(m)
	}
	if r.owner != "" {
		u, g, ok := strings.Cut(r.owner, ":")
		uid, err1 := strconv.ParseUint(u, 10, 32)
		gid, err2 := strconv.ParseUint(g, 10, 32)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("invalid owner %s", applet.Quote(r.owner))
		}
		d.UID, d.GID = uint32(uid), uint32(gid)
	}
	if d.Class == "" {
		d.Class = "misc"
		if d.Block {
			d.Class = "block"
		}
	}
	return d, nil
}

func deviceDel(c *applet.Cmd, ops []string) int {
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	status := 0
	for _, name := range ops {
		if err := c.Task.Kernel().DeviceDel(name); err != nil {
			c.Errorf("%s: %s", applet.Quote(name), applet.ErrText(err))
			status = 1
		}
	}
	return status
}

// deviceList prints the devices, one a line: name, type, number, node
// mode, owner and class.
func deviceList(c *applet.Cmd) int {
	for _, d := range c.Task.Kernel().Devices() {
		typ := "char"
		if d.Block {
			typ = "block"
		}
		fmt.Fprintf(c.Out, "%s %s %d:%d %04o %d:%d %s\n", d.Name, typ,
			linux.Major(d.Dev), linux.Minor(d.Dev), d.NodeMode()&0o7777, d.UID, d.GID, d.Class)
	}
	return 0
}
