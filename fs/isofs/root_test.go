// SPDX-License-Identifier: Apache-2.0

package isofs_test

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// smallISO is a genisoimage image of a directory holding the given
// empty files.
func smallISO(t *testing.T, files []string, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath("genisoimage"); err != nil {
		t.Skip("genisoimage not installed")
	}
	tree := t.TempDir()
	for _, f := range files {
		must(t, os.WriteFile(filepath.Join(tree, f), nil, 0o644))
	}
	out := filepath.Join(t.TempDir(), "img.iso")
	if b, err := exec.Command("genisoimage", append(append([]string{"-quiet", "-o", out}, args...), tree)...).CombinedOutput(); err != nil {
		t.Fatalf("genisoimage: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	must(t, err)
	return b
}

// breakPrimaryRoot points the primary volume descriptor's root record
// past the end of the image.
func breakPrimaryRoot(img []byte) []byte {
	img = slices.Clone(img)
	rec := img[16*2048+156:]
	binary.LittleEndian.PutUint32(rec[2:], 1<<20)
	binary.BigEndian.PutUint32(rec[6:], 1<<20)
	return img
}

// TestRootChoice pins which root a mount takes, Rock Ridge's primary or
// Joliet's, and what the kernel log says about the choice.
func TestRootChoice(t *testing.T) {
	files := []string{"Mixed.Case"}
	for _, tc := range []struct {
		what string
		img  []byte
		want string // error or root names, then mount options, then the log
	}{
		{"rock ridge and joliet", smallISO(t, files, "-R", "-J"), "Mixed.Case | ro,nojoliet,check=s,map=n,blocksize=2048,iocharset=utf8 | "},
		{"joliet alone", smallISO(t, files, "-J"), "Mixed.Case | ro,norock,check=r,map=n,blocksize=2048,iocharset=utf8 | ISOFS: changing to secondary root"},
		{"rock ridge alone", smallISO(t, files, "-R"), "Mixed.Case | ro,nojoliet,check=s,map=n,blocksize=2048,iocharset=utf8 | "},
		{"plain", smallISO(t, files), "mixed.cas | ro,nojoliet,check=s,map=n,blocksize=2048,iocharset=utf8 | "},
		{"rock ridge with an empty primary root", smallISO(t, nil, "-R", "-J"),
			" | ro,norock,check=r,map=n,blocksize=2048,iocharset=utf8 | ISOFS: primary root directory is empty. Disabling Rock Ridge and switching to Joliet." +
				"; ISOFS: changing to secondary root"},
		{"primary root unreadable, joliet", breakPrimaryRoot(smallISO(t, files, "-R", "-J")),
			"Mixed.Case | ro,norock,check=r,map=n,blocksize=2048,iocharset=utf8 | ISOFS: unable to read i-node block; ISOFS: root inode is unusable. Disabling Rock Ridge and switching to Joliet." +
				"; ISOFS: changing to secondary root"},
		{"primary root unreadable, no joliet", breakPrimaryRoot(smallISO(t, files, "-R")),
			"error " + linux.EIO.Error()},
	} {
		k, task := boot(t, tc.img)
		got := ""
		if err := task.Mount("/dev/loop0", "/mnt", "iso9660", linux.MS_RDONLY, ""); err != nil {
			got = "error " + err.Error()
		} else {
			var names []string
			for n := range listDir(t, task, "/mnt") {
				names = append(names, n)
			}
			sort.Strings(names)
			opts := ""
			for _, l := range strings.Split(task.Mountinfo(), "\n") {
				if f := strings.Fields(l); len(f) > 5 && f[4] == "/mnt" {
					opts = f[len(f)-1]
				}
			}
			got = strings.Join(names, ",") + " | " + opts + " | "
			var log []string
			for _, l := range k.Dmesg() {
				if strings.Contains(l, "ISOFS") || strings.Contains(l, "isofs") {
					log = append(log, l)
				}
			}
			got += strings.Join(log, "; ")
		}
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.what, got, tc.want)
		}
	}
}
