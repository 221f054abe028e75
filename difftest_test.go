// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"path/filepath"
	"testing"
)

// TestDifferentialCore runs every testdata/diff/core/*.sh scenario both in
// the real kernel (internal/kerneltest: bash + GNU coreutils in a throw-away
// mount namespace) and in linuxvfs (RunScript), and requires identical
// stdout, stderr and exit status.
//
// Set LINUXVFS_DIFF to a substring of a scenario's file name to run only the
// matching scenarios, e.g. LINUXVFS_DIFF=symlink go test -run Differential .
func TestDifferentialCore(t *testing.T) {
	runDifferential(t, filepath.Join("testdata", "diff", "core"), diffOptions{})
}
