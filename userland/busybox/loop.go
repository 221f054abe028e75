// SPDX-License-Identifier: Apache-2.0

package busybox

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// attachLoop puts a file to mount on a free loop device, as busybox's
// mount does for a regular file: read-write unless the mount is
// read-only or the file cannot be written, autoclear (the device lets go
// of the file when the mount ends), offset= and sizelimit= taken from the
// options. It returns the device's path and a descriptor of it, to be
// closed once mounted (the last close of an autoclear device that nothing
// mounted detaches it); failures are reported.
func (m *mounter) attachLoop(file string, o *mountOpts) (string, int, error) {
	c := m.c
	offset, ok1 := o.cutNumber("offset")
	limit, ok2 := o.cutNumber("sizelimit")
	if !ok1 || !ok2 {
		m.fatal = true
		warn(c, "bad option '%s'", strings.Join(o.data, ","))
		return "", -1, linux.EINVAL
	}
	dev, fd, err := setupLoop(c, file, offset, limit, o.flags&linux.MS_RDONLY != 0)
	if err != nil {
		if err == linux.EPERM || err == linux.EACCES {
			warn(c, "permission denied (are you root?)")
		} else {
			warn(c, "can't setup loop device: %s", applet.ErrText(err))
		}
		return "", -1, err
	}
	return dev, fd, nil
}

// setupLoop binds file to the device LOOP_CTL_GET_FREE names with
// LOOP_CONFIGURE; the device's descriptor stays open.
func setupLoop(c *applet.Cmd, file string, offset, limit uint64, readOnly bool) (string, int, error) {
	t := c.Task
	flags := uint32(linux.O_RDWR)
	if readOnly {
		flags = linux.O_RDONLY
	}
	ffd, err := t.Open(file, flags|linux.O_CLOEXEC, 0)
	if err != nil && !readOnly && (err == linux.EROFS || err == linux.EACCES) {
		readOnly = true
		ffd, err = t.Open(file, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	}
	if err != nil {
		return "", -1, err
	}
	defer t.Close(ffd)
	ctl, err := t.Open("/dev/loop-control", linux.O_RDWR|linux.O_CLOEXEC, 0)
	if err != nil {
		return "", -1, err
	}
	n, err := t.Ioctl(ctl, linux.LOOP_CTL_GET_FREE, nil)
	t.Close(ctl)
	if err != nil {
		return "", -1, err
	}
	dev := fmt.Sprintf("/dev/loop%d", n)
	dfd, err := t.Open(dev, flags|linux.O_CLOEXEC, 0)
	if err != nil {
		return "", -1, err
	}
	cfg := loop.Config{Fd: ffd, Info: loop.Info{Offset: offset, SizeLimit: limit, Flags: linux.LO_FLAGS_AUTOCLEAR, FileName: truncate(file, linux.LO_NAME_SIZE-1)}}
	if readOnly {
		cfg.Info.Flags |= linux.LO_FLAGS_READ_ONLY
	}
	if _, err := t.Ioctl(dfd, linux.LOOP_CONFIGURE, &cfg); err != nil {
		t.Close(dfd)
		return "", -1, err
	}
	return dev, dfd, nil
}

// detachLoop lets a device go of its file after a failed mount.
func detachLoop(c *applet.Cmd, dev string) {
	fd, err := c.Task.Open(dev, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	c.Task.Ioctl(fd, linux.LOOP_CLR_FD, nil)
	c.Task.Close(fd)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
