// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// console is the system console (/dev/console, 5:1) of a booted kernel:
// what init reads and writes through its first descriptors
// (console_on_rootfs), and where printk's lines go. Here it is the host's
// terminal or whatever streams the boot was given.
type console struct {
	in  io.Reader
	mu  sync.Mutex // one writer at a time: kernel messages and init's output
	out io.Writer
}

// register makes the console the driver of 5:1 and the kernel's printk
// console, with the kernel's timestamps.
func (c *console) register(k *vfs.Kernel) error {
	if err := k.RegisterCharDevice(5, 1, c); err != nil {
		return err
	}
	k.SetConsole(c.printk)
	return nil
}

// printk shows one kernel message as a console does with printk.time set:
// each line of a multi-line message after the timestamp
// (record_print_text).
func (c *console) printk(at time.Duration, msg string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	us := at.Microseconds()
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintf(c.out, "[%5d.%06d] %s\n", us/1e6, us%1e6, line)
	}
}

// ReadAt reads what the console's input gives.
func (c *console) ReadAt(_ *vfs.File, p []byte, _ int64) (int, error) {
	if c.in == nil || len(p) == 0 {
		return 0, nil
	}
	n, err := c.in.Read(p)
	if err != nil && err != io.EOF && n == 0 {
		return 0, linux.EIO
	}
	return n, nil
}

// WriteAt shows p on the console.
func (c *console) WriteAt(_ *vfs.File, p []byte, _ int64) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, err := c.out.Write(p)
	if err != nil {
		return n, linux.EIO
	}
	return n, nil
}

func (c *console) ReadDir(*vfs.File) ([]vfs.Dirent, error) { return nil, linux.ENOTDIR }
