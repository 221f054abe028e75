// SPDX-License-Identifier: Apache-2.0

package initramfs

import (
	"errors"
	"fmt"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// pageSize is the unit the initrd's memory is freed in.
const pageSize = 4096

// PopulateRootfs fills rootfs at boot as do_populate_rootfs does: the
// archive built into the kernel first (DefaultBuiltin for a kernel built
// without CONFIG_INITRAMFS_SOURCE), then the initrd the boot loader
// passed, if any (nil or empty: none).
//
// A corrupt built-in archive returns an *Error with Builtin set: the
// kernel panics with its message. A corrupt initrd is logged
// ("Initramfs unpacking failed: ..."), and the boot goes on with what was
// unpacked: the *Error is returned for the caller to know. With
// opts.BlkDevRAM the initrd is taken for an old-style initrd instead and
// saved whole as /initrd.image. The kernel runs this asynchronously; the
// caller waits for it where the kernel does (wait_for_initramfs).
func PopulateRootfs(t *vfs.Task, builtin, initrd []byte, opts Options) error {
	k := t.Kernel()
	if err := Unpack(t, builtin, opts); err != nil {
		var e *Error
		errors.As(err, &e)
		e.Builtin = true
		return e
	}
	if len(initrd) == 0 {
		return nil
	}
	if opts.BlkDevRAM {
		k.Printk(vfs.KernInfo + "Trying to unpack rootfs image as initramfs...")
	} else {
		k.Printk(vfs.KernInfo + "Unpacking initramfs...")
	}
	err := Unpack(t, initrd, opts)
	if err != nil {
		if opts.BlkDevRAM {
			saveInitrdImage(t, initrd, err.Error())
		} else {
			k.Printk(vfs.KernEmerg + "Initramfs unpacking failed: " + err.Error())
		}
	}
	if !opts.RetainInitrd {
		// x86's free_initrd_mem frees whole pages up to the end rounded up.
		kib := (len(initrd) + pageSize - 1) / pageSize * pageSize >> 10
		k.Printk(vfs.KernInfo + fmt.Sprintf("Freeing initrd memory: %dK", kib))
	}
	return err
}

// saveInitrdImage keeps an initrd that is no initramfs as /initrd.image
// for initrd_load (populate_initrd_image).
func saveInitrdImage(t *vfs.Task, initrd []byte, why string) {
	k := t.Kernel()
	k.Printk(vfs.KernInfo + "rootfs image is not initramfs (" + why + "); looks like an initrd")
	fd, err := t.Open("/initrd.image", linux.O_WRONLY|linux.O_CREAT|linux.O_LARGEFILE, 0o700)
	if err != nil {
		return
	}
	defer t.Close(fd)
	done := 0
	for done < len(initrd) {
		n, err := t.Write(fd, initrd[done:])
		done += n
		if errno, ok := err.(linux.Errno); ok && done == 0 {
			done = -int(errno) // xwrite returns the error when nothing went
		}
		if err != nil || n == 0 {
			break
		}
	}
	if done != len(initrd) {
		k.Printk(vfs.KernErr + fmt.Sprintf("/initrd.image: incomplete write (%d != %d)", done, len(initrd)))
	}
}
