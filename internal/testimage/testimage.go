// SPDX-License-Identifier: Apache-2.0

// Package testimage makes small filesystem images for tests: the inputs of
// the block-device scenarios, which carry them as base64 text so that a
// script runs the same in the real kernel and in linuxvfs.
package testimage

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/diskfs/go-diskfs/backend/file"
	"github.com/diskfs/go-diskfs/filesystem/squashfs"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Programs adds to files a program file (applet.ProgramImage) in dir for
// each name, as an image's /bin holds its tools, and returns files.
func Programs(files map[string]string, dir string, names ...string) map[string]string {
	for _, n := range names {
		files[strings.TrimSuffix(dir, "/")+"/"+n] = string(applet.ProgramImage(n))
	}
	return files
}

// Squashfs returns a gzip squashfs image, unpadded, holding files: each
// key is a path, a directory if it ends in "/", else a regular file with
// the value as its content (mode 0644, or 0755 when its content starts
// with "#!" or is a program file's, see Programs). Every entry gets mtime,
// so the image depends
// on its arguments only.
func Squashfs(files map[string]string, mtime time.Time) ([]byte, error) {
	dir, err := os.MkdirTemp("", "testimage-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	img := filepath.Join(dir, "img")
	b, err := file.CreateFromPath(img, 16<<20)
	if err != nil {
		return nil, err
	}
	fs, err := squashfs.Create(b, 16<<20, 0, 4096)
	if err != nil {
		return nil, err
	}
	ws := fs.Workspace()
	defer os.RemoveAll(ws) // Finalize forgets it
	if err := populate(ws, files, mtime); err != nil {
		return nil, err
	}
	if err := fs.Finalize(squashfs.FinalizeOptions{NoPad: true}); err != nil {
		return nil, err
	}
	if err := b.Close(); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(img)
	if err != nil {
		return nil, err
	}
	data = trimZeros(data)
	// The superblock's mkfs_time (offset 8) is the time of Finalize.
	binary.LittleEndian.PutUint32(data[8:], uint32(mtime.Unix()))
	return data, nil
}

// populate writes files into the workspace go-diskfs builds the image
// from, then dates everything, deepest first.
func populate(ws string, files map[string]string, mtime time.Time) error {
	paths := []string{ws}
	for name, content := range files {
		p := filepath.Join(ws, strings.TrimSuffix(name, "/"))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		var err error
		if strings.HasSuffix(name, "/") {
			err = os.MkdirAll(p, 0o755)
		} else {
			mode := os.FileMode(0o644)
			if strings.HasPrefix(content, "#!") || strings.HasPrefix(content, "\x7fELF") {
				mode = 0o755
			}
			err = os.WriteFile(p, []byte(content), mode)
			if err == nil {
				err = os.Chmod(p, mode) // whatever the umask
			}
		}
		if err != nil {
			return err
		}
		for q := p; q != ws; q = filepath.Dir(q) {
			paths = append(paths, q)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(paths)))
	for _, p := range paths {
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			return err
		}
	}
	return nil
}

// trimZeros drops the zero bytes after the image (the backing file was
// made larger than needed).
func trimZeros(b []byte) []byte {
	n := len(b)
	for n > 0 && b[n-1] == 0 {
		n--
	}
	return b[:n]
}

// Script returns shell commands that write data to path and then extend
// it to size bytes: runs of zeros become `head -c N /dev/zero`, the rest
// base64 here-documents, so that a scenario carries its image compactly.
func Script(data []byte, path string, size int64) string {
	var b strings.Builder
	redir := ">"
	for len(data) > 0 {
		z := zeroRun(data)
		if z >= 64 {
			fmt.Fprintf(&b, "head -c %d /dev/zero %s %s\n", z, redir, path)
			data = data[z:]
		} else {
			n := 0
			for n < len(data) && zeroRun(data[n:]) < 64 {
				n++
			}
			enc := base64.StdEncoding.EncodeToString(data[:n])
			fmt.Fprintf(&b, "base64 -d %s %s <<'EOF'\n", redir, path)
			for len(enc) > 76 {
				b.WriteString(enc[:76] + "\n")
				enc = enc[76:]
			}
			b.WriteString(enc + "\nEOF\n")
			data = data[n:]
		}
		redir = ">>"
	}
	fmt.Fprintf(&b, "truncate -s %d %s\n", size, path)
	return b.String()
}

func zeroRun(b []byte) int {
	n := 0
	for n < len(b) && b[n] == 0 {
		n++
	}
	return n
}
