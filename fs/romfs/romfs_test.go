// SPDX-License-Identifier: Apache-2.0

package romfs_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/romfs"
	"github.com/linuxvfs/linuxvfs/internal/fswalk"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func cannotMake() string {
	if _, err := exec.LookPath("genromfs"); err != nil {
		return "genromfs not installed"
	}
	if os.Geteuid() != 0 {
		return "making device nodes needs root"
	}
	return ""
}

// buildImage is genromfs over a tree of a file, an executable, a
// directory, a symlink, a hard link, device nodes and a fifo.
func buildImage(t testing.TB) []byte {
	t.Helper()
	root := t.TempDir()
	w := func(name, data string, mode os.FileMode) {
		p := filepath.Join(root, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(data), mode))
	}
	w("dir/hello.txt", "hello\n", 0o600)
	w("run.sh", strings.Repeat("y", 3000), 0o700)
	must(t, os.Link(filepath.Join(root, "dir/hello.txt"), filepath.Join(root, "hard")))
	must(t, os.Symlink("dir/hello.txt", filepath.Join(root, "link")))
	must(t, unix.Mknod(filepath.Join(root, "cdev"), unix.S_IFCHR|0o666, int(unix.Mkdev(4, 5))))
	must(t, unix.Mknod(filepath.Join(root, "bdev"), unix.S_IFBLK|0o666, int(unix.Mkdev(7, 1))))
	must(t, unix.Mkfifo(filepath.Join(root, "fifo"), 0o600))
	out := filepath.Join(t.TempDir(), "img")
	if b, err := exec.Command("genromfs", "-d", root, "-f", out, "-V", "vol").CombinedOutput(); err != nil {
		t.Fatalf("genromfs: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	must(t, err)
	return b
}

func boot(t testing.TB, image []byte) (*vfs.Kernel, *vfs.Task) {
	t.Helper()
	init := testkernel.Boot(t, []vfs.FilesystemType{romfs.Type{}}, "/mnt")
	testkernel.Loop0(t, init, image)
	return init.Kernel(), init
}

// TestTree checks romfs_iget's attributes: permissions fixed by type (644,
// or 755 with the exec bit; 777 links; 600 devices), one link, owner root,
// times zero, the header offset as inode number (a hard link's target's),
// device numbers from spec; the image's own "." and ".." in readdir.
func TestTree(t *testing.T) {
	if r := cannotMake(); r != "" {
		t.Skip(r)
	}
	k, task := boot(t, buildImage(t))
	must(t, task.Mount("/dev/loop0", "/mnt", "romfs", 0, ""))
	for path, mode := range map[string]uint32{
		"/mnt/dir/hello.txt": linux.S_IFREG | 0o644, "/mnt/run.sh": linux.S_IFREG | 0o755,
		"/mnt/dir": linux.S_IFDIR | 0o755, "/mnt/link": linux.S_IFLNK | 0o777,
		"/mnt/cdev": linux.S_IFCHR | 0o600, "/mnt/fifo": linux.S_IFIFO | 0o644,
	} {
		st, err := task.Lstat(path)
		must(t, err)
		if uint32(st.Mode) != mode || st.Nlink != 1 || st.UID != 0 || st.Mtime.Sec != 0 || st.Blksize != 1024 {
			t.Errorf("%s: %+v, want mode %o", path, st, mode)
		}
	}
	a, err := task.Lstat("/mnt/hard")
	must(t, err)
	b, err := task.Lstat("/mnt/dir/hello.txt")
	must(t, err)
	if a.Ino != b.Ino || a.Ino%16 != 0 {
		t.Errorf("hard link inode %d, target %d", a.Ino, b.Ino)
	}
	st, err := task.Lstat("/mnt/bdev")
	must(t, err)
	if st.Rdev() != linux.Mkdev(7, 1) {
		t.Errorf("bdev rdev %x", st.Rdev())
	}
	if got, err := task.Readlink("/mnt/link"); err != nil || got != "dir/hello.txt" {
		t.Errorf("readlink %q %v", got, err)
	}
	fd, err := task.Open("/mnt", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	ents, err := task.Getdents(fd, 0)
	must(t, err)
	task.Close(fd)
	root, err := task.Lstat("/mnt")
	must(t, err)
	if len(ents) < 2 || ents[0].Name != "." || ents[1].Name != ".." || ents[0].Ino != root.Ino {
		t.Errorf("readdir %+v", ents)
	}
	sf, err := task.Statfs("/mnt")
	must(t, err)
	if sf.Type != romfs.Magic || sf.Bsize != 1024 || sf.Namelen != 128 || sf.Blocks == 0 {
		t.Errorf("statfs %+v", sf)
	}
	if !strings.Contains(strings.Join(k.Dmesg(), "\n"), "romfs: Mounting image 'vol' through the block layer") {
		t.Errorf("dmesg %q", k.Dmesg())
	}
	if !strings.Contains(task.Mountinfo(), " /mnt rw,relatime - romfs /dev/loop0 ro\n") {
		t.Errorf("mountinfo:\n%s", task.Mountinfo())
	}
	if err := task.Mkdir("/mnt/x", 0o755); err != linux.EROFS {
		t.Errorf("mkdir: %v", err)
	}
}

// TestBadImages checks the refusals: no magic (EINVAL and the kernel's
// words), a bad checksum, an unknown parameter.
func TestBadImages(t *testing.T) {
	if r := cannotMake(); r != "" {
		t.Skip(r)
	}
	img := buildImage(t)
	img[20] ^= 1
	k, task := boot(t, img)
	if err := task.Mount("/dev/loop0", "/mnt", "romfs", linux.MS_RDONLY, ""); err != linux.EINVAL {
		t.Errorf("bad checksum: %v", err)
	}
	if !strings.Contains(strings.Join(k.Dmesg(), "\n"), "romfs: bad initial checksum on dev loop0.") {
		t.Errorf("dmesg %q", k.Dmesg())
	}
	_, task = boot(t, make([]byte, 4096))
	if err := task.Mount("/dev/loop0", "/mnt", "romfs", linux.MS_RDONLY, ""); err != linux.EINVAL {
		t.Errorf("no romfs: %v", err)
	}
	_, task = boot(t, buildImage(t))
	if err := task.Mount("/dev/loop0", "/mnt", "romfs", linux.MS_RDONLY, "foo"); err != linux.EINVAL {
		t.Errorf("unknown parameter: %v", err)
	}
}

// FuzzRomfsImage mounts arbitrary bytes as romfs and walks the tree: no
// panic, no hang on lists or hard links that loop; only EIO and EINVAL,
// and ENOTDIR for a root that is not a directory (romfs_fill_super takes
// any file header as the root; graft_tree refuses it on a directory).
func FuzzRomfsImage(f *testing.F) {
	if cannotMake() == "" {
		f.Add(bytes.TrimRight(buildImage(f), "\x00"))
	}
	f.Add([]byte("-rom1fs-\x00\x00\x02\x00"))
	f.Fuzz(func(t *testing.T, image []byte) {
		image = append(image, make([]byte, -len(image)&511)...)
		k, task := boot(t, image)
		fswalk.Watchdog(t, 20*time.Second, func() {
			if err := task.Mount("/dev/loop0", "/mnt", "romfs", linux.MS_RDONLY, ""); err != nil {
				if err != linux.EINVAL && err != linux.EIO && err != linux.ENOTDIR {
					t.Fatalf("mount: %v", err)
				}
				return
			}
			w := fswalk.Walker{T: t, Task: task, Budget: 2000, Bytes: 4 << 20,
				Corrupt: []error{linux.EIO}, Gone: []error{linux.ENOENT, linux.ENAMETOOLONG, linux.EIO}}
			w.Dir("/mnt", 0)
			must(t, task.Umount2("/mnt", 0))
		})
		if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
			t.Fatalf("%d openers of the disk after umount", n)
		}
	})
}
