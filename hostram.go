// SPDX-License-Identifier: Apache-2.0

package linuxvfs

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// hostRAM is the host's MemTotal, so that tmpfs defaults (half of RAM) and
// "size=50%" agree with the machine's own kernel; 8 GiB where unknown.
func hostRAM() uint64 {
	const fallback = 8 << 30
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return fallback
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			if kb, err := strconv.ParseUint(fields[1], 10, 64); err == nil {
				return kb << 10
			}
		}
	}
	return fallback
}
