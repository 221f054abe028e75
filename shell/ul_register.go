// SPDX-License-Identifier: Apache-2.0

package shell

// The util-linux applets (and coreutils' chroot, which acts on mounts).
func init() {
	if applets == nil {
		applets = map[string]appletFunc{}
	}
	for name, a := range map[string]appletFunc{
		"mount":      ulMountApplet,
		"umount":     ulUmountApplet,
		"findmnt":    ulFindmntApplet,
		"unshare":    ulUnshareApplet,
		"chroot":     ulChrootApplet,
		"pivot_root": ulPivotRootApplet,
		"mountpoint": ulMountpointApplet,
		"dmesg":      ulDmesgApplet,
		"losetup":    ulLosetupApplet,
	} {
		applets[name] = a
	}
}
