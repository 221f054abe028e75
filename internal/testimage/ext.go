// SPDX-License-Identifier: Apache-2.0

package testimage

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Mke2fs is where Debian installs mke2fs (e2fsprogs).
const Mke2fs = "/usr/sbin/mke2fs"

// ErrNoMke2fs is returned by Ext when mke2fs is not installed.
var ErrNoMke2fs = errors.New("testimage: " + Mke2fs + " is not installed (apt-get install e2fsprogs)")

// ExtUUID and ExtHashSeed are given to every image Ext makes, so that an
// image depends on its arguments only (the hash seed orders indexed
// directories).
const (
	ExtUUID     = "6f1c3a52-9d0e-4b7a-8c21-3e5f4a6b7c8d"
	ExtHashSeed = "0b9c1d2e-3f40-4152-a637-48596a7b8c9d"
)

// ExtTime is the time mke2fs writes into the superblocks Ext makes
// (E2FSPROGS_FAKE_TIME).
var ExtTime = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// Ext makes an ext2, ext3 or ext4 image (fsType) of size bytes from the
// tree at dir with the host's mke2fs -d, with extra arguments for mke2fs
// (such as "-b", "1024" or "-O", "^dir_index"), and returns its bytes.
func Ext(fsType, dir string, size int64, extra ...string) ([]byte, error) {
	if _, err := os.Stat(Mke2fs); err != nil {
		return nil, ErrNoMke2fs
	}
	tmp, err := os.MkdirTemp("", "testimage-ext-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	img := filepath.Join(tmp, "img")
	args := append([]string{"-q", "-F", "-t", fsType, "-U", ExtUUID, "-E", "hash_seed=" + ExtHashSeed}, extra...)
	if dir != "" {
		args = append(args, "-d", dir)
	}
	args = append(args, img, fmt.Sprintf("%dk", size/1024))
	cmd := exec.Command(Mke2fs, args...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("E2FSPROGS_FAKE_TIME=%d", ExtTime.Unix()), "MKE2FS_CONFIG=/etc/mke2fs.conf")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("mke2fs %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return os.ReadFile(img)
}

// ExtTree writes the tree the ext tests image into dir (which must exist
// and be empty): every kind of file, hard links, symlinks kept in the
// inode and in a block, device nodes, a FIFO and a socket, owners past
// 65535, setuid, setgid and sticky modes, a sparse file and one past
// 4 GiB, a directory of many (empty) names, which e2fsck -D indexes, and times
// with nanoseconds. Making device nodes needs CAP_MKNOD.
func ExtTree(dir string) error {
	w := &treeWriter{dir: dir}
	w.mkdir("d", 0o755)
	w.mkdir("d/sub", 0o700)
	w.file("d/hello", "hello\n", 0o644)
	w.file("top", "top file\n", 0o640)
	w.file("empty", "", 0o600)
	w.file("big", strings.Repeat("0123456789abcdef", 600), 0o644)
	w.file("suid", "#!/bin/sh\n", 0o4755)
	w.mkdir("sticky", 0o1777)
	w.mkdir("sgid", 0o2775)
	w.link("top", "d/hardlink")
	w.symlink("top", "short")
	w.symlink(strings.Repeat("long/", 20)+"target", "long")
	w.symlink(strings.Repeat("x", 59), "fiftynine")
	w.symlink(strings.Repeat("y", 60), "sixty")
	w.fifo("fifo")
	w.socket("sock")
	w.node("null", unix.S_IFCHR|0o666, unix.Mkdev(1, 3))
	w.node("loopblk", unix.S_IFBLK|0o660, unix.Mkdev(7, 200))
	w.node("bigdev", unix.S_IFCHR|0o600, unix.Mkdev(300, 70000))
	w.sparse("sparse", 1<<20, []int64{0, 300000, 1<<20 - 5})
	w.sparse("huge", 5<<30, []int64{4096, 5<<30 - 10})
	w.file("owned", "owner\n", 0o644)
	w.chown("owned", 70000, 80000)
	w.chown("d/sub", 1000, 100)
	w.mkdir("many", 0o755)
	for i := range 150 {
		w.file(fmt.Sprintf("many/name-%03d-%s", i, strings.Repeat("z", i%40)), "", 0o644)
	}
	w.mkdir("few", 0o755)
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		w.file("few/"+n, n+"\n", 0o644)
	}
	w.times()
	return w.err
}

// ExtTreeSmall writes a small tree into dir: a few files (two with names
// of bytes past ASCII, which hash differently as signed and unsigned
// chars), a directory, three names of one legacy hash, links and a device
// node, for images whose every byte a script carries.
func ExtTreeSmall(dir string) error {
	w := &treeWriter{dir: dir}
	w.mkdir("d", 0o755)
	w.file("d/hello", "hello\n", 0o644)
	w.file("top", "top file\n", 0o640)
	w.file("two-blocks", strings.Repeat("0123456789abcdef", 300), 0o600)
	w.link("top", "d/hardlink")
	w.symlink("top", "short")
	w.symlink(strings.Repeat("long/", 20)+"target", "long")
	w.node("null", unix.S_IFCHR|0o666, unix.Mkdev(1, 3))
	w.fifo("fifo")
	w.file("owned", "owner\n", 0o644)
	w.chown("owned", 70000, 80000)
	w.file("\xe9t\xe9", "latin-1\n", 0o644)
	w.file("caf\xc3\xa9", "utf-8\n", 0o644)
	// Three names of one legacy hash (dx_hack_hash), for the order
	// readdir gives names whose hashes collide.
	w.mkdir("col", 0o755)
	for _, n := range []string{"a", "c0452526", "c0522550", "c0599561", "z"} {
		w.file("col/"+n, "", 0o644)
	}
	w.times()
	return w.err
}

// treeWriter makes a tree, keeping the first error.
type treeWriter struct {
	dir   string
	err   error
	paths []string
}

func (w *treeWriter) do(path string, f func(p string) error) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, path)
	if err := f(p); err != nil {
		w.err = err
		return
	}
	w.paths = append(w.paths, p)
}

func (w *treeWriter) mkdir(path string, mode uint32) {
	w.do(path, func(p string) error {
		if err := os.Mkdir(p, 0o700); err != nil {
			return err
		}
		return unix.Chmod(p, mode)
	})
}

func (w *treeWriter) file(path, content string, mode uint32) {
	w.do(path, func(p string) error {
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			return err
		}
		return unix.Chmod(p, mode)
	})
}

func (w *treeWriter) link(old, path string) {
	w.do(path, func(p string) error { return os.Link(filepath.Join(w.dir, old), p) })
}

func (w *treeWriter) symlink(target, path string) {
	w.do(path, func(p string) error { return os.Symlink(target, p) })
}

func (w *treeWriter) fifo(path string) {
	w.do(path, func(p string) error { return unix.Mkfifo(p, 0o644) })
}

func (w *treeWriter) node(path string, mode uint32, dev uint64) {
	w.do(path, func(p string) error {
		if err := unix.Mknod(p, mode, int(dev)); err != nil {
			return err
		}
		return unix.Chmod(p, mode&0o7777)
	})
}

// socket binds a unix socket at path and closes it, leaving the node.
func (w *treeWriter) socket(path string) {
	w.do(path, func(p string) error {
		fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		if err := unix.Bind(fd, &unix.SockaddrUnix{Name: p}); err != nil {
			return err
		}
		return unix.Chmod(p, 0o755)
	})
}

// sparse makes a file of size bytes with a short mark at each offset.
func (w *treeWriter) sparse(path string, size int64, marks []int64) {
	w.do(path, func(p string) error {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close()
		for _, off := range marks {
			if _, err := f.WriteAt([]byte(fmt.Sprintf("@%d", off)), off); err != nil {
				return err
			}
		}
		return f.Truncate(size)
	})
}

func (w *treeWriter) chown(path string, uid, gid int) {
	if w.err == nil {
		w.err = os.Lchown(filepath.Join(w.dir, path), uid, gid)
	}
}

// times gives every path a distinct time with nanoseconds (atime and
// mtime; mke2fs copies ctime as it finds it), deepest first so that
// making an entry does not move its directory's times again.
func (w *treeWriter) times() {
	paths := append(w.paths, w.dir)
	for i := len(paths) - 1; i >= 0 && w.err == nil; i-- {
		base := ExtTime.Add(-time.Duration(i) * time.Hour)
		ts := []unix.Timespec{unix.NsecToTimespec(base.UnixNano() + 123456789), unix.NsecToTimespec(base.UnixNano() + 987654321)}
		w.err = unix.UtimesNanoAt(unix.AT_FDCWD, paths[i], ts, unix.AT_SYMLINK_NOFOLLOW)
	}
}
