// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import "github.com/linuxvfs/linuxvfs/userland/applet"

// RegisterAttrs adds chattr and lsattr to set.
func RegisterAttrs(set *applet.Set) {
	set.Register(chattrApplet, "chattr")
	set.Register(lsattrApplet, "lsattr")
}
