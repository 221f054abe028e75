// SPDX-License-Identifier: Apache-2.0

package fat_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fdPath opens name and returns the path its descriptor shows
// (/proc/self/fd/N): the names of the dentries the lookup reached.
func fdPath(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	p, err := task.FdPath(fd)
	must(t, err)
	return p
}

// TestVfatDcache: vfat's case-insensitive d_compare keeps the spelling
// of the first lookup; a lookup by a file's other name (long name or
// 8.3 alias) moves its dentry to that name, a directory's stays.
func TestVfatDcache(t *testing.T) {
	_, task := boot(t, image(t, 1440))
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	for _, c := range []struct{ open, want string }{
		{"/mnt/README.TXT", "/mnt/README.TXT"},
		{"/mnt/readme.txt", "/mnt/README.TXT"},
		{"/mnt/Readme.Txt..", "/mnt/README.TXT"},
		{"/mnt/AVERYL~1.TEX", "/mnt/AVERYL~1.TEX"},
		{"/mnt/a very long file name with spaces.text", "/mnt/a very long file name with spaces.text"},
		{"/mnt/averyl~1.tex", "/mnt/averyl~1.tex"},
		{"/mnt/AVERYL~1.TEX", "/mnt/averyl~1.tex"},
		{"/mnt/SUB/deep/F", "/mnt/SUB/deep/F"},
		{"/mnt/sub/DEEP/f", "/mnt/SUB/deep/F"},
	} {
		if got := fdPath(t, task, c.open); got != c.want {
			t.Errorf("open %s: fd shows %s, want %s", c.open, got, c.want)
		}
	}
	must(t, task.Umount2("/mnt", 0))
	// check=strict: case counts, trailing dots still do not.
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, "check=s"))
	if got := fdPath(t, task, "/mnt/readme.txt."); got != "/mnt/readme.txt." {
		t.Errorf("strict: %s", got)
	}
	if got := fdPath(t, task, "/mnt/readme.txt"); got != "/mnt/readme.txt." {
		t.Errorf("strict, trailing dot: %s", got)
	}
	if _, err := task.Stat("/mnt/README.TXT"); err != linux.ENOENT {
		t.Errorf("strict, other case: %v", err)
	}
}

// TestMsdosDcache: msdos's d_compare is on the formatted 8.3 name, so
// with dots a name and the name with a leading dot are one name, and the
// first lookup decides for both, a miss included.
func TestMsdosDcache(t *testing.T) {
	_, task := boot(t, hiddenImage(t))
	must(t, task.Mount("/dev/loop0", "/mnt", "msdos", linux.MS_RDONLY, "dots"))
	if got := fdPath(t, task, "/mnt/.readme.txt"); got != "/mnt/.readme.txt" {
		t.Errorf("hidden file: %s", got)
	}
	for _, name := range []string{"/mnt/readme.txt", "/mnt/README.TXT"} {
		if got := fdPath(t, task, name); got != "/mnt/.readme.txt" {
			t.Errorf("%s: fd shows %s", name, got)
		}
	}
	for _, name := range []string{"/mnt/.sub", "/mnt/sub"} {
		if _, err := task.Stat(name); err != linux.ENOENT {
			t.Errorf("%s after a miss: %v", name, err)
		}
	}
	must(t, task.Umount2("/mnt", 0))
	must(t, task.Mount("/dev/loop0", "/mnt", "msdos", linux.MS_RDONLY, "dots"))
	for _, name := range []string{"/mnt/readme.txt", "/mnt/.readme.txt"} {
		if _, err := task.Stat(name); err != linux.ENOENT {
			t.Errorf("%s after a miss: %v", name, err)
		}
	}
	if got := fdPath(t, task, "/mnt/SUB/deep/f"); got != "/mnt/SUB/deep/f" {
		t.Errorf("sub: %s", got)
	}
	if got := fdPath(t, task, "/mnt/sub/DEEP/F"); got != "/mnt/SUB/deep/f" {
		t.Errorf("sub: %s", got)
	}
}

// hiddenImage is the test image with readme.txt hidden.
func hiddenImage(t *testing.T) []byte {
	img := image(t, 1440)
	// The root directory of mkfs.vfat's 1440 KiB image follows the two
	// FATs; find README  TXT there and set ATTR_HIDDEN.
	for off := 0; off+32 <= len(img); off += 32 {
		if string(img[off:off+11]) == "README  TXT" {
			img[off+11] |= 0x02
			return img
		}
	}
	t.Fatal("no README.TXT entry")
	return nil
}
