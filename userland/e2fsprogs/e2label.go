// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/ext4"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Superblock fields e2label reads and writes.
const (
	sbOffset   = 1024
	sbWtime    = 48
	sbState    = 58
	sbGroupNr  = 90
	sbLabel    = 120
	labelLen   = 16
	validState = 1
)

// e2labelApplet is e2fsprogs' e2label(8): print an ext2/3/4
// filesystem's label, or set it in the superblock and all its copies.
func e2labelApplet(c *applet.Cmd) int {
	if len(c.Args) < 1 || len(c.Args) > 2 {
		fmt.Fprintf(c.Errw, "Usage: e2label device [newlabel]\n")
		return 1
	}
	dev := c.Args[0]
	var label string
	if len(c.Args) == 2 {
		label = c.Args[1]
		if len(label) > labelLen {
			fmt.Fprintf(c.Errw, "Warning: label too long, truncating.\n")
			label = label[:labelLen]
		}
	}
	if st, done := labelMounted(c, dev, label, len(c.Args) == 2); done {
		return st
	}
	flags := uint32(linux.O_RDONLY | linux.O_CLOEXEC)
	if len(c.Args) == 2 {
		flags = linux.O_RDWR | linux.O_CLOEXEC
	}
	fd, err := c.Task.Open(dev, flags, 0)
	if err != nil {
		fmt.Fprintf(c.Errw, "e2label: %s while trying to open %s\nCouldn't find valid filesystem superblock.\n", applet.ErrText(err), dev)
		return 1
	}
	defer c.Task.Close(fd)
	sb := make([]byte, 1024)
	n, err := c.Task.Pread(fd, sb, sbOffset)
	if err != nil {
		fmt.Fprintf(c.Errw, "e2label: %s while trying to open %s\nCouldn't find valid filesystem superblock.\n", applet.ErrText(err), dev)
		return 1
	}
	if n < len(sb) || le.Uint16(sb[56:]) != 0xEF53 {
		fmt.Fprintf(c.Errw, "e2label: Bad magic number in super-block while trying to open %s\n", dev)
		return 1
	}
	if len(c.Args) == 1 {
		label := sb[sbLabel : sbLabel+labelLen]
		if i := bytes.IndexByte(label, 0); i >= 0 {
			label = label[:i]
		}
		fmt.Fprintf(c.Out, "%s\n", label)
		return 0
	}
	clear(sb[sbLabel : sbLabel+labelLen])
	copy(sb[sbLabel:], label)
	le.PutUint32(sb[sbWtime:], e2Now(c))
	if err := writeSupers(c, fd, sb); err != nil {
		fmt.Fprintf(c.Errw, "e2label: %s while writing out and closing file system\n", applet.ErrText(err))
		return 1
	}
	return 0
}

// labelMounted reads or sets the label of a device mounted read-write
// (for reading, any mount) through the filesystem's label ioctls on its
// mount point, as e2label does before it opens the device; done is false
// when the device is not mounted or the filesystem has no such ioctl.
func labelMounted(c *applet.Cmd, dev, label string, set bool) (status int, done bool) {
	t := c.Task
	st, err := t.Stat(dev)
	if err != nil || !applet.IsBlk(uint32(st.Mode)) {
		return 0, false
	}
	m, ok := mountOf(t, st.Rdev())
	if !ok || set && hasOption(m.Options, "ro") {
		return 0, false
	}
	fd, err := t.Open(m.Mountpoint, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return 0, false
	}
	defer t.Close(fd)
	var buf [linux.FSLABEL_MAX]byte
	cmd, what := uint32(linux.FS_IOC_GETFSLABEL), "get"
	if set {
		copy(buf[:], label)
		cmd, what = linux.FS_IOC_SETFSLABEL, "set"
	}
	if _, err := t.Ioctl(fd, cmd, &buf); err != nil {
		if err == linux.ENOTTY {
			return 0, false
		}
		fmt.Fprintf(c.Errw, "%s: %s while trying to %s fs label\n", m.Mountpoint, applet.ErrText(err), what)
		return 1, true
	}
	if !set {
		fmt.Fprintf(c.Out, "%s\n", bytes.TrimRight(buf[:labelLen], "\x00"))
	}
	return 0, true
}

// hasOption says whether a comma-separated option list holds opt.
func hasOption(list, opt string) bool {
	for _, o := range strings.Split(list, ",") {
		if o == opt {
			return true
		}
	}
	return false
}

// e2Now is the time e2fsprogs stamps: E2FSPROGS_FAKE_TIME when set.
func e2Now(c *applet.Cmd) uint32 {
	if t := c.Getenv("E2FSPROGS_FAKE_TIME"); t != "" {
		n, _ := strconv.ParseInt(t, 0, 64)
		return uint32(n)
	}
	return uint32(c.Task.Kernel().Now().Sec)
}

// writeSupers writes the primary superblock sb and, as libext2fs's flush
// does, a copy of it in every group that keeps one: numbered with its
// group and marked not clean.
func writeSupers(c *applet.Cmd, fd int, sb []byte) error {
	csum := le.Uint32(sb[100:])&roMetadataCsum != 0
	seal := func(b []byte) {
		if csum {
			ext4.SealSuper(b)
		}
	}
	bs := uint64(1024) << le.Uint32(sb[24:])
	first := uint64(le.Uint32(sb[20:]))
	bpg := uint64(le.Uint32(sb[32:]))
	blocks := uint64(le.Uint32(sb[4:]))
	if le.Uint32(sb[96:])&inc64bit != 0 {
		blocks |= uint64(le.Uint32(sb[336:])) << 32
	}
	g := &geometry{feat: features{le.Uint32(sb[92:]), le.Uint32(sb[96:]), le.Uint32(sb[100:])}}
	if bpg != 0 {
		for grp := uint64(1); first+grp*bpg < blocks; grp++ {
			if !g.hasSuper(grp) {
				continue
			}
			b := bytes.Clone(sb)
			le.PutUint16(b[sbGroupNr:], uint16(grp))
			le.PutUint16(b[sbState:], le.Uint16(b[sbState:])&^validState)
			seal(b)
			if _, err := c.Task.Pwrite(fd, b, int64((first+grp*bpg)*bs)); err != nil {
				return err
			}
		}
	}
	seal(sb)
	if _, err := c.Task.Pwrite(fd, sb, sbOffset); err != nil {
		return err
	}
	return c.Task.Fsync(fd)
}
