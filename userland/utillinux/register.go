// SPDX-License-Identifier: Apache-2.0

// Package utillinux is linuxvfs's util-linux 2.38: mount, umount,
// findmnt, losetup, lsblk, blkid, unshare, nsenter, setpriv, pivot_root, mountpoint, dmesg, namei,
// mkswap, swapon, swapoff, wipefs, mkfs, ipcs, ipcmk, ipcrm, lsipc, setsid (and coreutils' chroot, which belongs
// with them), acting on a virtual kernel's task with
// the real tools' options, output, messages and exit statuses.
package utillinux

import "github.com/linuxvfs/linuxvfs/userland/applet"

// cmd is a running util-linux program.
type cmd struct{ *applet.Cmd }

// program is the entry point of one tool.
type program func(c *cmd) int

// programs are the tools this package provides, by name.
var programs = map[string]program{
	"mount": mountApplet, "umount": umountApplet, "findmnt": findmntApplet,
	"unshare": unshareApplet, "chroot": chrootApplet,
	"pivot_root": pivotRootApplet, "fallocate": fallocateApplet, "blockdev": blockdevApplet, "mountpoint": mountpointApplet,
	"dmesg": dmesgApplet, "losetup": losetupApplet, "nsenter": nsenterApplet, "setsid": setsidApplet, "setpriv": setprivApplet,
	"lsblk": lsblkApplet, "rev": revApplet, "blkid": blkidApplet, "switch_root": switchRootApplet,
	"lsns": lsnsApplet, "getopt": getoptApplet, "flock": flockApplet, "column": columnApplet, "hexdump": hexdumpApplet,
	"namei": nameiApplet, "prlimit": prlimitApplet, "mkswap": mkswapApplet, "swapon": swaponApplet,
	"swapoff": swapoffApplet, "wipefs": wipefsApplet, "mkfs": mkfsApplet,
	"ipcs": ipcsApplet, "ipcmk": ipcmkApplet, "ipcrm": ipcrmApplet, "lsipc": lsipcApplet,
}

// Register adds the util-linux programs to set.
func Register(set *applet.Set) {
	for name, p := range programs {
		set.Register(p.run, name)
	}
}

func (p program) run(c *applet.Cmd) int { return p(&cmd{c}) }
