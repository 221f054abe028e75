// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// rebootState is what reboot(2) keeps: whether Ctrl-Alt-Del reboots at
// once (C_A_D), and who takes the machine down.
type rebootState struct {
	mu       sync.Mutex // reboot_mutex
	cadOff   bool       // C_A_D is on unless CAD_OFF turned it off
	machine  func(cmd uint32)
	stopping bool
}

// SetMachineDown sets what happens when a task halts, powers off or
// restarts the machine: a booted system ends its init and returns. With
// none set, reboot(2) logs the kernel's words and returns success, and the
// kernel stays usable (a library user decides what a power-off means).
func (k *Kernel) SetMachineDown(down func(cmd uint32)) {
	k.reboot.mu.Lock()
	k.reboot.machine = down
	k.reboot.mu.Unlock()
}

// MachineGoingDown reports whether a reboot, halt or power-off was asked.
func (k *Kernel) MachineGoingDown() bool {
	k.reboot.mu.Lock()
	defer k.reboot.mu.Unlock()
	return k.reboot.stopping
}

// rebootMagic2 are the second magic numbers reboot(2) accepts.
var rebootMagic2 = [...]uint32{linux.LINUX_REBOOT_MAGIC2, linux.LINUX_REBOOT_MAGIC2A,
	linux.LINUX_REBOOT_MAGIC2B, linux.LINUX_REBOOT_MAGIC2C}

// Reboot is reboot(2): CAP_SYS_BOOT first (EPERM), then the magic numbers
// (EINVAL), then the command. arg is RESTART2's command string. Kexec
// has no loaded image here and suspend is not built in, so both are
// EINVAL, as on a kernel without them.
func (t *Task) Reboot(magic1, magic2, cmd uint32, arg string) error {
	if !t.Cred().HasCap(linux.CAP_SYS_BOOT) {
		return linux.EPERM
	}
	if magic1 != linux.LINUX_REBOOT_MAGIC1 || !magic2OK(magic2) {
		return linux.EINVAL
	}
	k := t.k
	k.reboot.mu.Lock()
	down, err := k.rebootLocked(cmd, arg)
	k.reboot.mu.Unlock()
	if err == nil && down != nil {
		down(cmd)
	}
	return err
}

// rebootLocked carries out cmd and returns the machine's way down for a
// command that ends it.
func (k *Kernel) rebootLocked(cmd uint32, arg string) (func(uint32), error) {
	switch cmd {
	case linux.LINUX_REBOOT_CMD_CAD_ON, linux.LINUX_REBOOT_CMD_CAD_OFF:
		k.reboot.cadOff = cmd == linux.LINUX_REBOOT_CMD_CAD_OFF
		return nil, nil
	case linux.LINUX_REBOOT_CMD_RESTART:
		k.Printk(KernEmerg + "reboot: Restarting system")
	case linux.LINUX_REBOOT_CMD_RESTART2:
		k.Printk(KernEmerg + "reboot: Restarting system with command '" + arg + "'")
	case linux.LINUX_REBOOT_CMD_HALT:
		k.Printk(KernEmerg + "reboot: System halted")
	case linux.LINUX_REBOOT_CMD_POWER_OFF:
		k.Printk(KernEmerg + "reboot: Power down")
	default:
		return nil, linux.EINVAL
	}
	k.reboot.stopping = true
	return k.reboot.machine, nil
}

func magic2OK(m uint32) bool {
	for _, v := range rebootMagic2 {
		if m == v {
			return true
		}
	}
	return false
}
