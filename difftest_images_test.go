// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// expandBlockImages is the block scenarios' expansion: the ext images
// (expandExtImages), the FAT ones (expandFatImages), then the images
// made by other tools; an expansion that needs what the machine lacks
// skips the scenario.
func expandBlockImages(script string) (string, error) {
	for _, expand := range []func(string) (string, error){expandExtImages, expandFatImages, expandToolImages} {
		var err error
		if script, err = expand(script); script == "" || err != nil {
			return script, err
		}
	}
	return script, nil
}

// expandToolImages makes the images a scenario asks for with lines
//
//	@mkimg PATH SIZE COMMAND...
//
// COMMAND runs under the host's bash with $IMG, a file of SIZE bytes
// (SIZE "-": no file), and $TREE, a small directory tree to put in it
// (a file, a subdirectory with a file, a symlink). The line becomes shell
// that writes the same bytes at PATH on either side (imageShell), so
// blkid and lsblk look at the very same image there. A command that is
// not installed (status 127) skips the scenario.
func expandToolImages(script string) (string, error) {
	if !strings.Contains(script, "@mkimg ") {
		return script, nil
	}
	dir, err := os.MkdirTemp("", "blkimg-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	tree := filepath.Join(dir, "tree")
	if err := makeSmallTree(tree); err != nil {
		return "", err
	}
	var out []string
	for i, line := range strings.Split(script, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "@mkimg" {
			out = append(out, line)
			continue
		}
		if len(f) < 4 {
			return "", fmt.Errorf("%q: want @mkimg PATH SIZE COMMAND...", line)
		}
		img := filepath.Join(dir, fmt.Sprintf("img%d", i))
		if f[2] != "-" {
			size, err := parseSize(f[2])
			if err != nil {
				return "", err
			}
			if err := os.WriteFile(img, nil, 0o644); err != nil {
				return "", err
			}
			if err := os.Truncate(img, size); err != nil {
				return "", err
			}
		}
		command := strings.Join(f[3:], " ")
		cmd := exec.Command("bash", "-c", command)
		cmd.Env = append(os.Environ(), "IMG="+img, "TREE="+tree, "LC_ALL=C")
		if msg, err := cmd.CombinedOutput(); err != nil {
			var exit *exec.ExitError
			if errors.As(err, &exit) && exit.ExitCode() == 127 {
				return "", nil
			}
			return "", fmt.Errorf("%s: %v\n%s", command, err, msg)
		}
		data, err := os.ReadFile(img)
		if err != nil {
			return "", err
		}
		out = append(out, imageShell(f[1], data))
	}
	return strings.Join(out, "\n"), nil
}

// makeSmallTree is the tree @mkimg commands may pack.
func makeSmallTree(root string) error {
	if err := os.MkdirAll(filepath.Join(root, "sub"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, "hello"), []byte("hello\n"), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, "sub", "file"), []byte("in sub\n"), 0o600); err != nil {
		return err
	}
	return os.Symlink("hello", filepath.Join(root, "link"))
}
