// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

// FuzzListing feeds tune2fs -l's and dumpe2fs's listings the start of an
// image of any bytes (outside input: a disk image): decoding, the
// superblock and journal listings and the group listing must end, and
// never panic, whatever the bytes say. Seeds are the first 64 KiB of an
// ext4 and an ext2 image mke2fs makes.
func FuzzListing(f *testing.F) {
	for _, fsType := range []string{"ext4", "ext2"} {
		path := filepath.Join(f.TempDir(), fsType)
		makeOurs(f, path, 8<<20, fsType, nil)
		img, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(img[:64<<10])
	}
	none := func(uint32) string { return "" }
	f.Fuzz(func(t *testing.T, img []byte) {
		if len(img) < 2048 {
			return
		}
		si, ok := ext4.DecodeSuperInfo(img[1024:2048])
		if !ok || !plausible(&si) {
			return
		}
		r := bytes.NewReader(img)
		listSuper(io.Discard, &si, owners{none, none})
		if jsb, err := readJournalSuper(r, &si); err == nil {
			listJournal(io.Discard, jsb, false)
		}
		listGroupsTo(io.Discard, r, &si)
	})
}
