// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestReboot is reboot(2)'s order of checks in kernel/reboot.c: the
// capability before the magic numbers, the magic numbers before the
// command; Ctrl-Alt-Del settings return at once, the machine-ending
// commands log the kernel's words and take the machine down.
func TestReboot(t *testing.T) {
	const m1, m2 = linux.LINUX_REBOOT_MAGIC1, linux.LINUX_REBOOT_MAGIC2
	rows := []struct {
		name           string
		user           bool
		magic1, magic2 uint32
		cmd            uint32
		want           error
		log            string
	}{
		{name: "user-bad-magic", user: true, magic1: 1, magic2: 2, cmd: linux.LINUX_REBOOT_CMD_CAD_ON, want: linux.EPERM},
		{name: "bad-magic1", magic1: 1, magic2: m2, cmd: linux.LINUX_REBOOT_CMD_CAD_ON, want: linux.EINVAL},
		{name: "bad-magic2", magic1: m1, magic2: 3, cmd: linux.LINUX_REBOOT_CMD_CAD_ON, want: linux.EINVAL},
		{name: "magic2c", magic1: m1, magic2: linux.LINUX_REBOOT_MAGIC2C, cmd: linux.LINUX_REBOOT_CMD_CAD_OFF},
		{name: "bad-cmd", magic1: m1, magic2: m2, cmd: 42, want: linux.EINVAL},
		{name: "kexec-no-image", magic1: m1, magic2: m2, cmd: linux.LINUX_REBOOT_CMD_KEXEC, want: linux.EINVAL},
		{name: "halt", magic1: m1, magic2: m2, cmd: linux.LINUX_REBOOT_CMD_HALT, log: "reboot: System halted"},
		{name: "power-off", magic1: m1, magic2: m2, cmd: linux.LINUX_REBOOT_CMD_POWER_OFF, log: "reboot: Power down"},
		{name: "restart", magic1: m1, magic2: m2, cmd: linux.LINUX_REBOOT_CMD_RESTART, log: "reboot: Restarting system"},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			task := newScKernel(t)
			k := task.Kernel()
			var down []uint32
			k.SetMachineDown(func(cmd uint32) { down = append(down, cmd) })
			if r.user {
				task.SetCred(vfs.UserCred(1000, 1000))
			}
			err := task.Reboot(r.magic1, r.magic2, r.cmd, "")
			if err != r.want && !(err == nil && r.want == nil) {
				t.Fatalf("Reboot: %v, want %v", err, r.want)
			}
			going := r.log != ""
			if k.MachineGoingDown() != going || (len(down) == 1) != going {
				t.Fatalf("going down %v, handler calls %v; want %v", k.MachineGoingDown(), down, going)
			}
			if logs := k.Dmesg(); going && (len(logs) == 0 || logs[len(logs)-1] != r.log) {
				t.Fatalf("last log line of %q; want %q", logs, r.log)
			}
		})
	}
}
