// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import "github.com/linuxvfs/linuxvfs/userland/applet"

// Register adds mke2fs (under its mkfs.ext* names too) and e2label to
// set.
func Register(set *applet.Set) {
	set.Register(mke2fsApplet, "mke2fs", "mkfs.ext2", "mkfs.ext3", "mkfs.ext4")
	set.Register(e2labelApplet, "e2label")
}
