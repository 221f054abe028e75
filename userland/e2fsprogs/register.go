// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import "github.com/linuxvfs/linuxvfs/userland/applet"

// RegisterMkfs adds mke2fs (under its mkfs.ext* names too) and e2label to
// set.
func RegisterMkfs(set *applet.Set) {
	set.Register(mke2fsApplet, "mke2fs", "mkfs.ext2", "mkfs.ext3", "mkfs.ext4")
	set.Register(e2labelApplet, "e2label")
}
