// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

// TestDifferentialBlock runs the testdata/diff/block/*.sh scenarios: loop
// devices, block filesystems (squashfs images the scripts write from
// base64, made by internal/testimage) and superblock sharing between
// mounts of one device. They compare as the mount scenarios do, after
// normalizeLoops: loop devices are machine-wide, so the kernel side may get
// other numbers than loop0, loop1, ... when the host uses some.
func TestDifferentialBlock(t *testing.T) {
	runDifferential(t, filepath.Join("testdata", "diff", "block"), diffOptions{
		setup: setupMountNormalizer,
		normalize: func(r kerneltest.Result, kernel bool) kerneltest.Result {
			return normalizeMounts(normalizeLoops(r), kernel)
		},
		expand: func(script string) (string, error) {
			script, err := expandExtImages(script)
			if err != nil || script == "" {
				return script, err
			}
			return expandFatImages(script)
		},
		exclusive:     true,
		kernelRetries: 2,
	})
}

var (
	loopName  = regexp.MustCompile(`\bloop([0-9]+)\b`)
	loopMajor = regexp.MustCompile(`\b7:([0-9]+)\b`)
	// losetup's "[dev]:ino" shows the backing file's st_dev (decimal, at
	// least four digits); the anonymous device numbers of the kernels differ.
	losetupDev = regexp.MustCompile(`\[[0-9]{4,}\]:`)
)

// normalizeLoops renumbers loop devices (loopN and 7:N, which name the
// same device) in order of first appearance in stdout then stderr.
func normalizeLoops(r kerneltest.Result) kerneltest.Result {
	seen := map[string]int{}
	ordinal := func(n string) int {
		if _, ok := seen[n]; !ok {
			seen[n] = len(seen)
		}
		return seen[n]
	}
	rewrite := func(s string) string {
		s = loopName.ReplaceAllStringFunc(s, func(m string) string {
			return fmt.Sprintf("loop%d", ordinal(loopName.FindStringSubmatch(m)[1]))
		})
		s = loopMajor.ReplaceAllStringFunc(s, func(m string) string {
			return fmt.Sprintf("7:%d", ordinal(loopMajor.FindStringSubmatch(m)[1]))
		})
		return losetupDev.ReplaceAllString(s, "[DEV]:")
	}
	r.Stdout = rewrite(r.Stdout)
	r.Stderr = rewrite(r.Stderr)
	return r
}
