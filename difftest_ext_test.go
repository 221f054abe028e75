// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/testimage"
)

// expandExtImages makes the ext images a block scenario asks for with
// directive lines, and replaces them with shell that writes the same
// image on either side (both then mount the very same bytes):
//
//	@mkext PATH TYPE SIZE TREE [MKE2FS-ARGS...]
//	                                          an image of testimage.ExtTree
//	                                          (TREE "full") or ExtTreeSmall
//	@debugfs REQUEST                          debugfs -w -R REQUEST on it
//	@e2fsck ARGS...                           e2fsck ARGS on it (-fyD indexes
//	                                          the large directories)
//
// The directives after an @mkext apply to its image; the shell that
// writes it takes the place of the @mkext line. Without mke2fs the
// scenario is skipped. The kernel side gets the script as one argument
// of bash -c, which may not exceed 128 KiB (MAX_ARG_STRLEN): images that
// mean to be carried are small or mostly zeros.
func expandExtImages(script string) (string, error) {
	if !strings.Contains(script, "@mkext ") {
		return script, nil
	}
	if _, err := os.Stat(testimage.Mke2fs); err != nil {
		return "", nil
	}
	var out []string
	img := (*extImage)(nil)
	flush := func() error {
		if img == nil {
			return nil
		}
		text, err := img.shell()
		out[img.line] = text
		img = nil
		return err
	}
	for _, line := range strings.Split(script, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "@mkext":
			if err := flush(); err != nil {
				return "", err
			}
			if len(f) < 5 || f[4] != "full" && f[4] != "small" {
				return "", fmt.Errorf("%q: want @mkext PATH TYPE SIZE full|small [ARGS...]", line)
			}
			img = &extImage{line: len(out), path: f[1], fsType: f[2], size: f[3], small: f[4] == "small", args: f[5:]}
			out = append(out, "")
		case len(f) > 0 && (f[0] == "@debugfs" || f[0] == "@e2fsck"):
			if img == nil {
				return "", fmt.Errorf("%q before any @mkext", line)
			}
			img.steps = append(img.steps, f)
		default:
			out = append(out, line)
		}
	}
	if err := flush(); err != nil {
		return "", err
	}
	return strings.Join(out, "\n"), nil
}

// extImage is one @mkext directive and the steps that follow it.
type extImage struct {
	line               int
	path, fsType, size string
	small              bool
	args               []string
	steps              [][]string
}

// shell makes the image and returns the shell that writes it at path.
func (e *extImage) shell() (string, error) {
	size, err := parseSize(e.size)
	if err != nil {
		return "", err
	}
	tree, err := os.MkdirTemp("", "ext-tree-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tree)
	makeTree := testimage.ExtTree
	if e.small {
		makeTree = testimage.ExtTreeSmall
	}
	if err := makeTree(tree); err != nil {
		return "", err
	}
	img, err := testimage.Ext(e.fsType, tree, size, e.args...)
	if err != nil {
		return "", err
	}
	if img, err = e.runSteps(img); err != nil {
		return "", err
	}
	return imageShell(e.path, img), nil
}

// runSteps applies the @debugfs and @e2fsck steps to the image.
func (e *extImage) runSteps(img []byte) ([]byte, error) {
	if len(e.steps) == 0 {
		return img, nil
	}
	dir, err := os.MkdirTemp("", "ext-img-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "img")
	if err := os.WriteFile(path, img, 0o644); err != nil {
		return nil, err
	}
	for _, s := range e.steps {
		var cmd *exec.Cmd
		if s[0] == "@debugfs" {
			cmd = exec.Command("/usr/sbin/debugfs", "-w", "-R", strings.Join(s[1:], " "), path)
		} else {
			cmd = exec.Command("/usr/sbin/e2fsck", append(s[1:], path)...)
		}
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		// e2fsck exits 1 when it changed the filesystem as asked.
		if err != nil && !(s[0] == "@e2fsck" && errors.As(err, &exit) && exit.ExitCode() == 1) {
			return nil, fmt.Errorf("%s: %v\n%s", strings.Join(s, " "), err, out)
		}
	}
	return os.ReadFile(path)
}

// parseSize reads a size such as 16M or 1024k.
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "k"):
		mult, s = 1<<10, strings.TrimSuffix(s, "k")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n * mult, err
}

// imageShell is shell that makes a file of len(img) bytes at path with
// img's contents: the runs of non-zero 512-byte sectors written in place
// by dd from base64, the rest left a hole.
func imageShell(path string, img []byte) string {
	const sector = 512
	var b strings.Builder
	fmt.Fprintf(&b, "truncate -s %d %s\n", len(img), path)
	nonzero := func(s int) bool {
		for _, c := range img[s*sector : (s+1)*sector] {
			if c != 0 {
				return true
			}
		}
		return false
	}
	sectors := len(img) / sector
	for s := 0; s < sectors; {
		if !nonzero(s) {
			s++
			continue
		}
		last := s
		for last+1 < sectors && nonzero(last+1) {
			last++
		}
		run := img[s*sector : (last+1)*sector]
		fmt.Fprintf(&b, "base64 -d <<'EOF' | dd of=%s bs=%d seek=%d conv=notrunc iflag=fullblock status=none\n", path, sector, s)
		enc := base64.StdEncoding.EncodeToString(run)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\nEOF\n")
		s = last + 1
	}
	return strings.TrimSuffix(b.String(), "\n")
}
