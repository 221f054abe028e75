// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// extBenchImage writes 40 directories of 250 empty files each and
// returns an image of it made by mke2fs, its large directories indexed.
func extBenchImage(b *testing.B, fsType string) string {
	b.Helper()
	if _, err := os.Stat(testimage.Mke2fs); err != nil {
		b.Skip(testimage.ErrNoMke2fs)
	}
	src := b.TempDir()
	for d := range 40 {
		dir := filepath.Join(src, fmt.Sprintf("dir%02d", d))
		if err := os.Mkdir(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for f := range 250 {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("file-%03d", f)), nil, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	img, err := testimage.Ext(fsType, src, 64<<20)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "img")
	if err := os.WriteFile(path, img, 0o644); err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command("/usr/sbin/e2fsck", "-fyD", path).CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			b.Fatalf("e2fsck: %v\n%s", err, out)
		}
	}
	return path
}

// BenchmarkExtWalk walks a mounted ext2 or ext4 image of 10,000 files
// (readdir of every directory, lstat of every name), as find does:
// linuxvfs on a loop device over the image file, and the host kernel on
// the same image mounted -o loop,ro (root only). Both walk a tree already
// walked once, so both serve it from their caches.
func BenchmarkExtWalk(b *testing.B) {
	for _, fsType := range []string{"ext2", "ext4"} {
		img := extBenchImage(b, fsType)
		b.Run(fsType+"/linuxvfs", func(b *testing.B) {
			t, err := linuxvfs.Boot()
			if err != nil {
				b.Fatal(err)
			}
			defer t.Exit()
			if err := t.Mkdir("/img", 0o755); err != nil {
				b.Fatal(err)
			}
			data, err := os.ReadFile(img)
			if err != nil {
				b.Fatal(err)
			}
			writeTaskFile(b, t, "/img/x", data)
			mustDo(b, t.Mkdir("/e", 0o755))
			mustDo(b, loopMount(t, "/img/x", "/e", fsType))
			walkTask(b, t, "/e")
			b.ResetTimer()
			for range b.N {
				walkTask(b, t, "/e")
			}
		})
		b.Run(fsType+"/kernel", func(b *testing.B) {
			if os.Geteuid() != 0 {
				b.Skip("mounting an image needs root")
			}
			mnt := b.TempDir()
			if out, err := exec.Command("mount", "-o", "loop,ro", img, mnt).CombinedOutput(); err != nil {
				b.Skipf("mount -o loop: %v %s", err, out)
			}
			defer exec.Command("umount", mnt).Run()
			walkHost(b, mnt)
			b.ResetTimer()
			for range b.N {
				walkHost(b, mnt)
			}
		})
	}
}

func mustDo(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

func writeTaskFile(b *testing.B, t *vfs.Task, name string, data []byte) {
	fd, err := t.Open(name, linux.O_WRONLY|linux.O_CREAT, 0o644)
	mustDo(b, err)
	defer t.Close(fd)
	if _, err := t.Write(fd, data); err != nil {
		b.Fatal(err)
	}
}

// loopMount attaches file to a loop device through /dev/loop-control and
// mounts it read-only, as mount -o loop,ro does.
func loopMount(t *vfs.Task, file, dir, fsType string) error {
	ctl, err := t.Open("/dev/loop-control", linux.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer t.Close(ctl)
	n, err := t.Ioctl(ctl, linux.LOOP_CTL_GET_FREE, nil)
	if err != nil {
		return err
	}
	dev := fmt.Sprintf("/dev/loop%d", n)
	lfd, err := t.Open(dev, linux.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer t.Close(lfd)
	ffd, err := t.Open(file, linux.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer t.Close(ffd)
	if _, err := t.Ioctl(lfd, linux.LOOP_SET_FD, ffd); err != nil {
		return err
	}
	return t.Mount(dev, dir, fsType, linux.MS_RDONLY, "")
}

func walkTask(b *testing.B, t *vfs.Task, dir string) {
	fd, err := t.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	mustDo(b, err)
	ents, err := t.Getdents(fd, 0)
	t.Close(fd)
	mustDo(b, err)
	for _, e := range ents {
		if e.Name == "." || e.Name == ".." {
			continue
		}
		st, err := t.Lstat(dir + "/" + e.Name)
		mustDo(b, err)
		if st.Mode&linux.S_IFMT == linux.S_IFDIR {
			walkTask(b, t, dir+"/"+e.Name)
		}
	}
}

func walkHost(b *testing.B, dir string) {
	f, err := os.Open(dir)
	mustDo(b, err)
	names, err := f.Readdirnames(-1)
	f.Close()
	mustDo(b, err)
	for _, n := range names {
		var st unix.Stat_t
		mustDo(b, unix.Lstat(dir+"/"+n, &st))
		if st.Mode&unix.S_IFMT == unix.S_IFDIR {
			walkHost(b, dir+"/"+n)
		}
	}
}
