// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import "github.com/linuxvfs/linuxvfs/userland/applet"

// RegisterMkfs adds mke2fs (under its mkfs.ext* names too), e2label,
// tune2fs and dumpe2fs to set.
func RegisterMkfs(set *applet.Set) {
	set.Register(mke2fsApplet, "mke2fs", "mkfs.ext2", "mkfs.ext3", "mkfs.ext4")
	set.Register(e2labelApplet, "e2label")
	set.Register(tune2fsApplet, "tune2fs")
	set.Register(dumpe2fsApplet, "dumpe2fs")
}
