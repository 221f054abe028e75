// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestPrintkCutsLongMessages: Linux 6.18 logs a tmpfs option with a
// 3000-byte name as the first 1021 bytes of "tmpfs: Unknown parameter
// '...'", without the closing quote (found by FuzzMountData).
func TestPrintkCutsLongMessages(t *testing.T) {
	task := newScKernel(t)
	if err := task.Mkdir("/m", 0o755); err != nil {
		t.Fatal(err)
	}
	key := "k" + strings.Repeat("x", 2999)
	if err := task.Mount("t", "/m", "tmpfs", 0, key); err != linux.EINVAL {
		t.Fatalf("mount = %v, want EINVAL", err)
	}
	log := task.Kernel().Dmesg()
	want := ("tmpfs: Unknown parameter '" + key)[:1021]
	if len(log) != 1 || log[0] != want {
		t.Fatalf("kernel log %q; want one line of 1021 bytes", log)
	}
}

// TestOptionWithoutNameSkipped: mount(2) passes over "=x" in its data, as
// vfs_parse_monolithic_sep does (Linux 6.18 mounts tmpfs with "=x,mode=700"
// and remounts with "="); found by FuzzMountData.
func TestOptionWithoutNameSkipped(t *testing.T) {
	task := newScKernel(t)
	if err := task.Mkdir("/m", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := task.Mount("t", "/m", "tmpfs", 0, "=x,mode=700"); err != nil {
		t.Fatalf("mount: %v", err)
	}
	if err := task.Mount("", "/m", "", linux.MS_REMOUNT, "="); err != nil {
		t.Fatalf("remount: %v", err)
	}
	if mi := task.Mountinfo(); !strings.Contains(mi, " /m rw,relatime - tmpfs t rw,mode=700\n") {
		t.Errorf("mountinfo:\n%s", mi)
	}
	if log := task.Kernel().Dmesg(); len(log) != 0 {
		t.Errorf("kernel log %q", log)
	}
}
