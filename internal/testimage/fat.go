// SPDX-License-Identifier: Apache-2.0

package testimage

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// MkfsVfat and Mtools are the tools Fat needs (Debian's dosfstools and
// mtools).
const (
	MkfsVfat = "/usr/sbin/mkfs.vfat"
	Mtools   = "/usr/bin/mtools"
)

// ErrNoMkfsVfat says the tools are missing.
var ErrNoMkfsVfat = errors.New("testimage: mkfs.vfat or mtools not installed")

// Fat returns a FAT image of size KiB made by mkfs.vfat --invariant with
// args, then changed by each step: an mtools command (mcopy, mmd,
// mattrib, mdel, mren, ...) run with "-i image" after its name, in dir
// (so that relative host paths are dir's).
func Fat(dir string, sizeKiB int, args []string, steps ...[]string) ([]byte, error) {
	for _, p := range []string{MkfsVfat, Mtools} {
		if _, err := os.Stat(p); err != nil {
			return nil, ErrNoMkfsVfat
		}
	}
	tmp, err := os.MkdirTemp("", "testimage-fat-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	img := filepath.Join(tmp, "img")
	mk := append([]string{"--invariant", "-C"}, args...)
	mk = append(mk, img, fmt.Sprint(sizeKiB))
	if out, err := exec.Command(MkfsVfat, mk...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("mkfs.vfat %v: %v\n%s", mk, err, out)
	}
	for _, s := range steps {
		cmd := exec.Command(s[0], append([]string{"-i", img}, s[1:]...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "MTOOLS_SKIP_CHECK=1", "TZ=UTC")
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("%v: %v\n%s", s, err, out)
		}
	}
	return os.ReadFile(img)
}
