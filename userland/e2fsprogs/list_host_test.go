// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"bytes"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

// hostOwners names ids as the host's dumpe2fs does.
var hostOwners = owners{
	user: func(uid uint32) string {
		u, err := user.LookupId(strconv.Itoa(int(uid)))
		if err != nil {
			return ""
		}
		return u.Username
	},
	group: func(gid uint32) string {
		g, err := user.LookupGroupId(strconv.Itoa(int(gid)))
		if err != nil {
			return ""
		}
		return g.Name
	},
}

// ourListing is what dumpe2fs -h prints for the image at path, from
// the listing functions (header true) or tune2fs -l's part; with groups
// too, dumpe2fs's whole listing.
func ourListing(t *testing.T, path string, header, groups bool) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw := make([]byte, 1024)
	if _, err := f.ReadAt(raw, 1024); err != nil {
		t.Fatal(err)
	}
	si, ok := ext4.DecodeSuperInfo(raw)
	if !ok {
		t.Fatal("no superblock")
	}
	var b bytes.Buffer
	listSuper(&b, &si, hostOwners)
	if !header {
		return b.String()
	}
	if si.Compat&compatHasJournal != 0 && si.JournalInum != 0 {
		jsb, err := readJournalSuper(f, &si)
		if err != nil || !listJournal(&b, jsb, si.Compat&compatFastCommit != 0) {
			t.Fatalf("journal: %v", err)
		}
	}
	b.WriteString("\n")
	if groups {
		b.WriteString("\n")
		if err := listGroupsTo(&b, f, &si); err != nil {
			t.Fatalf("groups: %v", err)
		}
	}
	return b.String()
}

// TestListingMatchesHost compares the superblock listing with the host's
// dumpe2fs -h and tune2fs -l over images of several kinds, some with
// fields edited by debugfs.
func TestListingMatchesHost(t *testing.T) {
	for _, tool := range []string{"mke2fs", "dumpe2fs", "tune2fs", "debugfs"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip("no " + tool + " on the host")
		}
	}
	dir := t.TempDir()
	cases := []struct {
		size  int64
		typ   string
		args  []string
		edits []string
	}{
		{8 << 20, "ext4", nil, nil},
		{8 << 20, "ext2", nil, nil},
		{8 << 20, "ext3", nil, nil},
		{8 << 20, "ext2", []string{"-r", "0"}, nil},
		{8 << 20, "ext3", nil, []string{"uuid null", "hash_seed null", "def_hash_version legacy"}},
		{64 << 20, "ext4", []string{"-O", "^metadata_csum"}, nil},
		{64 << 20, "ext4", []string{"-O", "^flex_bg", "-L", "lab", "-m", "1"}, nil},
		{600 << 20, "ext4", []string{"-b", "4096", "-J", "size=64"}, nil},
		{600 << 20, "ext4", nil, nil},
		{600 << 20, "ext4", []string{"-O", "metadata_csum_seed,^resize_inode"}, nil},
		{40 << 20, "ext4", []string{"-O", "^resize_inode", "-N", "3000"}, nil},
		{300 << 20, "ext3", []string{"-b", "2048"}, nil},
		{8 << 20, "ext4", nil, []string{"kbytes_written 20000000", "state 2", "errors 3", "creator_os 3",
			"checkinterval 2678400", "max_mnt_count 20", "raid_stride 4", "raid_stripe_width 8",
			"last_orphan 12", "mount_opts foo,bar", "def_hash_version tea", "default_mount_opts 0x6ff",
			"flags 0x6", "def_resuid 1000", "def_resgid 65", "first_meta_bg 3", "error_count 2",
			"first_error_time 1700000000", "first_error_ino 12", "first_error_block 99",
			"last_error_time 1700000001", "last_error_func ext4_lookup", "last_error_line 9",
			"last_mounted /a/b", "journal_uuid 11111111-2222-3333-4444-555555555555",
			"backup_bgs[0] 3", "prj_quota_inum 3", "usr_quota_inum 4", "grp_quota_inum 5",
			"snapshot_inum 3", "mtime 1700000000", "lastcheck 1600000000", "mnt_count 7",
			"feature_compat 0x1fff", "feature_ro_compat 0xfffffffb", "orphan_file_inum 12"}},
		{8 << 20, "ext4", nil, []string{"feature_compat 0", "state 0", "checkinterval 90061", "mkfs_time 0",
			"log_groups_per_flex 0", "min_extra_isize 0", "hash_seed null",
			"kbytes_written 8192", "overhead_clusters 0"}},
	}
	for i, c := range cases {
		img := filepath.Join(dir, strconv.Itoa(i)+".img")
		makeHost(t, img, c.size, c.typ, c.args...)
		for _, e := range c.edits {
			if out, err := exec.Command("debugfs", "-w", "-R", "ssv "+e, img).CombinedOutput(); err != nil ||
				strings.Contains(string(out), "nvalid") {
				t.Fatalf("debugfs ssv %s: %v %s", e, err, out)
			}
		}
		for _, header := range []bool{true, false} {
			cmd := exec.Command("dumpe2fs", "-h", img)
			if !header {
				cmd = exec.Command("tune2fs", "-l", img)
			}
			want, err := cmd.Output()
			if err != nil && header {
				t.Fatalf("%s: %v", cmd, err)
			}
			w := strings.TrimPrefix(string(want), "tune2fs "+e2fsprogsVersion+"\n")
			if got := ourListing(t, img, header, false); got != w {
				t.Errorf("case %d (%v %v), %s:\n%s", i, c.args, c.edits, cmd, lineDiff(got, w))
			}
		}
		if want, err := exec.Command("dumpe2fs", img).Output(); err == nil {
			if got := ourListing(t, img, true, true); got != string(want) {
				t.Errorf("case %d (%v %v), dumpe2fs:\n%s", i, c.args, c.edits, lineDiff(got, string(want)))
			}
		}
	}
}

// lineDiff shows the lines that differ, ours first.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("ours: " + strconv.Quote(gl) + "\nhost: " + strconv.Quote(wl) + "\n")
		}
	}
	return b.String()
}
