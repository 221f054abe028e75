// SPDX-License-Identifier: Apache-2.0

package linuxvfs

import (
	"bytes"
	"os"

	"golang.org/x/sys/unix"
)

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

// hostGBPages reports whether the host's CPU has 1 GiB pages (the
// pdpe1gb flag), which the x86-64 kernel then uses for its direct map and
// shows as /proc/meminfo's DirectMap1G.
func hostGBPages() bool {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return false
	}
	for line := range bytes.Lines(info) {
		if bytes.HasPrefix(line, []byte("flags")) {
			return bytes.Contains(line, []byte(" pdpe1gb"))
		}
	}
	return false
}
