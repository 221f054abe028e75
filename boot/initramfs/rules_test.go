// SPDX-License-Identifier: Apache-2.0

package initramfs_test

// The kernel's rules tested directly on hand-built archives, where no
// host tool makes the archive or shows the result: each test says which
// piece of init/initramfs.c (6.18) it follows.

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// rawHeader writes a header from field strings as given (each must be 8
// bytes), so that tests can put what no writer would in them.
type rawHeader struct {
	magic  string
	fields [13]string
}

// newRaw starts from the fields of e, as Writer would write them.
func newRaw(e initramfs.Entry) rawHeader {
	h := rawHeader{magic: "070701"}
	v := [13]uint32{e.Ino, e.Mode, e.UID, e.GID, e.Nlink, uint32(e.Mtime), uint32(len(e.Data)),
		e.Major, e.Minor, e.RdevMajor, e.RdevMinor, uint32(len(e.Name) + 1), 0}
	if v[0] == 0 {
		v[0] = 1
	}
	if v[4] == 0 {
		v[4] = 1
	}
	for i, x := range v {
		h.fields[i] = fmt.Sprintf("%08X", x)
	}
	return h
}

// bytes lays out the entry: header, name area padded as the kernel
// expects for nameLen (the name field's value), data padded to 4.
func (h rawHeader) bytes(name []byte, nameLen int, data []byte) []byte {
	b := []byte(h.magic + strings.Join(h.fields[:], ""))
	area := make([]byte, (nameLen+1)&^3+2)
	copy(area, name)
	b = append(b, area...)
	b = append(b, data...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func trailer() []byte { return archive() }

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func stat(t *testing.T, task *vfs.Task, name string) vfs.Statx {
	t.Helper()
	st, err := task.Lstat(name)
	if err != nil {
		t.Fatalf("lstat %s: %v", name, err)
	}
	return st
}

func absent(t *testing.T, task *vfs.Task, name string) {
	t.Helper()
	if _, err := task.Lstat(name); !errors.Is(err, linux.ENOENT) {
		t.Fatalf("lstat %s: %v, want ENOENT", name, err)
	}
}

func wantData(t *testing.T, task *vfs.Task, name, want string) {
	t.Helper()
	if got := string(readVfs(t, task, name)); got != want {
		t.Fatalf("%s holds %q, want %q", name, got, want)
	}
}

// TestAttributes: owner and mode are applied after creation (init_chown,
// init_chmod, vfs_fchmod), so the umask has no effect and the set-id and
// sticky bits stay; a uid or gid of 0xFFFFFFFF leaves the owner alone.
func TestAttributes(t *testing.T) {
	task := newRootfs(t)
	task.Umask(0o777)
	img := archive(
		initramfs.Entry{Name: "d", Mode: linux.S_IFDIR | 0o1777, UID: 5, GID: 6, Mtime: 100},
		initramfs.Entry{Name: "d/f", Mode: linux.S_IFREG | 0o6755, UID: 7, GID: 8, Mtime: 200, Data: []byte("x")},
		initramfs.Entry{Name: "d/keep", Mode: linux.S_IFREG | 0o644, UID: 0xffffffff, GID: 9, Mtime: 300},
		initramfs.Entry{Name: "d/p", Mode: linux.S_IFIFO | 0o604, UID: 1, GID: 2, Mtime: 400},
		initramfs.Entry{Name: "d/s", Mode: linux.S_IFSOCK | 0o777, UID: 3, GID: 4, Mtime: 500},
		initramfs.Entry{Name: "d/l", Mode: linux.S_IFLNK | 0o600, UID: 10, GID: 11, Mtime: 600, Data: []byte("f")},
	)
	if err := initramfs.Unpack(task, img, initramfs.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		mode     uint32
		uid, gid uint32
		mtime    int64
	}{
		{"d", linux.S_IFDIR | 0o1777, 5, 6, 100},
		{"d/f", linux.S_IFREG | 0o6755, 7, 8, 200},
		{"d/keep", linux.S_IFREG | 0o644, 0, 9, 300},
		{"d/p", linux.S_IFIFO | 0o604, 1, 2, 400},
		{"d/s", linux.S_IFSOCK | 0o777, 3, 4, 500},
		{"d/l", linux.S_IFLNK | 0o777, 10, 11, 600},
	} {
		st := stat(t, task, c.name)
		if uint32(st.Mode) != c.mode || st.UID != c.uid || st.GID != c.gid || st.Mtime.Sec != c.mtime || st.Atime.Sec != c.mtime {
			t.Errorf("%s: mode %07o uid %d gid %d mtime %d atime %d, want %07o %d %d %d",
				c.name, st.Mode, st.UID, st.GID, st.Mtime.Sec, st.Atime.Sec, c.mode, c.uid, c.gid, c.mtime)
		}
	}
}

// TestDirMtimeAtEnd: directories get their mtime once everything is
// unpacked (dir_utime), the list walked from the last added, so the first
// entry of a directory named twice has the last word.
func TestDirMtimeAtEnd(t *testing.T) {
	task := mustUnpack(t, archive(
		initramfs.Entry{Name: "a", Mode: linux.S_IFDIR | 0o755, Mtime: 111},
		initramfs.Entry{Name: "a/b", Mode: linux.S_IFDIR | 0o755, Mtime: 222},
		file("a/b/f", 0o644, "f"),
		initramfs.Entry{Name: "a", Mode: linux.S_IFDIR | 0o700, Mtime: 333},
		file("a/g", 0o644, "g"),
	))
	if st := stat(t, task, "a"); st.Mtime.Sec != 111 || st.Mode&0o777 != 0o700 {
		t.Errorf("a: mtime %d mode %o, want 111 and 700", st.Mtime.Sec, st.Mode&0o777)
	}
	if st := stat(t, task, "a/b"); st.Mtime.Sec != 222 {
		t.Errorf("a/b: mtime %d, want 222", st.Mtime.Sec)
	}
}

// TestDiscardMtime: without CONFIG_INITRAMFS_PRESERVE_MTIME nothing is
// stamped: everything has the time it was made at.
func TestDiscardMtime(t *testing.T) {
	task, err := unpack(t, archive(dir("d", 0o755), file("d/f", 0o644, "x"),
		initramfs.Entry{Name: "l", Mode: linux.S_IFLNK | 0o777, Data: []byte("d"), Mtime: 5}),
		initramfs.Options{DiscardMtime: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"d", "d/f", "l"} {
		if st := stat(t, task, n); st.Mtime.Sec != clockTime.Unix() {
			t.Errorf("%s: mtime %d, want the clock's %d", n, st.Mtime.Sec, clockTime.Unix())
		}
	}
}

// TestNames: names are taken relative to the working directory, "/" and
// "./" alike; a missing parent is not made, and the entry is lost without
// an error (init_mkdir, filp_open fail quietly).
func TestNames(t *testing.T) {
	task := mustUnpack(t, archive(
		file("/abs", 0o644, "1"), file("./dot", 0o644, "2"), file("plain", 0o644, "3"),
		file("../../up", 0o644, "4"), file("nodir/f", 0o644, "5"), file("after", 0o644, "6"),
		initramfs.Entry{Name: "nodir/l", Mode: linux.S_IFLNK | 0o777, Data: []byte("x")},
		initramfs.Entry{Name: "nodir/d", Mode: linux.S_IFDIR | 0o755},
	))
	for n, want := range map[string]string{"/abs": "1", "/dot": "2", "/plain": "3", "/up": "4", "/after": "6"} {
		wantData(t, task, n, want)
	}
	absent(t, task, "/nodir")
}

// TestCleanPath: whatever stands at a name with another file type is
// removed first (clean_path), a non-empty directory only if rmdir can;
// the same type stays, and a regular file is truncated and rewritten.
func TestCleanPath(t *testing.T) {
	task := newRootfs(t)
	first := archive(
		dir("dir2file", 0o755), dir("full", 0o755), file("full/x", 0o644, "x"),
		file("file2dir", 0o644, "old"), file("file2link", 0o644, "old"),
		initramfs.Entry{Name: "link2file", Mode: linux.S_IFLNK | 0o777, Data: []byte("full/x")},
		file("same", 0o600, "a longer old content"), dir("keepdir", 0o700),
		initramfs.Entry{Name: "fifo2file", Mode: linux.S_IFIFO | 0o644},
		file("untyped", 0o644, "u"),
	)
	second := archive(
		file("dir2file", 0o644, "new"), file("full", 0o644, "lost"), dir("file2dir", 0o750),
		initramfs.Entry{Name: "file2link", Mode: linux.S_IFLNK | 0o777, Data: []byte("target")},
		file("link2file", 0o644, "new"), file("same", 0o644, "new"), dir("keepdir", 0o755),
		file("fifo2file", 0o644, "new"),
		// A mode with no file type makes nothing, but clean_path runs.
		initramfs.Entry{Name: "untyped", Mode: 0o644},
	)
	for _, img := range [][]byte{first, second} {
		if err := initramfs.Unpack(task, img, initramfs.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	for n, want := range map[string]string{"dir2file": "new", "link2file": "new", "same": "new", "fifo2file": "new", "full/x": "x"} {
		wantData(t, task, n, want)
	}
	if st := stat(t, task, "file2dir"); st.Mode != linux.S_IFDIR|0o750 {
		t.Errorf("file2dir: mode %o", st.Mode)
	}
	if st := stat(t, task, "keepdir"); st.Mode != linux.S_IFDIR|0o755 {
		t.Errorf("keepdir: mode %o, want the second entry's", st.Mode)
	}
	if st := stat(t, task, "full"); st.Mode&linux.S_IFMT != linux.S_IFDIR {
		t.Errorf("full: mode %o, want the directory still", st.Mode)
	}
	if target, err := task.Readlink("file2link"); err != nil || target != "target" {
		t.Errorf("file2link: %q %v", target, err)
	}
	absent(t, task, "untyped")
}

// TestRootEntry: the "." entry of `find . | cpio` applies to the root:
// mkdir fails with EEXIST, chown and chmod go ahead.
func TestRootEntry(t *testing.T) {
	task := mustUnpack(t, archive(initramfs.Entry{Name: ".", Mode: linux.S_IFDIR | 0o700, UID: 3, GID: 4, Mtime: 77}))
	if st := stat(t, task, "/"); st.Mode != linux.S_IFDIR|0o700 || st.UID != 3 || st.GID != 4 || st.Mtime.Sec != 77 {
		t.Errorf("/: mode %o uid %d gid %d mtime %d", st.Mode, st.UID, st.GID, st.Mtime.Sec)
	}
}

// TestHardLinks: entries with nlink >= 2 are linked to the first with the
// same (ino, major, minor) and file type (find_link); the data may come
// with any of them, later ones open the inode without truncating it; the
// table is forgotten at TRAILER!!!, so archives do not link across.
func TestHardLinks(t *testing.T) {
	link := func(name string, ino, major uint32, mode uint32, data string) initramfs.Entry {
		return initramfs.Entry{Name: name, Mode: mode, Ino: ino, Major: major, Nlink: 2, Data: []byte(data), Mtime: 9}
	}
	reg := uint32(linux.S_IFREG | 0o644)
	task := mustUnpack(t, cat(
		archive(
			link("a1", 5, 0, reg, ""), link("a2", 5, 0, reg, "data last"),
			link("b1", 6, 0, reg, "data first"), link("b2", 6, 0, reg, ""),
			link("c1", 7, 0, reg, "one"), link("c2", 7, 1, reg, "other device"),
			link("f1", 8, 0, reg, "file"), link("f2", 8, 0, linux.S_IFIFO|0o644, ""),
			link("n1", 9, 0, linux.S_IFCHR|0o600, ""), link("n2", 9, 0, linux.S_IFCHR|0o600, ""),
			initramfs.Entry{Name: "single", Mode: reg, Ino: 10, Nlink: 1, Data: []byte("s")},
			initramfs.Entry{Name: "single2", Mode: reg, Ino: 10, Nlink: 1, Data: []byte("t")},
		),
		archive(link("a3", 5, 0, reg, "next archive")),
	))
	for _, c := range []struct {
		names []string
		nlink uint32
		data  string
	}{
		{[]string{"a1", "a2"}, 2, "data last"},
		{[]string{"b1", "b2"}, 2, "data first"},
		{[]string{"c1"}, 1, "one"},
		{[]string{"c2"}, 1, "other device"},
		{[]string{"f1"}, 1, "file"},
		{[]string{"n1", "n2"}, 2, ""},
		{[]string{"single"}, 1, "s"},
		{[]string{"a3"}, 1, "next archive"},
	} {
		ino := stat(t, task, c.names[0]).Ino
		for _, n := range c.names {
			st := stat(t, task, n)
			if st.Ino != ino || st.Nlink != c.nlink {
				t.Errorf("%s: ino %d nlink %d, want ino %d nlink %d", n, st.Ino, st.Nlink, ino, c.nlink)
			}
			if st.Mode&linux.S_IFMT == linux.S_IFREG {
				wantData(t, task, n, c.data)
			}
		}
	}
	if st := stat(t, task, "f2"); st.Mode&linux.S_IFMT != linux.S_IFIFO {
		t.Errorf("f2: mode %o, want a FIFO of its own", st.Mode)
	}
}

// TestHardLinkToVanished: when link(2) to the first name fails, the entry
// and its data are skipped.
func TestHardLinkToVanished(t *testing.T) {
	reg := uint32(linux.S_IFREG | 0o644)
	task := mustUnpack(t, archive(
		initramfs.Entry{Name: "first", Mode: reg, Ino: 3, Nlink: 2, Data: []byte("1")},
		dir("first", 0o755),
		initramfs.Entry{Name: "second", Mode: reg, Ino: 3, Nlink: 2, Data: []byte("2")},
		file("after", 0o644, "ok"),
	))
	absent(t, task, "second")
	wantData(t, task, "after", "ok")
}

// TestHeaderFields: parse_header reads each field with simple_strntoul:
// an optional 0x, hex digits of either case, up to the first other byte.
// MKDEV and new_encode_dev keep 12 bits of the device major and fold a
// minor past 20 bits into it.
func TestHeaderFields(t *testing.T) {
	e := initramfs.Entry{Name: "odd", Mode: linux.S_IFREG | 0o644, Data: []byte("data"), Mtime: 1}
	h := newRaw(e)
	h.fields[1] = "0x0081a4" // mode 0100644
	h.fields[5] = "5G000000" // mtime 5
	img := h.bytes([]byte("odd\x00"), 4, []byte("data"))
	dev := func(name string, maj, min uint32) []byte {
		return newRaw(initramfs.Entry{Name: name, Mode: linux.S_IFCHR | 0o600, RdevMajor: maj, RdevMinor: min}).
			bytes([]byte(name+"\x00"), len(name)+1, nil)
	}
	img = cat(img, dev("big", 4097, 5), dev("wide", 1, 0x100005), dev("max", 4095, 0xfffff), trailer())
	task := mustUnpack(t, img)
	st := stat(t, task, "odd")
	if st.Mode != linux.S_IFREG|0o644 || st.Mtime.Sec != 5 {
		t.Errorf("odd: mode %o mtime %d", st.Mode, st.Mtime.Sec)
	}
	wantData(t, task, "odd", "data")
	for n, want := range map[string][2]uint32{"big": {1, 5}, "wide": {1, 5}, "max": {4095, 0xfffff}} {
		if st := stat(t, task, n); st.RdevMajor != want[0] || st.RdevMinor != want[1] {
			t.Errorf("%s: %d:%d, want %d:%d", n, st.RdevMajor, st.RdevMinor, want[0], want[1])
		}
	}
}

// TestSkippedEntries: a name length of 0 or past PATH_MAX, a symlink
// target past PATH_MAX, and a body on anything but a regular file or a
// symlink make do_header skip the whole entry.
func TestSkippedEntries(t *testing.T) {
	long := strings.Repeat("x", 4096)
	noName := newRaw(initramfs.Entry{Name: "", Mode: linux.S_IFREG | 0o644, Data: []byte("zero")})
	noName.fields[11] = "00000000"
	img := cat(
		noName.bytes(nil, 0, []byte("zero")),
		newRaw(initramfs.Entry{Name: long, Mode: linux.S_IFREG | 0o644, Data: []byte("long")}).
			bytes([]byte(long+"\x00"), 4097, []byte("long")),
		archiveBody(initramfs.Entry{Name: "biglink", Mode: linux.S_IFLNK | 0o777, Data: []byte(strings.Repeat("t", 4097))}),
		archiveBody(initramfs.Entry{Name: "dirbody", Mode: linux.S_IFDIR | 0o755, Data: []byte("body")}),
		archiveBody(initramfs.Entry{Name: "nodbody", Mode: linux.S_IFCHR | 0o600, Data: []byte("0707")}),
		archive(file("after", 0o644, "ok")),
	)
	task := mustUnpack(t, img)
	for _, n := range []string{"biglink", "dirbody", "nodbody"} {
		absent(t, task, n)
	}
	wantData(t, task, "after", "ok")
	if names := readdirVfs(t, task, "/"); len(names) != 1 {
		t.Errorf("rootfs holds %v, want only after", names)
	}
}

// archiveBody is one entry with no trailer.
func archiveBody(e initramfs.Entry) []byte {
	a := archive(e)
	return a[:len(a)-len(trailer())]
}

// TestLongName: a name of PATH_MAX bytes with its NUL is the longest
// read and made.
func TestLongName(t *testing.T) {
	var entries []initramfs.Entry
	name := ""
	for r := 4095 - len(name); r > 255; r = 4095 - len(name) {
		name += strings.Repeat("d", max(1, min(254, r-256))) + "/"
		entries = append(entries, dir(strings.TrimSuffix(name, "/"), 0o755))
	}
	name += strings.Repeat("f", 4095-len(name))
	target := strings.Repeat("t", 4095)
	entries = append(entries, file(name, 0o644, "deep"),
		initramfs.Entry{Name: "link", Mode: linux.S_IFLNK | 0o777, Data: []byte(target)},
		// Within do_header's limit, past what tmpfs takes (a page with the NUL).
		initramfs.Entry{Name: "link2", Mode: linux.S_IFLNK | 0o777, Data: []byte(target + "t")})
	task := mustUnpack(t, archive(entries...))
	wantData(t, task, name, "deep")
	if got, err := task.Readlink("link"); err != nil || got != target {
		t.Errorf("link: %d bytes, %v", len(got), err)
	}
	absent(t, task, "link2")
}

// TestEmbeddedNul: names and symlink targets end at their first NUL, as C
// strings do.
func TestEmbeddedNul(t *testing.T) {
	img := cat(
		newRaw(initramfs.Entry{Name: "short\x00ignored", Mode: linux.S_IFREG | 0o644, Data: []byte("x")}).
			bytes([]byte("short\x00ignored\x00"), 14, []byte("x")),
		archiveBody(initramfs.Entry{Name: "l", Mode: linux.S_IFLNK | 0o777, Data: []byte("tar\x00get")}),
		trailer(),
	)
	task := mustUnpack(t, img)
	wantData(t, task, "short", "x")
	if got, _ := task.Readlink("l"); got != "tar" {
		t.Errorf("l -> %q, want tar", got)
	}
}

// TestMalformed: a name whose last byte is not NUL stops the unpacking
// with "malformed archive", after a line in the log (do_name, do_symlink).
func TestMalformed(t *testing.T) {
	for _, c := range []struct {
		mode uint32
		log  string
	}{
		{linux.S_IFREG | 0o644, "initramfs name without nulterm: abcd"},
		{linux.S_IFLNK | 0o777, "initramfs symlink without nulterm: abcd"},
	} {
		img := cat(archiveBody(file("before", 0o644, "b")),
			newRaw(initramfs.Entry{Name: "abc", Mode: c.mode, Data: []byte("t")}).bytes([]byte("abcd"), 4, []byte("t")),
			archive(file("after", 0o644, "a")))
		task, err := unpack(t, img, initramfs.Options{})
		wantMsg(t, err, "malformed archive")
		wantData(t, task, "before", "b")
		absent(t, task, "after")
		absent(t, task, "abc")
		if log := task.Kernel().Dmesg(); len(log) != 1 || log[0] != c.log {
			t.Errorf("log %q, want %q", log, c.log)
		}
	}
}

// TestChecksum: a 070702 entry's data must sum to its check field; the
// file is written all the same, and the unpacking stops after it.
func TestChecksum(t *testing.T) {
	var b bytes.Buffer
	w := initramfs.NewWriter(&b, true)
	for _, e := range []initramfs.Entry{file("good", 0o644, "abc"), file("bad", 0o644, "xyz"), file("later", 0o644, "l")} {
		if err := w.WriteEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	img := b.Bytes()
	// The second header's check field: "xyz" sums to 0x16B.
	i := bytes.Index(img, []byte("0000016B"))
	if i < 0 {
		t.Fatal("no checksum field")
	}
	copy(img[i:], "0000016C")
	task, err := unpack(t, img, initramfs.Options{})
	wantMsg(t, err, "bad data checksum")
	wantData(t, task, "good", "abc")
	wantData(t, task, "bad", "xyz")
	absent(t, task, "later")
	if err := initramfs.Unpack(newRootfs(t), b.Bytes()[:0], initramfs.Options{}); err != nil {
		t.Errorf("empty image: %v", err)
	}
}

// TestTruncatedPlain: an uncompressed archive that ends inside an entry is
// no error: the file was made and sized (ftruncate to the full length)
// before its data ran out, and has no mtime stamped.
func TestTruncatedPlain(t *testing.T) {
	img := archive(dir("d", 0o755), file("d/f", 0o644, "0123456789"))
	cut := bytes.Index(img, []byte("0123456789")) + 4
	task := mustUnpack(t, img[:cut])
	st := stat(t, task, "d/f")
	if st.Size != 10 || st.Mtime.Sec != clockTime.Unix() {
		t.Errorf("d/f: size %d mtime %d", st.Size, st.Mtime.Sec)
	}
	wantData(t, task, "d/f", "0123\x00\x00\x00\x00\x00\x00")
	if st := stat(t, task, "d"); st.Mtime.Sec != 2000 {
		t.Errorf("d: mtime %d, want 2000 (dir_utime runs all the same)", st.Mtime.Sec)
	}
}

// TestPlainErrors: the messages unpack_to_rootfs and the state machine
// give for uncompressed input.
func TestPlainErrors(t *testing.T) {
	good := archive(file("a", 0o644, "a"))
	for _, c := range []struct {
		name string
		img  []byte
		msg  string
	}{
		{"odc", []byte("070707" + strings.Repeat("0", 104)), "incorrect cpio method used: use -H newc option"},
		{"no magic", []byte("0123456789" + strings.Repeat("0", 100)), "no cpio magic"},
		{"text", []byte("hello"), "invalid magic at start of compressed archive"},
		{"one byte", []byte("x"), "invalid magic at start of compressed archive"},
		{"junk after", cat(good, []byte("XXXX")), "invalid magic at start of compressed archive"},
		{"unaligned", cat(good, []byte{0}, good), "broken padding"},
		{"lzma", []byte{0x5d, 0, 0, 0x80, 0}, "unexpected EOF"},
		{"lzo", []byte{0x89, 'L', 'Z', 'O'}, "decompressor failed"},
		{"gzip 9e", []byte{0x1f, 0x9e, 8, 0, 0, 0, 0, 0, 0, 0, 0}, "Not a gzip file"},
		{"gzip short", []byte{0x1f, 0x8b, 8}, "Not a gzip file"},
		{"gzip name", []byte{0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 0, 'n', 'a'}, "header error"},
		{"xz magic", []byte{0xfd, '7', 'z', 'X', 'Y', 0, 0, 1, 0, 0, 0, 0}, "Input is not in the XZ format (wrong magic bytes)"},
		{"xz short", []byte{0xfd, '7', 'z'}, "XZ-compressed data is corrupt"},
		{"lz4 header", []byte{0x02, 0x21, 0x4c, 0x19}, "invalid header"},
		{"zstd magic", []byte{0x28, 0xb5, 0x2f, 0xfe, 0, 0, 0, 0}, "Input is not in the ZSTD format (wrong magic bytes)"},
		{"zstd header", []byte{0x28, 0xb5, 0x2f, 0xfd}, "ZSTD-compressed data has an incomplete frame header"},
		{"zstd window", []byte{0x28, 0xb5, 0x2f, 0xfd, 0, 0xb0, 1, 0, 0}, "ZSTD-compressed data is probably corrupt"},
		{"zstd reserved", []byte{0x28, 0xb5, 0x2f, 0xfd, 0x08, 0x50, 1, 0, 0}, "ZSTD-compressed data is probably corrupt"},
		{"zstd big window", []byte{0x28, 0xb5, 0x2f, 0xfd, 0xa0, 1, 0, 0, 0x80, 1, 0, 0}, "ZSTD-compressed data has too large a window size"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := unpack(t, c.img, initramfs.Options{})
			wantMsg(t, err, c.msg)
		})
	}
}

// TestNotConfigured: a method detected but not built in is named in the
// log, and the unpacking fails with "decompressor failed".
func TestNotConfigured(t *testing.T) {
	for _, c := range []struct {
		img  []byte
		opts initramfs.Options
		log  string
	}{
		{[]byte{0x5d, 0, 0, 0x80, 0}, initramfs.Options{Methods: []string{"gzip"}}, "compression method lzma not configured"},
		{[]byte{0x89, 'L', 'Z', 'O'}, initramfs.Options{}, "compression method lzo not configured"},
		{[]byte{0xfd, '7', 'z', 'X', 'Z', 0}, initramfs.Options{Methods: []string{"gzip"}}, "compression method xz not configured"},
	} {
		task, err := unpack(t, c.img, c.opts)
		wantMsg(t, err, "decompressor failed")
		if log := task.Kernel().Dmesg(); len(log) != 1 || log[0] != c.log {
			t.Errorf("log %q, want %q", log, c.log)
		}
	}
}

// TestWriteError: a file the rootfs has no room for fails with "write
// error"; the unpacking stops after that entry.
func TestWriteError(t *testing.T) {
	task := newRootfs(t)
	if err := task.Mkdir("/small", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := task.Mount("tmpfs", "/small", "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("tmpfs with size: %v", err)
	}
	if err := task.Chdir("/small"); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("b", 100<<10)
	err := initramfs.Unpack(task, archive(file("big", 0o644, big), file("after", 0o644, "a")), initramfs.Options{})
	wantMsg(t, err, "write error")
	absent(t, task, "after")
}
