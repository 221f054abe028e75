// SPDX-License-Identifier: Apache-2.0

// Package dosfstools is linuxvfs's dosfstools 4.2: mkfs.fat (also named
// mkfs.vfat, mkfs.msdos and mkdosfs) and fatlabel (dosfslabel), acting
// on a virtual kernel's files and block devices with the real tools'
// options, output, messages, exit statuses and on-disk bytes.
package dosfstools

import "github.com/linuxvfs/linuxvfs/userland/applet"

// Register adds the dosfstools programs to set.
func Register(set *applet.Set) {
	set.Register(mkfsApplet, "mkfs.fat", "mkfs.vfat", "mkfs.msdos", "mkdosfs")
	set.Register(fatlabelApplet, "fatlabel", "dosfslabel")
}
