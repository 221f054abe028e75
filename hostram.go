// SPDX-License-Identifier: Apache-2.0

package linuxvfs

import "golang.org/x/sys/unix"

// hostRAM is the host's MemTotal, so that tmpfs defaults (half of RAM) and
// "size=50%" agree with the machine's own kernel; 8 GiB where unknown.
// sysinfo(2) gives it in one call (totalram is what /proc/meminfo's
// MemTotal shows), where reading /proc/meminfo cost a file and its
// registration with the runtime's poller at every start.
func hostRAM() uint64 {
	const fallback = 8 << 30
	var si unix.Sysinfo_t
	if err := unix.Sysinfo(&si); err != nil || si.Totalram == 0 {
		return fallback
	}
	unit := uint64(si.Unit)
	if unit == 0 {
		unit = 1
	}
	return uint64(si.Totalram) * unit
}
