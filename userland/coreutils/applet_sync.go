// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// syncApplet is sync(1): with no FILE every filesystem is written back;
// otherwise each FILE's data (-d), its filesystem (-f) or the file itself.
func syncApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION] [FILE]..."
	fs.About = `Write cached data to storage: all of it, or with FILEs only what concerns
them.`
	data := fs.BoolP("data", "d", false, "only the FILEs' data and the metadata needed to read it")
	whole := fs.BoolP("file-system", "f", false, "the whole filesystems that hold the FILEs")
	files, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	switch {
	case *data && *whole:
		c.Errorf("cannot specify both --data and --file-system")
		return 1
	case *data && len(files) == 0:
		c.Errorf("--data needs at least one argument")
		return 1
	case len(files) == 0:
		c.Task.Sync()
		return 0
	}
	how := c.Task.Fsync
	switch {
	case *data:
		how = c.Task.Fdatasync
	case *whole:
		how = c.Task.Syncfs
	}
	status := 0
	for _, name := range files {
		if !c.syncOne(name, how) {
			status = 1
		}
	}
	return status
}

// syncOne opens name without blocking (a FIFO must not wait for a
// writer), for reading or else for writing, and syncs it by how.
func (c *cmd) syncOne(name string, how func(int) error) bool {
	fd, err := c.Task.Open(name, linux.O_RDONLY|linux.O_NONBLOCK, 0)
	if err != nil {
		var werr error
		if fd, werr = c.Task.Open(name, linux.O_WRONLY|linux.O_NONBLOCK, 0); werr != nil {
			c.Errorf("error opening %s: %s", c.Quote(name), applet.ErrText(err))
			return false
		}
	}
	ok := false
	if err := c.clearNonblock(fd); err != nil {
		c.Errorf("couldn't reset non-blocking mode %s: %s", c.Quote(name), applet.ErrText(err))
	} else if err := how(fd); err != nil {
		c.Errorf("error syncing %s: %s", c.Quote(name), applet.ErrText(err))
	} else {
		ok = true
	}
	if err := c.Task.Close(fd); err != nil && ok {
		c.Errorf("failed to close %s: %s", c.Quote(name), applet.ErrText(err))
		ok = false
	}
	return ok
}

func (c *cmd) clearNonblock(fd int) error {
	fl, err := c.Task.Fcntl(fd, linux.F_GETFL, 0)
	if err == nil {
		_, err = c.Task.Fcntl(fd, linux.F_SETFL, uint64(fl)&^linux.O_NONBLOCK)
	}
	return err
}
