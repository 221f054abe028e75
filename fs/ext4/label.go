// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"bytes"
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Where the label sits in the superblock and how long it may be
// (EXT4_LABEL_MAX).
const (
	labelOff = 120
	labelMax = 16
)

// labelIoctl is ext4_ioctl's FS_IOC_GETFSLABEL and FS_IOC_SETFSLABEL,
// which e2label uses on a mounted filesystem; ENOTTY for other commands.
func (o fileOps) labelIoctl(f *vfs.File, t *vfs.Task, cmd uint32, arg any) (uintptr, error) {
	switch cmd {
	case linux.FS_IOC_GETFSLABEL:
		p, ok := arg.(*[linux.FSLABEL_MAX]byte)
		if !ok {
			return 0, linux.EFAULT
		}
		// The kernel's superblock buffer is the device's cached block:
		// what was written to the device since shows.
		raw := make([]byte, superSize)
		if err := o.fs.readAt(raw, superOffset); err != nil {
			return 0, linux.EIO
		}
		clear(p[:])
		copy(p[:labelMax], raw[labelOff:labelOff+labelMax])
		return 0, nil
	case linux.FS_IOC_SETFSLABEL:
		return 0, o.setLabel(f, t, arg)
	}
	return 0, linux.ENOTTY
}

// setLabel is ext4_ioctl_setlabel: CAP_SYS_ADMIN, a label of at most 16
// bytes, a writable mount; the primary superblock and every copy are
// rewritten with it.
func (o fileOps) setLabel(f *vfs.File, t *vfs.Task, arg any) error {
	if !t.Cred().HasCap(linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	p, ok := arg.(*[linux.FSLABEL_MAX]byte)
	if !ok {
		return linux.EFAULT
	}
	label := p[:]
	if n := bytes.IndexByte(label, 0); n >= 0 {
		label = label[:n]
	}
	if len(label) > labelMax {
		return linux.EINVAL
	}
	if f.Mount().ReadOnly() || f.Inode().Superblock().ReadOnly() {
		return linux.EROFS
	}
	fs := o.fs
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	fs.rereadSuper()
	raw := fs.sb.raw
	clear(raw[labelOff : labelOff+labelMax])
	copy(raw[labelOff:], label)
	fs.sealSuper(raw)
	if n, err := fs.disk.WriteAt(raw, superOffset); err != nil || n != len(raw) {
		return linux.EIO
	}
	fs.labelBackups(label)
	fs.cache.mu.Lock()
	clear(fs.cache.blocks)
	fs.cache.mu.Unlock()
	return nil
}

// labelBackups is update_backups for the label: each group's copy that
// reads as a superblock (with a good checksum) gets it too.
func (fs *filesystem) labelBackups(label []byte) {
	le := binary.LittleEndian
	copyBuf := make([]byte, superSize)
	for g := uint64(1); g < uint64(fs.groupCount); g++ {
		if !fs.groupHasSuper(g) {
			continue
		}
		off := int64(fs.groupFirstBlock(g)) << fs.blockBits
		if err := fs.readAt(copyBuf, off); err != nil || le.Uint16(copyBuf[56:]) != Magic {
			continue
		}
		if fs.csummed() && le.Uint32(copyBuf[1020:]) != crc32c(^uint32(0), copyBuf[:1020]) {
			continue
		}
		clear(copyBuf[labelOff : labelOff+labelMax])
		copy(copyBuf[labelOff:], label)
		fs.sealSuper(copyBuf)
		fs.disk.WriteAt(copyBuf, off)
	}
}
