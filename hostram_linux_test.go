// SPDX-License-Identifier: Apache-2.0

package linuxvfs

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestHostRAMIsMemTotal: what sysinfo(2) gives is /proc/meminfo's
// MemTotal, which the kernel's tmpfs sizes derive from.
func TestHostRAMIsMemTotal(t *testing.T) {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		t.Skip(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			if got := hostRAM(); got != kb<<10 {
				t.Errorf("hostRAM() = %d, MemTotal is %d kB (%d)", got, kb, kb<<10)
			}
			return
		}
	}
	t.Skip("no MemTotal in /proc/meminfo")
}
