// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"
	"io"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// device is the open file or block device a filesystem goes on.
type device struct {
	t     *vfs.Task
	fd    int
	size  int64
	block bool
	rdev  uint64
}

// openDevice opens r.dev for writing; a missing file is made when the
// size operand says how large it is to be.
func (r *mkfsRun) openDevice() (*device, error) {
	t := r.c.Task
	flags := uint32(linux.O_RDWR | linux.O_CLOEXEC)
	fd, err := t.Open(r.dev, flags, 0)
	if err == linux.ENOENT {
		if r.s.blocksArg == 0 {
			if _, serr := t.Stat(r.dev); serr == linux.ENOENT {
				return nil, errNoSize // a missing directory too (host-checked)
			}
			return nil, err
		}
		fd, err = t.Open(r.dev, flags|linux.O_CREAT, 0o666)
		if err == nil && !r.noAction {
			fmt.Fprintf(r.c.Out, "Creating regular file %s\n", r.dev)
		}
	}
	if err != nil {
		return nil, err
	}
	d := &device{t: t, fd: fd}
	st, err := t.Fstat(fd)
	if err != nil {
		d.close()
		return nil, err
	}
	switch {
	case applet.IsBlk(uint32(st.Mode)):
		var size uint64
		if _, err := t.Ioctl(fd, linux.BLKGETSIZE64, &size); err != nil {
			d.close()
			return nil, err
		}
		d.size, d.block, d.rdev = int64(size), true, st.Rdev()
	default:
		d.size = st.Size
	}
	return d, nil
}

func (d *device) close() { d.t.Close(d.fd) }

// WriteAt writes at an offset (pwrite).
func (d *device) WriteAt(p []byte, off int64) (int, error) {
	n, err := d.t.Pwrite(d.fd, p, off)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	return n, err
}

// discard drops a byte range: BLKDISCARD on a block device, a hole
// punched in a file.
func (d *device) discard(off, n int64) error {
	if d.block {
		rng := [2]uint64{uint64(off), uint64(n)}
		_, err := d.t.Ioctl(d.fd, linux.BLKDISCARD, &rng)
		return err
	}
	return d.t.Fallocate(d.fd, linux.FALLOC_FL_PUNCH_HOLE|linux.FALLOC_FL_KEEP_SIZE, off, n)
}

func (d *device) sync() error { return d.t.Fsync(d.fd) }

// deviceMounted says whether the device numbered rdev backs a mount in
// the task's namespace.
func deviceMounted(t *vfs.Task, rdev uint64) bool {
	_, ok := mountOf(t, rdev)
	return ok
}

// mountOf is the first mount of the device numbered rdev in the task's
// namespace (/proc/self/mountinfo).
func mountOf(t *vfs.Task, rdev uint64) (mountinfo.Mount, bool) {
	f, err := applet.OpenFile(t, "/proc/self/mountinfo", linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return mountinfo.Mount{}, false
	}
	defer f.Close()
	text, err := io.ReadAll(f)
	if err != nil {
		return mountinfo.Mount{}, false
	}
	mounts, _ := mountinfo.ParseAll(string(text))
	want := fmt.Sprintf("%d:%d", linux.Major(rdev), linux.Minor(rdev))
	for _, m := range mounts {
		if m.Dev() == want {
			return m, true
		}
	}
	return mountinfo.Mount{}, false
}
