// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
)

// TestDifferentialMount runs every testdata/diff/mount/*.sh scenario (mount,
// umount, propagation, unshare, pivot_root, findmnt, ...) in the real
// kernel and in linuxvfs, and requires identical stdout, stderr and exit
// status once the mount tables in stdout are normalized (see
// normalizeMounts). The kernel side runs one scenario at a time, alone on
// the machine as far as kerneltest is concerned (kerneltest.RunExclusive).
//
// LINUXVFS_DIFF selects scenarios by a substring of their file name, as for
// TestDifferentialCore. To see what the kernel prints for a scenario, run
//
//	KERNELTEST_DUMP=$PWD/testdata/diff/mount/072-tucking.sh go test -run Dump -v ./internal/kerneltest/
func TestDifferentialMount(t *testing.T) {
	runDifferential(t, filepath.Join("testdata", "diff", "mount"), diffOptions{
		setup:     setupMountNormalizer,
		normalize: normalizeMounts,
		// findmnt's tree orders children by mount ID, and the kernel's
		// IDs depend on what else runs (see kerneltest.RunExclusive).
		exclusive:     true,
		kernelRetries: 4,
	})
}

var (
	kernelNormOnce sync.Once
	kernelNorm     mountinfo.Normalizer
	kernelNormErr  error
)

// setupMountNormalizer prepares the kernel side's normalizer, which hides
// the harness's bind mounts of the host's /usr, /etc, ... (linuxvfs has no
// such mounts).
func setupMountNormalizer() error {
	kernelNormOnce.Do(func() {
		hide, err := kerneltest.Hide()
		kernelNorm, kernelNormErr = mountinfo.Normalizer{Hide: hide, Rewrite: kerneltest.HostDevtmpfs}, err
	})
	return kernelNormErr
}

// normalizeMounts rewrites a scenario's stdout for comparison: every run of
// consecutive mountinfo lines is a table whose mount IDs, peer group IDs
// and anonymous device minors are renumbered in order of first appearance
// (mountinfo.Normalizer.NormalizeOutput); on the kernel side the harness
// binds are dropped first, from mountinfo and /proc/mounts lines alike.
// Stderr and the exit status are compared as they are.
func normalizeMounts(r kerneltest.Result, kernel bool) kerneltest.Result {
	if kernel {
		r.Stdout = kernelNorm.NormalizeOutput(r.Stdout)
	} else {
		r.Stdout = mountinfo.Normalizer{}.NormalizeOutput(r.Stdout)
	}
	return r
}
