// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"bytes"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

// TestListingSurvivesDamage lists images whose superblock and group
// descriptors have random bytes overwritten: whatever the listing says,
// it must neither panic nor run away.
func TestListingSurvivesDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "img")
	makeOurs(t, path, 8<<20, "ext4", nil)
	clean, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	listed := 0
	for range 1000 {
		img := bytes.Clone(clean)
		for range 1 + rng.Intn(4) {
			// The superblock and the first descriptor block.
			img[1024+rng.Intn(2048)] = byte(rng.Intn(256))
		}
		raw := img[1024:2048]
		si, ok := ext4.DecodeSuperInfo(raw)
		if !ok || !plausible(&si) {
			continue
		}
		listed++
		r := bytes.NewReader(img)
		listSuper(io.Discard, &si, owners{func(uint32) string { return "" }, func(uint32) string { return "" }})
		if jsb, err := readJournalSuper(r, &si); err == nil {
			listJournal(io.Discard, jsb, false)
		}
		listGroupsTo(io.Discard, r, &si)
	}
	if listed == 0 {
		t.Fatal("no damaged image was plausible enough to list")
	}
}
