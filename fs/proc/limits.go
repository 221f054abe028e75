// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// limitRows names each resource in /proc/<pid>/limits, in the order of
// the RLIMIT_* numbers, with the unit its values are in ("" for none).
var limitRows = [linux.RLIM_NLIMITS]struct{ name, unit string }{
	{"Max cpu time", "seconds"},
	{"Max file size", "bytes"},
	{"Max data size", "bytes"},
	{"Max stack size", "bytes"},
	{"Max core file size", "bytes"},
	{"Max resident set", "bytes"},
	{"Max processes", "processes"},
	{"Max open files", "files"},
	{"Max locked memory", "bytes"},
	{"Max address space", "bytes"},
	{"Max file locks", "locks"},
	{"Max pending signals", "signals"},
	{"Max msgqueue size", "bytes"},
	{"Max nice priority", ""},
	{"Max realtime priority", ""},
	{"Max realtime timeout", "us"},
}

// limitsText is /proc/<pid>/limits (proc_pid_limits): a header, then a
// row per resource in columns of 25, 20, 20 and 10 characters, each
// followed by a space but the last, which is left out for a resource
// with no unit.
func limitsText(rl [linux.RLIM_NLIMITS]linux.Rlimit) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units")
	for i, row := range limitRows {
		fmt.Fprintf(&b, "%-25s %-20s %-20s ", row.name, limitValue(rl[i].Cur), limitValue(rl[i].Max))
		if row.unit != "" {
			fmt.Fprintf(&b, "%-10s", row.unit)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func limitValue(v uint64) string {
	if v == linux.RLIM_INFINITY {
		return "unlimited"
	}
	return strconv.FormatUint(v, 10)
}
