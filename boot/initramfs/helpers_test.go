// SPDX-License-Identifier: Apache-2.0

package initramfs_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// clockTime is the virtual kernel's clock in these tests: a file whose
// mtime the unpacking did not set has it.
var clockTime = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// newRootfs returns a fresh kernel's init, in rootfs's root, as the
// kernel's unpacking worker sees it.
func newRootfs(t testing.TB) *vfs.Task {
	t.Helper()
	k := vfs.NewKernel()
	k.SetClock(func() time.Time { return clockTime })
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		t.Fatal(err)
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(task.Exit)
	return task
}

// node is what a tree comparison looks at for one name.
type node struct {
	Mode   uint32 // type and permission bits
	UID    uint32
	GID    uint32
	Nlink  uint32
	Size   int64 // -1 for directories (filesystems size them differently)
	Mtime  int64
	Rdev   string
	Target string // a symlink's
	Data   string // a regular file's contents, or their SHA-256 if long
}

func (n node) String() string {
	return fmt.Sprintf("mode=%07o uid=%d gid=%d nlink=%d size=%d mtime=%d rdev=%s target=%q data=%s",
		n.Mode, n.UID, n.GID, n.Nlink, n.Size, n.Mtime, n.Rdev, n.Target, n.Data)
}

func contents(b []byte) string {
	if len(b) <= 64 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("sha256:%x", sha256.Sum256(b))
}

// vfsTree lists everything under dir in the virtual kernel, by path
// relative to dir ("." for dir itself).
func vfsTree(t testing.TB, task *vfs.Task, dir string) map[string]node {
	t.Helper()
	out := map[string]node{}
	var walk func(rel string)
	walk = func(rel string) {
		p := path.Join(dir, rel)
		st, err := task.Lstat(p)
		if err != nil {
			t.Fatalf("lstat %s: %v", p, err)
		}
		n := node{Mode: uint32(st.Mode), UID: st.UID, GID: st.GID, Nlink: st.Nlink,
			Size: st.Size, Mtime: st.Mtime.Sec}
		switch n.Mode & linux.S_IFMT {
		case linux.S_IFDIR:
			n.Size = -1
		case linux.S_IFLNK:
			n.Target, err = task.Readlink(p)
			if err != nil {
				t.Fatal(err)
			}
		case linux.S_IFREG:
			// A truncate to a huge c_filesize leaves a sparse file; its
			// size is compared and its head stands for the data.
			n.Data = contents(readVfsMax(t, task, p, 1<<20))
		case linux.S_IFCHR, linux.S_IFBLK:
			n.Rdev = fmt.Sprintf("%d:%d", st.RdevMajor, st.RdevMinor)
		}
		out[rel] = n
		if n.Mode&linux.S_IFMT == linux.S_IFDIR {
			for _, name := range readdirVfs(t, task, p) {
				walk(path.Join(rel, name))
			}
		}
	}
	walk(".")
	return out
}

func readVfs(t testing.TB, task *vfs.Task, name string) []byte {
	t.Helper()
	return readVfsMax(t, task, name, -1)
}

// readVfsMax reads at most max bytes of name (all of it when max < 0).
func readVfsMax(t testing.TB, task *vfs.Task, name string, max int) []byte {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer task.Close(fd)
	var out []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := task.Read(fd, buf)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		if n == 0 {
			return out
		}
		out = append(out, buf[:n]...)
		if max >= 0 && len(out) >= max {
			return out[:max]
		}
	}
}

func readdirVfs(t testing.TB, task *vfs.Task, dir string) []string {
	t.Helper()
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	defer task.Close(fd)
	var names []string
	for {
		ents, err := task.Getdents(fd, 1024)
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) == 0 {
			break
		}
		for _, e := range ents {
			if e.Name != "." && e.Name != ".." {
				names = append(names, e.Name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// diffTrees describes how two trees differ; empty when they do not.
func diffTrees(want, got map[string]node, skip func(name string, w, g *node)) string {
	var b strings.Builder
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		w, wok := want[n]
		g, gok := got[n]
		switch {
		case !wok:
			fmt.Fprintf(&b, "extra %s: %v\n", n, g)
		case !gok:
			fmt.Fprintf(&b, "missing %s: %v\n", n, w)
		default:
			if skip != nil {
				skip(n, &w, &g)
			}
			if w != g {
				fmt.Fprintf(&b, "%s:\n  want %v\n  got  %v\n", n, w, g)
			}
		}
	}
	return b.String()
}

// unpack unpacks data into a fresh rootfs and returns the task.
func unpack(t testing.TB, data []byte, opts initramfs.Options) (*vfs.Task, error) {
	t.Helper()
	task := newRootfs(t)
	return task, initramfs.Unpack(task, data, opts)
}

// mustUnpack unpacks data and fails the test on an error.
func mustUnpack(t testing.TB, data []byte) *vfs.Task {
	t.Helper()
	task, err := unpack(t, data, initramfs.Options{})
	if err != nil {
		t.Fatalf("Unpack: %v", err)
	}
	return task
}

// wantMsg checks that err carries the kernel's message msg.
func wantMsg(t testing.TB, err error, msg string) {
	t.Helper()
	var e *initramfs.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want %q", err, err, msg)
	}
	if e.Msg != msg {
		t.Fatalf("message %q, want %q", e.Msg, msg)
	}
}

// archive builds a newc archive from entries, with a trailer.
func archive(entries ...initramfs.Entry) []byte {
	var b bytes.Buffer
	w := initramfs.NewWriter(&b, false)
	for _, e := range entries {
		if err := w.WriteEntry(e); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// compressWith runs a host compressor over data.
func compressWith(t testing.TB, data []byte, argv ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath(argv[0]); err != nil {
		t.Skipf("%s not installed: %v", argv[0], err)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(data)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\n%s", argv, err, errb.String())
	}
	return out.Bytes()
}

// compressors are the host commands making each kind of segment the
// kernel reads.
var compressors = map[string][]string{
	"gzip":  {"gzip", "-c", "-n"},
	"bzip2": {"bzip2", "-c"},
	"xz":    {"xz", "--check=crc32", "-c"},
	"lz4":   {"lz4", "-l", "-c"},
	"zstd":  {"zstd", "-q", "-c"},
	"lzma":  {"lzma", "-c"},
}

func file(name string, mode uint32, data string) initramfs.Entry {
	return initramfs.Entry{Name: name, Mode: linux.S_IFREG | mode, Data: []byte(data), Mtime: 1000}
}

func dir(name string, mode uint32) initramfs.Entry {
	return initramfs.Entry{Name: name, Mode: linux.S_IFDIR | mode, Mtime: 2000}
}

func requireRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root on the host (mknod, chown)")
	}
}
