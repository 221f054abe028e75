// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
)

// mountStringCase is one mount(2) whose strings the kernel cuts short: at a
// NUL byte, at PATH_MAX (source and type: EINVAL) or at a page (data).
type mountStringCase struct {
	name              string
	source, fstype    string
	target, data      string
	nullData, nullSrc bool
}

func mountStringCases() []mountStringCase {
	commas := func(n int) string { return strings.Repeat(",", n) }
	return []mountStringCase{
		{name: "data-nul", source: "t", fstype: "tmpfs", target: "x", data: "size=1m\x00size=2m"},
		{name: "data-nul-mid-key", source: "t", fstype: "tmpfs", target: "x", data: "size=1m,mo\x00de=700"},
		{name: "data-4095", source: "t", fstype: "tmpfs", target: "x", data: commas(4095-11) + "size=123456"},
		{name: "data-4096", source: "t", fstype: "tmpfs", target: "x", data: commas(4096-11) + "size=123456"},
		{name: "data-4100", source: "t", fstype: "tmpfs", target: "x", data: commas(4100-11) + "size=123456"},
		{name: "data-70000", source: "t", fstype: "tmpfs", target: "x", data: commas(70000-7) + "size=1m"},
		{name: "data-cut-in-key", source: "t", fstype: "tmpfs", target: "x", data: commas(4093) + "mode=700"},
		{name: "data-long-missing-target", source: "t", fstype: "tmpfs", target: "nowhere/x", data: commas(5000)},
		{name: "source-nul", source: "ab\x00cd", fstype: "tmpfs", target: "x", nullData: true},
		{name: "source-nul-first", source: "\x00cd", fstype: "tmpfs", target: "x", nullData: true},
		{name: "source-4095", source: strings.Repeat("s", 4095), fstype: "tmpfs", target: "x", nullData: true},
		{name: "source-4096", source: strings.Repeat("s", 4096), fstype: "tmpfs", target: "x", nullData: true},
		{name: "source-4096-missing-target", source: strings.Repeat("s", 4096), fstype: "tmpfs", target: "nowhere", nullData: true},
		{name: "source-long-after-nul", source: "s\x00" + strings.Repeat("s", 5000), fstype: "tmpfs", target: "x", nullData: true},
		{name: "type-nul", source: "t", fstype: "tmpfs\x00junk", target: "x", nullData: true},
		{name: "type-4095", source: "t", fstype: strings.Repeat("t", 4095), target: "x", nullData: true},
		{name: "type-4096", source: "t", fstype: strings.Repeat("t", 4096), target: "x", nullData: true},
		{name: "type-4096-long-source", source: strings.Repeat("s", 4096), fstype: strings.Repeat("t", 4096), target: "x", nullData: true},
		{name: "target-nul", source: "t", fstype: "tmpfs", target: "x\x00/nowhere", nullData: true},
		{name: "target-nul-in-dir", source: "t", fstype: "tmpfs", target: "nowhere\x00/x", nullData: true},
	}
}

// mountStringOutcome is the errno and, on success, the new mount's
// source, type and superblock options as mountinfo shows them.
func mountStringOutcome(err error, info string, mountpoint string) string {
	if err != nil {
		e, _ := errnoOf(err)
		return "error " + errName(e)
	}
	ms, perr := mountinfo.ParseAll(info)
	if perr != nil {
		return "bad mountinfo: " + perr.Error()
	}
	for _, m := range ms {
		if m.Mountpoint == mountpoint {
			src := m.Source
			if len(src) > 40 {
				src = fmt.Sprintf("%s...(%d bytes)", src[:10], len(src))
			}
			return fmt.Sprintf("ok %s %s %s", m.FSType, src, m.SuperOptions)
		}
	}
	return "ok, but no mount on " + mountpoint
}

// hostMountString runs c with raw mount(2) on a host tmpfs at dir.
func hostMountString(t *testing.T, dir string, c mountStringCase) string {
	if err := os.Mkdir(dir+"/x", 0o755); err != nil && !os.IsExist(err) {
		t.Fatal(err)
	}
	var data unsafe.Pointer
	if !c.nullData {
		data = unsafe.Pointer(cstr(c.data))
	}
	err := sysErr(unix.SYS_MOUNT, cstr(c.source), cstr(dir+"/"+c.target), cstr(c.fstype), 0, data)
	info, rerr := os.ReadFile("/proc/thread-self/mountinfo")
	if rerr != nil {
		t.Fatal(rerr)
	}
	if err == nil {
		defer unix.Unmount(dir+"/x", unix.MNT_DETACH)
	}
	return mountStringOutcome(err, string(info), dir+"/x")
}

// vfsMountString runs c with Task.Mount on a fresh linuxvfs kernel.
func vfsMountString(t *testing.T, c mountStringCase) string {
	task := newScKernel(t)
	if err := task.Mkdir("/x", 0o755); err != nil {
		t.Fatal(err)
	}
	err := task.Mount(c.source, "/"+c.target, c.fstype, 0, c.data)
	return mountStringOutcome(err, task.Mountinfo(), "/x")
}

// TestMountStringsHostDifferential compares mount(2)'s treatment of
// source, type, target and data strings with the host kernel's.
func TestMountStringsHostDifferential(t *testing.T) {
	if why := hostUnavailable(); why != "" {
		t.Skip("host kernel reference unavailable: " + why)
	}
	// The mounts and the mountinfo reads stay on one thread: /proc/self
	// shows the main thread's namespace, which need not be this one's.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, ""); err != nil {
		t.Fatalf("mount tmpfs on %s: %v", dir, err)
	}
	// Detached before TempDir's removal; a case that mounted on dir itself
	// by mistake must not leave the base mount behind.
	t.Cleanup(func() {
		for unix.Unmount(dir, unix.MNT_DETACH) == nil {
		}
	})
	for _, c := range mountStringCases() {
		host := hostMountString(t, dir, c)
		mine := vfsMountString(t, c)
		if host != mine {
			t.Errorf("%s:\n  host %s\n  vfs  %s", c.name, host, mine)
		}
	}
}

// TestMountStringsCut checks the same cases against results recorded from
// Linux 6.18, so that machines without root test them too.
func TestMountStringsCut(t *testing.T) {
	want := map[string]string{
		"data-nul":                   "ok tmpfs t rw,size=1024k",
		"data-nul-mid-key":           "error EINVAL",
		"data-4095":                  "ok tmpfs t rw,size=124k",
		"data-4096":                  "ok tmpfs t rw,size=16k",
		"data-4100":                  "ok tmpfs t rw,size=4k",
		"data-70000":                 "ok tmpfs t rw",
		"data-cut-in-key":            "error EINVAL",
		"data-long-missing-target":   "error ENOENT",
		"source-nul":                 "ok tmpfs ab rw",
		"source-nul-first":           "ok tmpfs  rw",
		"source-4095":                "ok tmpfs ssssssssss...(4095 bytes) rw",
		"source-4096":                "error EINVAL",
		"source-4096-missing-target": "error EINVAL",
		"source-long-after-nul":      "ok tmpfs s rw",
		"type-nul":                   "ok tmpfs t rw",
		"type-4095":                  "error ENODEV",
		"type-4096":                  "error EINVAL",
		"type-4096-long-source":      "error EINVAL",
		"target-nul":                 "ok tmpfs t rw",
		"target-nul-in-dir":          "error ENOENT",
	}
	for _, c := range mountStringCases() {
		if got := vfsMountString(t, c); got != want[c.name] {
			t.Errorf("%s: got %q, want %q", c.name, got, want[c.name])
		}
	}
}
