// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/utillinux/blkprobe"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Opening a device or image for blkprobe, as libblkid's
// blkid_probe_set_device does: read-only and non-blocking, sized by
// BLKGETSIZE64 for a block device and by its length for a file.

// probeFile is an open device or file a probe reads.
type probeFile struct {
	t    *vfs.Task
	fd   int
	size int64
	st   vfs.Statx
	base int64 // where the probed window starts (blkid -O)
}

// window limits the probe to size bytes at off (blkid -O and -S).
func (f *probeFile) window(off, size int64) { f.base, f.size = off, size }

// ReadAt reads through the task's descriptor.
func (f *probeFile) ReadAt(p []byte, off int64) (int, error) {
	off += f.base
	n := 0
	for n < len(p) {
		m, err := f.t.Pread(f.fd, p[n:], off+int64(n))
		if err != nil {
			return n, err
		}
		if m == 0 {
			break
		}
		n += m
	}
	return n, nil
}

func (f *probeFile) close() { f.t.Close(f.fd) }

func (f *probeFile) isBlock() bool { return applet.IsBlk(uint32(f.st.Mode)) }

// openProbeFile opens path for probing. Errors are what libblkid leaves
// in errno: the open's, EINVAL for what is no block device nor regular
// file.
func openProbeFile(t *vfs.Task, path string) (*probeFile, error) {
	return openProbeFileFlags(t, path, linux.O_RDONLY|linux.O_CLOEXEC|linux.O_NONBLOCK)
}

// openProbeFileFlags is openProbeFile with the open's flags given (a
// tool that writes, as wipefs -a and mkswap do, opens read-write).
func openProbeFileFlags(t *vfs.Task, path string, flags uint32) (*probeFile, error) {
	fd, err := t.Open(path, flags, 0)
	if err != nil {
		return nil, err
	}
	f := &probeFile{t: t, fd: fd}
	if f.st, err = t.Fstat(fd); err != nil {
		f.close()
		return nil, err
	}
	switch {
	case f.isBlock():
		var size uint64
		if _, err := t.Ioctl(fd, linux.BLKGETSIZE64, &size); err != nil {
			f.close()
			return nil, err
		}
		f.size = int64(size)
	case applet.IsReg(uint32(f.st.Mode)):
		f.size = f.st.Size
	default:
		f.close()
		return nil, linux.EINVAL
	}
	return f, nil
}

// device is the file as a probe sees it; whole is whether it is a whole
// disk.
func (f *probeFile) device(whole bool) blkprobe.Device {
	return blkprobe.Device{R: f, Size: f.size, WholeDisk: whole && f.isBlock()}
}

// probeSource is the filesystem type on dev, with the reason nothing
// was found as libblkid leaves it in errno: the open's error, EINVAL for
// what is no block device or regular file, ENOENT for an empty block
// device (an unbound loop device), nil when there is just no known
// superblock.
func probeSource(t *vfs.Task, dev string) (string, error) {
	f, err := openProbeFile(t, dev)
	if err != nil {
		return "", err
	}
	defer f.close()
	if f.isBlock() && f.size == 0 {
		return "", linux.ENOENT
	}
	p := blkprobe.New(f.device(false), blkprobe.Type)
	if p.Safe() != blkprobe.Found {
		return "", nil
	}
	typ, _ := p.Lookup("TYPE")
	return typ, nil
}
