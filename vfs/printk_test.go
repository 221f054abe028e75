// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
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

// TestKernelLogLevels: a message's level marker is taken off its text;
// a message without one has the default level (4); fs_context messages
// have logfc's levels; the console shows what is below its level; a
// clear hides the records before it from readers, not from Dmesg.
func TestKernelLogLevels(t *testing.T) {
	task := newScKernel(t)
	k := task.Kernel()
	var shown []string
	k.SetConsole(func(_ time.Duration, line string) { shown = append(shown, line) })
	shown = nil
	k.Printk(vfs.KernErr + "an error")
	k.Printk("no level")
	k.Printk(vfs.KernDebug + "debug")
	if err := task.Mkdir("/m", 0o755); err != nil {
		t.Fatal(err)
	}
	_ = task.Mount("t", "/m", "tmpfs", 0, "nosuchkey")
	log, err := task.KernelLog()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range log[len(log)-4:] {
		got = append(got, fmt.Sprintf("%d %d %s", r.Facility, r.Level, r.Text))
	}
	want := []string{"0 3 an error", "0 4 no level", "0 7 debug", "0 3 tmpfs: Unknown parameter 'nosuchkey'"}
	if !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	if !slices.Equal(shown, []string{"an error", "no level", "tmpfs: Unknown parameter 'nosuchkey'"}) {
		t.Errorf("console showed %q", shown)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(task.SetConsoleLoglevel(4))
	must(task.SetConsoleLogging(false))
	k.Printk(vfs.KernAlert + "alert")
	must(task.SetConsoleLogging(true))
	k.Printk(vfs.KernErr + "err again")
	k.Printk(vfs.KernWarning + "warning")
	if want := []string{"err again"}; !slices.Equal(shown[3:], want) {
		t.Errorf("console showed %q after the level changes, want %q", shown[3:], want)
	}
	if err := task.SetConsoleLoglevel(9); err != linux.EINVAL {
		t.Errorf("console level 9: %v", err)
	}
	all := len(k.Dmesg())
	must(task.ClearKernelLog())
	k.Printk("after")
	if log, _ := task.KernelLog(); len(log) != 1 || log[0].Text != "after" {
		t.Errorf("after a clear: %v", log)
	}
	if len(k.Dmesg()) != all+1 {
		t.Errorf("Dmesg lost records to the clear")
	}
}
