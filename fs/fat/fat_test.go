// SPDX-License-Identifier: Apache-2.0

package fat_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/fat"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// boot returns a task on a tmpfs root with /mnt and a block node
// /dev/loop0 for the disk 7:0 holding image.
func boot(t testing.TB, image []byte) (*vfs.Kernel, *vfs.Task) {
	t.Helper()
	init := testkernel.Boot(t, []vfs.FilesystemType{fat.Vfat, fat.Msdos}, "/mnt")
	testkernel.Loop0(t, init, image)
	return init.Kernel(), init
}

// sourceTree writes the files the images hold; the file times are set
// so that mcopy -m keeps them.
func sourceTree(t testing.TB) string {
	dir := t.TempDir()
	files := map[string]string{
		"readme.txt":                             "hello\n",
		"MixedCase.Txt":                          "data\n",
		"a very long file name with spaces.text": strings.Repeat("0123456789", 300),
		"sub/UPPER.TXT":                          "up\n",
		"sub/deep/f":                             "deep\n",
		"sub/résumé.doc":                         "utf\n",
		"PROG.EXE":                               "MZ",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(data), 0o644))
		must(t, os.Chtimes(p, time.Unix(981173106, 0), time.Unix(981173106, 0))) // 2001-02-03 04:05:06 UTC
	}
	return dir
}

// image is a FAT image of the source tree.
func image(t testing.TB, sizeKiB int, args ...string) []byte {
	t.Helper()
	dir := sourceTree(t)
	img, err := testimage.Fat(dir, sizeKiB, args,
		[]string{"mcopy", "-s", "-m", "readme.txt", "MixedCase.Txt", "a very long file name with spaces.text", "sub", "PROG.EXE", "::/"},
		[]string{"mattrib", "+r", "::/PROG.EXE"})
	if errors.Is(err, testimage.ErrNoMkfsVfat) {
		t.Skip(err)
	}
	must(t, err)
	return img
}

func readFile(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	var b bytes.Buffer
	buf := make([]byte, 700) // crosses sectors and clusters
	for {
		n, err := task.Read(fd, buf)
		must(t, err)
		if n == 0 {
			return b.String()
		}
		b.Write(buf[:n])
	}
}

func readdir(t *testing.T, task *vfs.Task, dir string) []string {
	t.Helper()
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	defer task.Close(fd)
	var names []string
	for {
		ents, err := task.Getdents(fd, 3)
		must(t, err)
		if len(ents) == 0 {
			return names
		}
		for _, e := range ents {
			names = append(names, e.Name)
		}
	}
}

// TestTree lists and reads images of each FAT size the way vfat shows
// them: long names, short names lowercased by their case bits, on-disk
// order with "." and ".." first, modes from the masks and ATTR_RO.
func TestTree(t *testing.T) {
	for _, c := range []struct {
		name string
		size int
		args []string
	}{{"fat12", 1440, nil}, {"fat16", 20 << 10, []string{"-F", "16"}}, {"fat32", 40 << 10, []string{"-F", "32", "-s", "1"}}} {
		t.Run(c.name, func(t *testing.T) {
			_, task := boot(t, image(t, c.size, c.args...))
			must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
			want := []string{".", "..", "readme.txt", "MixedCase.Txt", "a very long file name with spaces.text", "sub", "PROG.EXE"}
			if got := readdir(t, task, "/mnt"); !slices.Equal(got, want) {
				t.Errorf("readdir / = %q, want %q", got, want)
			}
			if got := readdir(t, task, "/mnt/sub"); !slices.Equal(got, []string{".", "..", "UPPER.TXT", "deep", "résumé.doc"}) {
				t.Errorf("readdir /sub = %q", got)
			}
			for name, content := range map[string]string{"/mnt/readme.txt": "hello\n", "/mnt/README.TXT": "hello\n",
				"/mnt/a very long file name with spaces.text": strings.Repeat("0123456789", 300),
				"/mnt/AVERYL~1.TEX":                           strings.Repeat("0123456789", 300), "/mnt/sub/deep/f": "deep\n",
				"/mnt/sub/RÉSUMÉ.doc": "utf\n", "/mnt/mixedcase.txt.": "data\n"} {
				if strings.Contains(name, "RÉSUMÉ") {
					// ASCII folding only (iocharset=ascii): É is not é.
					if _, err := task.Stat(name); err != linux.ENOENT {
						t.Errorf("stat %s: %v, want ENOENT", name, err)
					}
					continue
				}
				if got := readFile(t, task, name); got != content {
					t.Errorf("%s reads %q", name, got)
				}
			}
			checkStat(t, task)
		})
	}
}

func checkStat(t *testing.T, task *vfs.Task) {
	t.Helper()
	for name, w := range map[string]struct {
		mode  uint32
		nlink uint32
	}{"/mnt": {linux.S_IFDIR | 0o755, 3}, "/mnt/sub": {linux.S_IFDIR | 0o755, 3}, "/mnt/readme.txt": {linux.S_IFREG | 0o755, 1},
		"/mnt/PROG.EXE": {linux.S_IFREG | 0o555, 1}} {
		st, err := task.Stat(name)
		must(t, err)
		if uint32(st.Mode) != w.mode || st.Nlink != w.nlink || st.UID != 0 || st.GID != 0 {
			t.Errorf("%s: mode %o nlink %d owner %d:%d, want %+v", name, st.Mode, st.Nlink, st.UID, st.GID, w)
		}
	}
	st, err := task.Stat("/mnt/readme.txt")
	must(t, err)
	if st.Mtime.Sec != 981173106 || st.Ctime != st.Mtime || st.Atime.Sec != 981158400 || st.Size != 6 || st.Mask&linux.STATX_BTIME == 0 {
		t.Errorf("readme.txt: mtime %v ctime %v atime %v size %d mask %x", st.Mtime, st.Ctime, st.Atime, st.Size, st.Mask)
	}
	if root, _ := task.Stat("/mnt"); root.Ino != 1 || root.Mtime.Sec != 0 {
		t.Errorf("root: ino %d mtime %v", root.Ino, root.Mtime)
	}
}

// TestMsdos: the same image under msdos shows its short names only,
// lowercased, and finds them by their 8.3 form.
func TestMsdos(t *testing.T) {
	_, task := boot(t, image(t, 1440))
	must(t, task.Mount("/dev/loop0", "/mnt", "msdos", linux.MS_RDONLY, ""))
	want := []string{".", "..", "readme.txt", "mixedc~1.txt", "averyl~1.tex", "sub", "prog.exe"}
	if got := readdir(t, task, "/mnt"); !slices.Equal(got, want) {
		t.Errorf("readdir = %q, want %q", got, want)
	}
	if got := readFile(t, task, "/mnt/README.txt"); got != "hello\n" {
		t.Errorf("README.txt reads %q", got)
	}
	if _, err := task.Stat("/mnt/MixedCase.Txt"); err != linux.ENOENT {
		t.Errorf("a long name under msdos: %v", err)
	}
	if !strings.Contains(task.Mountinfo(), " - msdos /dev/loop0 ro,fmask=0022,dmask=0022,codepage=437,errors=remount-ro\n") {
		t.Errorf("mountinfo:\n%s", task.Mountinfo())
	}
}

// TestOptions: the masks, owner and showexec, and how mountinfo shows
// them.
func TestOptions(t *testing.T) {
	_, task := boot(t, image(t, 1440))
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, "uid=1000,gid=100,umask=0,showexec,quiet,tz=UTC"))
	for name, mode := range map[string]uint32{"/mnt/readme.txt": linux.S_IFREG | 0o666, "/mnt/PROG.EXE": linux.S_IFREG | 0o555, "/mnt/sub": linux.S_IFDIR | 0o777} {
		st, err := task.Stat(name)
		must(t, err)
		if uint32(st.Mode) != mode || st.UID != 1000 || st.GID != 100 {
			t.Errorf("%s: mode %o owner %d:%d", name, st.Mode, st.UID, st.GID)
		}
	}
	want := " - vfat /dev/loop0 ro,uid=1000,gid=100,fmask=0000,dmask=0000,allow_utime=0022,codepage=437,iocharset=ascii,shortname=mixed,quiet,showexec,utf8,tz=UTC,errors=remount-ro\n"
	if !strings.Contains(task.Mountinfo(), want) {
		t.Errorf("mountinfo:\n%s\nwant%s", task.Mountinfo(), want)
	}
	must(t, task.Umount2("/mnt", 0))
	for _, bad := range []string{"uid=x", "umask=9", "shortname=dos", "errors=no", "iocharset=koi8-r", "codepage=850", "dots"} {
		if err := task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, bad); err != linux.EINVAL {
			t.Errorf("%s: %v, want EINVAL", bad, err)
		}
	}
}

// TestStatfs: clusters, the free ones counted in the FAT, the magic.
func TestStatfs(t *testing.T) {
	_, task := boot(t, image(t, 1440))
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	st, err := task.Statfs("/mnt")
	must(t, err)
	// mkfs.vfat makes 2847 clusters of 512 bytes on 1440 KiB; the tree
	// uses 14 (fsck.fat -n agrees).
	if st.Type != fat.Magic || st.Bsize != 512 || st.Blocks != 2847 || st.Bfree != 2847-14 || st.Bavail != st.Bfree || st.Namelen != 1530 {
		t.Errorf("statfs %+v", st)
	}
}

// TestReadWriteRefused: this driver answers a read-write mount as a
// write-protected disk does.
func TestReadWriteRefused(t *testing.T) {
	_, task := boot(t, image(t, 1440))
	if err := task.Mount("/dev/loop0", "/mnt", "vfat", 0, ""); err != linux.EACCES {
		t.Fatalf("read-write mount: %v, want EACCES", err)
	}
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	if err := task.Mkdir("/mnt/x", 0o755); err != linux.EROFS {
		t.Errorf("mkdir: %v", err)
	}
}

// TestBadImages: what fat_fill_super says of a broken boot sector, and
// a cluster chain that loops.
func TestBadImages(t *testing.T) {
	good := image(t, 1440)
	for _, c := range []struct {
		off  int
		val  byte
		want string
	}{{14, 0, "FAT-fs (loop0): bogus number of reserved sectors"}, {21, 0x12, "FAT-fs (loop0): invalid media value (0x12)"},
		{13, 3, "FAT-fs (loop0): bogus sectors per cluster 3"}, {16, 0, "FAT-fs (loop0): bogus number of FAT structure"}} {
		img := slices.Clone(good)
		img[c.off] = c.val
		k, task := boot(t, img)
		if err := task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""); err != linux.EINVAL {
			t.Errorf("byte %d = %#x: %v", c.off, c.val, err)
		}
		log := strings.Join(k.Dmesg(), "\n")
		if !strings.Contains(log, c.want) || !strings.Contains(log, "FAT-fs (loop0): Can't find a valid FAT filesystem") {
			t.Errorf("byte %d: log %q", c.off, log)
		}
	}
	// The long file's chain made to loop onto its own first cluster.
	img := slices.Clone(good)
	k, task := boot(t, img)
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	must(t, task.Umount2("/mnt", 0))
	loopChain(t, img)
	if _, err := task.Stat("/mnt"); err != nil {
		t.Fatal(err)
	}
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	fd, err := task.Open("/mnt/a very long file name with spaces.text", linux.O_RDONLY, 0)
	must(t, err)
	if _, err := task.Pread(fd, make([]byte, 4000), 0); err != nil && err != linux.EIO {
		t.Errorf("read: %v", err)
	}
	buf := make([]byte, 512)
	if _, err := task.Pread(fd, buf, 1<<20); err != nil {
		t.Errorf("read past the end: %v", err)
	}
	_ = k
}

// loopChain points the last FAT12 entry of the chain starting at the
// long file's first cluster back at that cluster.
func loopChain(t *testing.T, img []byte) {
	le := binary.LittleEndian
	reserved := int(le.Uint16(img[14:]))
	fatOff := reserved * 512
	get := func(c int) int {
		v := int(le.Uint16(img[fatOff+c+c/2:]))
		if c&1 != 0 {
			return v >> 4
		}
		return v & 0xfff
	}
	set := func(c, v int) {
		p := fatOff + c + c/2
		old := int(le.Uint16(img[p:]))
		if c&1 != 0 {
			old = old&0xf | v<<4
		} else {
			old = old&0xf000 | v
		}
		le.PutUint16(img[p:], uint16(old))
	}
	// Find a chain of more than two clusters.
	for start := 2; start < 100; start++ {
		n, c := 0, start
		for n < 10 && get(c) >= 2 && get(c) < 0xff0 {
			c = get(c)
			n++
		}
		if n >= 2 {
			set(c, start)
			return
		}
	}
	t.Fatal("no chain to loop")
}

// TestBrokenChainLog: what reading a file whose chain ends early logs,
// as the page cache reads it (one 4 KiB folio of six 512-byte blocks):
// the first read maps block 1 in do_mpage_readpage, then blocks 1 to 5
// in block_read_full_folio, then again in read_folio; a later read only
// in read_folio. Errors while filling an inode show i_pos 0.
func TestBrokenChainLog(t *testing.T) {
	img := image(t, 1440)
	start := shortEntry(t, img, "AVERYL~1TEX")
	setFat12(img, start, 0xfff)
	k, task := boot(t, img)
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	before := len(k.Dmesg())
	name := "/mnt/a very long file name with spaces.text"
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	must(t, err)
	count := func() int {
		n := 0
		for _, l := range k.Dmesg()[before:] {
			if strings.HasPrefix(l, "FAT-fs (loop0): error, fat_bmap_cluster: request beyond EOF (i_pos ") {
				n++
			}
		}
		before = len(k.Dmesg())
		return n
	}
	if _, err := task.Pread(fd, make([]byte, 8192), 0); err != linux.EIO {
		t.Errorf("read: %v, want EIO", err)
	}
	if n := count(); n != 11 {
		t.Errorf("first read logged %d errors, want 11", n)
	}
	if _, err := task.Pread(fd, make([]byte, 100), 1024); err != linux.EIO {
		t.Errorf("second read: %v, want EIO", err)
	}
	if n := count(); n != 5 {
		t.Errorf("second read logged %d errors, want 5", n)
	}
	must(t, task.Close(fd))
	must(t, task.Umount2("/mnt", 0))

	// The same with a free cluster in the chain: fat_get_cluster's
	// messages are rate-limited per volume, ten in five seconds.
	img = image(t, 1440)
	setFat12(img, shortEntry(t, img, "AVERYL~1TEX"), 0)
	k, task = boot(t, img)
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	fd, err = task.Open(name, linux.O_RDONLY, 0)
	must(t, err)
	_, _ = task.Pread(fd, make([]byte, 8192), 0)
	n := 0
	for _, l := range k.Dmesg() {
		if strings.Contains(l, "fat_get_cluster: invalid cluster chain") {
			n++
		}
	}
	if n != 10 {
		t.Errorf("logged %d of 11 chain errors, want 10", n)
	}
	must(t, task.Close(fd))
	must(t, task.Umount2("/mnt", 0))

	// A directory whose chain loops: fat_calc_dir_size fails while the
	// inode is filled, before its i_pos is recorded.
	img = image(t, 1440)
	sub := shortEntry(t, img, "SUB        ")
	setFat12(img, sub, sub)
	k, task = boot(t, img)
	must(t, task.Mount("/dev/loop0", "/mnt", "vfat", linux.MS_RDONLY, ""))
	if _, err := task.Stat("/mnt/sub"); err != linux.EIO {
		t.Errorf("stat of a looping directory: %v", err)
	}
	if log := strings.Join(k.Dmesg(), "\n"); !strings.Contains(log, "fat_get_cluster: detected the cluster chain loop (i_pos 0)") {
		t.Errorf("log: %s", log)
	}
}

// shortEntry finds the directory entry with the 11-byte name and returns
// its first cluster.
func shortEntry(t *testing.T, img []byte, name string) int {
	t.Helper()
	for off := 0; off+32 <= len(img); off += 32 {
		if string(img[off:off+11]) == name && img[off+11] != 0x0f {
			return int(binary.LittleEndian.Uint16(img[off+26:]))
		}
	}
	t.Fatalf("no entry %q", name)
	return 0
}

// setFat12 sets cluster c's entry of the first FAT12 to v.
func setFat12(img []byte, c, v int) {
	le := binary.LittleEndian
	p := int(le.Uint16(img[14:]))*512 + c + c/2
	old := int(le.Uint16(img[p:]))
	if c&1 != 0 {
		old = old&0xf | v<<4
	} else {
		old = old&0xf000 | v
	}
	le.PutUint16(img[p:], uint16(old))
}
