// SPDX-License-Identifier: Apache-2.0

//go:build linux

// Package hostproc reads the host's process table, for tests that watch
// the processes they start (a FUSE server's watchdog child).
package hostproc

import (
	"bytes"
	"os"
	"strconv"
	"strings"
)

// ChildrenOf lists the host processes whose parent is pid.
func ChildrenOf(pid int) []int {
	var kids []int
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		n, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			kids = append(kids, n)
		}
	}
	return kids
}
