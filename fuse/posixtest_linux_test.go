// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"sort"
	"testing"

	"github.com/hanwen/go-fuse/v2/posixtest"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// posixSuiteSkips are the suite's tests that a host tmpfs fails too, with
// the reason: they check go-fuse's loopback rather than POSIX.
var posixSuiteSkips = map[string]string{
	// POSIX record locks belong to the process: a second F_SETLK of the
	// same process on another descriptor succeeds (it does on a host
	// tmpfs); the export leaves locks to the host kernel.
	"FcntlFlockLocksFile": "expects EAGAIN from the same process's second lock, which Linux grants (checked on a host tmpfs)",
}

// TestPosixSuite runs go-fuse's own POSIX conformance tests (the ones its
// loopback filesystem passes) against an export of a tmpfs of the
// virtual system, each in a fresh export.
func TestPosixSuite(t *testing.T) {
	canMount(t)
	names := make([]string, 0, len(posixtest.All))
	for name := range posixtest.All {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if why := posixSuiteSkips[name]; why != "" {
				t.Skip(why)
			}
			mp, _, _ := export(t, "/tmp", func(task *vfs.Task) {})
			posixtest.All[name](t, mp)
		})
	}
}
