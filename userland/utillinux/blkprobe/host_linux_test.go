// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgainstHostBlkid makes images with the real tools and compares
// what the probe reports on each with what the host's blkid -p says
// about the same file (libblkid 2.38 on this machine). Images whose
// tool is missing are skipped.
func TestAgainstHostBlkid(t *testing.T) {
	blkid, err := exec.LookPath("blkid")
	if err != nil {
		t.Skip("no blkid")
	}
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree")
	os.MkdirAll(filepath.Join(tree, "sub"), 0o755)
	os.WriteFile(filepath.Join(tree, "a"), []byte("hello\n"), 0o644)
	for _, c := range hostImageCases {
		t.Run(c.name, func(t *testing.T) {
			img := filepath.Join(dir, c.name+".img")
			if c.size != "" {
				if err := exec.Command("truncate", "-s", c.size, img).Run(); err != nil {
					t.Fatal(err)
				}
			}
			args := make([]string, len(c.cmd))
			for i, a := range c.cmd {
				args[i] = strings.NewReplacer("IMG", img, "TREE", tree).Replace(a)
			}
			if _, err := exec.LookPath(args[0]); err != nil {
				t.Skip("no " + args[0])
			}
			cmd := exec.Command(args[0], args[1:]...)
			if c.stdin != "" {
				cmd.Stdin = strings.NewReader(c.stdin)
			}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v: %v\n%s", args, err, out)
			}
			for _, mode := range []struct {
				flag  []string
				flags Flags
			}{{[]string{"-p"}, LowFlags}, {[]string{"-c", "/dev/null"}, CacheFlags}} {
				want, _ := exec.Command(blkid, append(mode.flag, "-o", "export", img)...).Output()
				got := probeFileExport(t, img, mode.flags)
				if got != string(want) {
					t.Errorf("%v:\ngot:\n%s\nwant:\n%s", mode.flag, got, want)
				}
			}
		})
	}
}

var hostImageCases = []struct {
	name, size string
	cmd        []string
	stdin      string
}{
	{name: "ext4", cmd: []string{"mke2fs", "-q", "-F", "-t", "ext4", "-L", "extlab", "-U", "11111111-2222-3333-4444-555555555555", "IMG", "4M"}},
	{name: "ext3", cmd: []string{"mke2fs", "-q", "-F", "-t", "ext3", "-U", "21111111-2222-3333-4444-555555555555", "IMG", "4M"}},
	{name: "ext2", cmd: []string{"mke2fs", "-q", "-F", "-t", "ext2", "-L", "a b  ", "IMG", "2M"}},
	{name: "ext2tiny", cmd: []string{"mke2fs", "-q", "-F", "-t", "ext2", "IMG", "1200k"}},
	{name: "jbd", cmd: []string{"mke2fs", "-q", "-F", "-O", "journal_dev", "-b", "1024", "IMG", "2M"}},
	{name: "fat12", cmd: []string{"mkfs.vfat", "-C", "-F", "12", "-i", "0badcafe", "IMG", "1024"}},
	{name: "fat16", cmd: []string{"mkfs.vfat", "-C", "-F", "16", "-n", "FATLAB", "-i", "1234abcd", "IMG", "20000"}},
	{name: "fat32", cmd: []string{"mkfs.vfat", "-C", "-F", "32", "-n", "BIG ONE", "-i", "deadbeef", "IMG", "40000"}},
	{name: "iso", cmd: []string{"genisoimage", "-quiet", "-V", "ISOLAB", "-o", "IMG", "TREE"}},
	{name: "isojoliet", cmd: []string{"genisoimage", "-quiet", "-J", "-r", "-V", "Mixed Case Label", "-publisher", "Pub", "-p", "Prep", "-o", "IMG", "TREE"}},
	{name: "romfs", cmd: []string{"genromfs", "-V", "romlab", "-d", "TREE", "-f", "IMG", "-a", "2048"}},
	{name: "squashfs", cmd: []string{"mksquashfs", "TREE", "IMG", "-quiet", "-noappend"}},
	{name: "swap", size: "1M", cmd: []string{"mkswap", "-L", "swlab", "-U", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "IMG"}},
	{name: "swapbig", size: "3M", cmd: []string{"mkswap", "IMG"}},
	{name: "dos", size: "8M", cmd: []string{"sfdisk", "-q", "IMG"}, stdin: "label: dos\nlabel-id: 0x12345678\n,3M,83\n,2M,c\n,,5\n,1M,83\n"},
	{name: "gpt", size: "8M", cmd: []string{"sfdisk", "-q", "IMG"}, stdin: "label: gpt\nlabel-id: 01234567-89AB-CDEF-0123-456789ABCDEF\nsize=3M, type=L, name=root\nsize=2M, type=U, name=\"EFI sys\"\n"},
	{name: "xfs", size: "300M", cmd: []string{"mkfs.xfs", "-q", "-L", "xl", "IMG"}},
	{name: "btrfs", size: "120M", cmd: []string{"mkfs.btrfs", "-q", "-L", "bl", "IMG"}},
}

// probeFileExport is blkid's export output for a regular file.
func probeFileExport(t *testing.T, img string, flags Flags) string {
	f, err := os.Open(img)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	p := New(Device{R: f, Size: st.Size()}, flags)
	if p.Safe() != Found {
		return ""
	}
	vals := p.Values()
	if flags == CacheFlags {
		vals = CacheTags(vals)
	}
	var b bytes.Buffer
	b.WriteString("DEVNAME=" + img + "\n")
	for _, v := range vals {
		b.WriteString(v.Name + "=" + ExportEscape(v.Data) + "\n")
	}
	return b.String()
}
