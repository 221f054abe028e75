// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

const (
	testUUID = "11111111-2222-3333-4444-555555555555"
	testSeed = "11111111-2222-3333-4444-555555555556"
	testTime = 1000000000
)

// makeOurs lays out an image the way the command would for a file of
// size bytes and writes it to path.
func makeOurs(t testing.TB, path string, size int64, fsType string, extra func(*settings)) {
	t.Helper()
	s := &settings{fsType: fsType, now: testTime, lazyItable: true, itableZeroed: true}
	s.uuid, _ = parseUUID(testUUID)
	s.hashSeed, _ = parseUUID(testSeed)
	if extra != nil {
		extra(s)
	}
	m, err := s.makeImage(uint64(size))
	if err != nil {
		t.Fatalf("layout: %v", err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := m.writeImage(f, false); err != nil {
		t.Fatal(err)
	}
}

// makeHost runs the host's mke2fs with everything random fixed.
func makeHost(t *testing.T, path string, size int64, fsType string, args ...string) {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
	argv := append([]string{"-q", "-F", "-t", fsType, "-U", testUUID, "-E", "hash_seed=" + testSeed}, args...)
	argv = append(argv, path)
	cmd := exec.Command("mke2fs", argv...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("E2FSPROGS_FAKE_TIME=%d", testTime), "MKE2FS_CONFIG=/etc/mke2fs.conf")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("host mke2fs: %v\n%s", err, out)
	}
}

// kbytesOff is s_kbytes_written's place in the superblock, which mke2fs
// sets from its I/O layer's count of bytes written.
const kbytesOff = 376

// normalise blanks the fields that are allowed to differ: only
// s_kbytes_written (and so the superblocks' checksums) in each copy.
func normalise(img []byte, superOffs []int64) {
	for _, off := range superOffs {
		if off+1024 > int64(len(img)) {
			continue
		}
		clear(img[off+kbytesOff : off+kbytesOff+8])
		clear(img[off+1020 : off+1024])
	}
}

func TestImageMatchesHost(t *testing.T) {
	if _, err := exec.LookPath("mke2fs"); err != nil {
		t.Skip("no mke2fs on the host")
	}
	dir := t.TempDir()
	cases := []struct {
		size   int64
		fsType string
	}{
		{64 << 20, "ext4"}, {1 << 20, "ext4"}, {2 << 20, "ext4"}, {3 << 20, "ext4"},
		{8 << 20, "ext4"}, {300 << 20, "ext4"}, {600 << 20, "ext4"}, {2 << 30, "ext4"},
		{64 << 20, "ext2"}, {8 << 20, "ext2"}, {600 << 20, "ext2"},
		{64 << 20, "ext3"}, {8 << 20, "ext3"}, {600 << 20, "ext3"}, {300 << 20, "ext3"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s-%d", c.fsType, c.size), func(t *testing.T) {
			ours, host := filepath.Join(dir, "ours"), filepath.Join(dir, "host")
			makeHost(t, host, c.size, c.fsType)
			makeOurs(t, ours, c.size, c.fsType, nil)
			compareImages(t, ours, host)
			fsck(t, ours)
		})
	}
}

// TestOptionsMatchHost runs the command line's options through the
// layout and compares with the host's mke2fs given the same options.
func TestOptionsMatchHost(t *testing.T) {
	if _, err := exec.LookPath("mke2fs"); err != nil {
		t.Skip("no mke2fs on the host")
	}
	dir := t.TempDir()
	cases := []struct {
		size   int64
		fsType string
		args   []string
	}{
		{64 << 20, "ext4", []string{"-b", "4096"}},
		{64 << 20, "ext4", []string{"-b", "2048"}},
		{64 << 20, "ext4", []string{"-N", "5000"}},
		{64 << 20, "ext4", []string{"-I", "128"}},
		{64 << 20, "ext4", []string{"-m", "1"}},
		{64 << 20, "ext4", []string{"-L", "somelabel"}},
		{64 << 20, "ext4", []string{"-T", "news"}},
		{600 << 20, "ext4", []string{"-T", "largefile"}},
		{64 << 20, "ext4", []string{"-O", "^metadata_csum"}},
		{64 << 20, "ext4", []string{"-O", "^metadata_csum,uninit_bg"}},
		{64 << 20, "ext4", []string{"-O", "^has_journal"}},
		{64 << 20, "ext4", []string{"-O", "^flex_bg"}},
		{64 << 20, "ext4", []string{"-O", "^64bit"}},
		{64 << 20, "ext4", []string{"-O", "^resize_inode"}},
		{64 << 20, "ext4", []string{"-J", "size=8"}},
		{64 << 20, "ext4", []string{"-i", "8192"}},
		{64 << 20, "ext4", []string{"-E", "root_owner=1000:100,hash_seed=" + testSeed}},
		{64 << 20, "ext2", []string{"-j"}},
		{64 << 20, "ext4", []string{"-g", "4096", "-G", "4", "-e", "panic", "-M", "/mnt/x"}},
		{64 << 20, "ext3", []string{"-g", "2048", "-e", "remount-ro"}},
		{64 << 20, "ext4", []string{"-K"}},
		{64 << 20, "ext4", []string{"-G", "2"}},
		{64 << 20, "ext4", []string{"-O", "metadata_csum_seed,large_dir"}},
		{1 << 30, "ext3", nil},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s-%d-%s", c.fsType, c.size, strings.Join(c.args, "")), func(t *testing.T) {
			ours, host := filepath.Join(dir, "ours"), filepath.Join(dir, "host")
			makeHost(t, host, c.size, c.fsType, c.args...)
			makeOurs(t, ours, c.size, c.fsType, func(s *settings) {
				r := &mkfsRun{c: &applet.Cmd{Errw: io.Discard}, s: *s}
				for i := 0; i < len(c.args); i++ {
					o := getopt.Parsed{ID: int(c.args[i][1])}
					if !strings.ContainsRune("jqnvFK", rune(o.ID)) {
						i++
						o.Value = c.args[i]
					}
					if st, done := r.option(o); done {
						t.Fatalf("option %s: status %d", c.args[i], st)
					}
				}
				if !r.extendedOpts() {
					t.Fatal("bad -E")
				}
				*s = r.s
				if r.noDiscard {
					s.itableZeroed = false
				}
			})
			compareImages(t, ours, host)
			fsck(t, ours)
		})
	}
}

// fsck runs the host's e2fsck -fn on an image: it must find nothing.
func fsck(t *testing.T, img string) {
	t.Helper()
	if _, err := exec.LookPath("e2fsck"); err != nil {
		return
	}
	if out, err := exec.Command("e2fsck", "-fn", img).CombinedOutput(); err != nil {
		t.Errorf("e2fsck -fn: %v\n%s", err, out)
	}
}

// compareImages reports the blocks where two images differ, the
// superblocks' s_kbytes_written and checksum aside.
func compareImages(t *testing.T, ours, host string) {
	t.Helper()
	fa, err := os.Open(ours)
	if err != nil {
		t.Fatal(err)
	}
	defer fa.Close()
	fb, err := os.Open(host)
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Close()
	sa, _ := fa.Stat()
	sb, _ := fb.Stat()
	if sa.Size() != sb.Size() {
		t.Fatalf("sizes differ: %d and %d", sa.Size(), sb.Size())
	}
	head := make([]byte, 2048)
	fb.ReadAt(head, 0)
	bs := int64(1024) << le.Uint32(head[1024+24:])
	bpg := int64(le.Uint32(head[1024+32:]))
	first := int64(le.Uint32(head[1024+20:]))
	supers := map[int64]bool{1024: true}
	for g := int64(1); first+g*bpg < sb.Size()/bs; g++ {
		supers[(first+g*bpg)*bs] = true
	}
	const chunk = 1 << 20
	x, y := make([]byte, chunk), make([]byte, chunk)
	bad := 0
	for base := int64(0); base < sa.Size(); base += chunk {
		n, _ := fa.ReadAt(x, base)
		fb.ReadAt(y[:n], base)
		if bytes.Equal(x[:n], y[:n]) {
			continue
		}
		for off := int64(0); off < int64(n); off += bs {
			p, q := x[off:off+bs], y[off:off+bs]
			for s := range supers {
				if s >= base+off && s < base+off+bs {
					normalise(p, []int64{s - base - off})
					normalise(q, []int64{s - base - off})
				}
			}
			if bytes.Equal(p, q) {
				continue
			}
			for i := range p {
				if p[i] != q[i] {
					t.Errorf("block %d differs first at byte %d: ours %#x host %#x", (base+off)/bs, i, p[i], q[i])
					break
				}
			}
			if bad++; bad > 20 {
				t.Fatal("too many differences")
			}
		}
	}
}
