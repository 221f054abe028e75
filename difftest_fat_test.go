// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/testimage"
)

// expandFatImages makes the FAT images a block scenario asks for, as
// expandExtImages does for ext, with directive lines:
//
//	@mkfat PATH SIZE-KIB [MKFS.VFAT-ARGS...]   an image of fatTree, copied in
//	                                          with mcopy -s -m
//	@mtools CMD ARGS...                       an mtools command on it (mattrib,
//	                                          mren, mdel, mmd, ...)
//
// The image is made on the host, where the tools are, and carried to
// both sides as the shell that writes it. A scenario with @mkfat is
// skipped where the tools are missing, and where the host kernel has no
// vfat to compare with (a kernel built without CONFIG_VFAT_FS).
func expandFatImages(script string) (string, error) {
	if !strings.Contains(script, "@mkfat ") {
		return script, nil
	}
	if !hostVfat() {
		return "", nil
	}
	var out []string
	var img *fatImage
	flush := func() error {
		if img == nil {
			return nil
		}
		text, err := img.shell()
		if errors.Is(err, testimage.ErrNoMkfsVfat) {
			return errSkip
		}
		out[img.line] = text
		img = nil
		return err
	}
	for _, line := range strings.Split(script, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "@mkfat":
			if err := flush(); err != nil {
				return skipOr(err)
			}
			if len(f) < 3 {
				return "", fmt.Errorf("%q: want @mkfat PATH SIZE-KIB [ARGS...]", line)
			}
			size, err := strconv.Atoi(f[2])
			if err != nil {
				return "", fmt.Errorf("%q: %v", line, err)
			}
			img = &fatImage{line: len(out), path: f[1], size: size, args: f[3:]}
			out = append(out, "")
		case len(f) > 0 && f[0] == "@mtools":
			if img == nil {
				return "", fmt.Errorf("%q before any @mkfat", line)
			}
			img.steps = append(img.steps, f[1:])
		default:
			out = append(out, line)
		}
	}
	if err := flush(); err != nil {
		return skipOr(err)
	}
	return strings.Join(out, "\n"), nil
}

var errSkip = errors.New("skip")

func skipOr(err error) (string, error) {
	if err == errSkip {
		return "", nil
	}
	return "", err
}

// hostVfat is hostHasVfat, a variable for tests of the expansion.
var hostVfat = hostHasVfat

// hostHasVfat reports whether the host kernel can mount vfat: listed in
// /proc/filesystems, or a module it could load.
func hostHasVfat() bool {
	b, _ := os.ReadFile("/proc/filesystems")
	if strings.Contains(string(b), "\tvfat\n") {
		return true
	}
	rel, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return false
	}
	m, _ := filepath.Glob(filepath.Join("/lib/modules", strings.TrimSpace(string(rel)), "kernel/fs/fat/vfat.ko*"))
	return len(m) > 0
}

// fatImage is one @mkfat directive and the @mtools steps after it.
type fatImage struct {
	line  int
	path  string
	size  int
	args  []string
	steps [][]string
}

// fatTree is the tree every @mkfat image holds: long and short names,
// mixed case, a name in UTF-8, a file of several clusters, one of three
// page-cache folios (zbig.bin, copied in last), subdirectories, each
// with the same mtime.
var fatTree = map[string]string{
	"readme.txt":                   "hello\n",
	"MixedCase.Txt":                "data\n",
	"UPPER.TXT":                    "upper\n",
	"a rather long file name.text": strings.Repeat("0123456789abcdef", 200),
	"run.bat":                      "echo\n",
	"sub/résumé.doc":               "utf\n",
	"sub/deep/f":                   "deep\n",
	"empty":                        "",
	"zbig.bin":                     numberedLines(2000),
}

// numberedLines is n lines of a five-digit number each: "00000\n"...
func numberedLines(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%05d\n", i)
	}
	return b.String()
}

func (e *fatImage) shell() (string, error) {
	dir, err := os.MkdirTemp("", "fat-tree-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	mtime := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	var top []string
	for name, data := range fatTree {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return "", err
		}
		if first, _, _ := strings.Cut(name, "/"); !slices.Contains(top, first) {
			top = append(top, first)
		}
	}
	for _, p := range []string{"sub/deep/f", "sub/résumé.doc", "sub/deep", "sub"} {
		_ = os.Chtimes(filepath.Join(dir, p), mtime, mtime)
	}
	for name := range fatTree {
		_ = os.Chtimes(filepath.Join(dir, name), mtime, mtime)
	}
	slices.Sort(top)
	copyIn := append([]string{"mcopy", "-s", "-m"}, top...)
	steps := append([][]string{append(copyIn, "::/")}, e.steps...)
	img, err := testimage.Fat(dir, e.size, e.args, steps...)
	if err != nil {
		return "", err
	}
	return imageShell(e.path, img), nil
}
