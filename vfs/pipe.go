// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// pipefs is the filesystem anonymous pipes live on; its one superblock
// comes from the kernel's own mount (init_pipe_fs).
var pipefs = &pseudoFS{
	name:  "pipefs",
	magic: linux.PIPEFS_MAGIC,
	dname: func(d *Dentry) string { return "pipe:[" + strconv.FormatUint(d.inode.ino, 10) + "]" },
}

// initPipefs is init_pipe_fs: register pipefs and mount it for the kernel.
func (k *Kernel) initPipefs() (err error) {
	k.pipeMnt, err = k.registerKernMount(pipefs)
	return err
}

// pipe2Flags are the flags pipe2(2) takes.
const pipe2Flags = linux.O_CLOEXEC | linux.O_NONBLOCK | linux.O_DIRECT

// Pipe2 is pipe2(2): a new pipe, its read end at fds[0] and its write end
// at fds[1]. O_NONBLOCK applies to both ends, O_DIRECT makes the writes
// packets.
func (t *Task) Pipe2(flags uint32) (fds [2]int, err error) {
	if flags&^pipe2Flags != 0 {
		return fds, linux.EINVAL
	}
	r, w, err := t.k.createPipeFiles(t.Cred(), flags&(linux.O_NONBLOCK|linux.O_DIRECT))
	if err != nil {
		return fds, err
	}
	cloexec := flags&linux.O_CLOEXEC != 0
	ft, limit := t.fdTable(), t.nofile()
	if fds[0], err = ft.installFrom(r, 0, cloexec, limit); err != nil {
		r.DecRef()
		w.DecRef()
		return fds, err
	}
	if fds[1], err = ft.installFrom(w, 0, cloexec, limit); err != nil {
		if f, rerr := ft.remove(fds[0]); rerr == nil {
			f.DecRef()
		}
		w.DecRef()
		return fds, err
	}
	return fds, nil
}

// createPipeFiles is create_pipe_files: a pipefs inode with its pipe, and
// the two files open on it, each holding the pipe mount.
func (k *Kernel) createPipeFiles(cred *Cred, flags uint32) (r, w *File, err error) {
	m := k.pipeMnt
	if !m.tryGet() {
		return nil, nil, linux.ENFILE
	}
	if !m.tryGet() {
		m.mntput()
		return nil, nil, linux.ENFILE
	}
	d := newPseudoObject(m.sb, linux.S_IFIFO|0o600, cred, fifoOps{})
	p := inodePipe(d.inode)
	p.readers, p.writers, p.rCounter, p.wCounter = 1, 1, 1, 1
	// alloc_pipe_info: an unprivileged pipe starts no larger than
	// pipe-max-size.
	if max := int(k.pipeMaxSize.Load()); p.maxSlots*pageSize > max && !cred.HasCap(linux.CAP_SYS_RESOURCE) {
		p.maxSlots = max / pageSize
	}
	path := Path{m, d}
	r = newFile(path, linux.O_RDONLY|flags&linux.O_NONBLOCK, true, false, false)
	w = newFile(path, linux.O_WRONLY|flags, false, true, false)
	for _, f := range []*File{r, w} {
		f.ops, f.Private = fifoOps{}, p
	}
	return r, w, nil
}

// pipeOf is get_pipe_info: the pipe behind f, if it is a pipe or FIFO.
func pipeOf(f *File) (*pipe, bool) {
	p, ok := f.Private.(*pipe)
	_, fifo := f.ops.(fifoOps)
	return p, ok && fifo
}

// roundPipeSize is round_pipe_size: whole pages, a power of two of them;
// 0 for sizes no pipe may have.
func roundPipeSize(size uint64) int {
	const page = 4096
	if size > 1<<31 {
		return 0
	}
	n := page
	for uint64(n) < size {
		n <<= 1
	}
	return n
}

// setSize is pipe_set_size: F_SETPIPE_SZ, whose argument is an unsigned
// int. Growing past pipe-max-size takes CAP_SYS_RESOURCE; never below
// what the pipe holds now.
func (p *pipe) setSize(cred *Cred, arg uint64) (int, error) {
	n := roundPipeSize(uint64(uint32(arg)))
	if n == 0 {
		return 0, linux.EINVAL
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if n > p.maxSlots*pageSize && n > int(p.k.pipeMaxSize.Load()) && !cred.HasCap(linux.CAP_SYS_RESOURCE) {
		return 0, linux.EPERM
	}
	if len(p.slots) > n/pageSize {
		return 0, linux.EBUSY
	}
	p.maxSlots = n / pageSize
	p.cond.Broadcast()
	return n, nil
}

// Ioctl answers FIONREAD on a pipe: the bytes waiting to be read.
func (fifoOps) Ioctl(f *File, _ *Task, cmd uint32, arg any) (uintptr, error) {
	if cmd != linux.FIONREAD {
		return 0, linux.ENOTTY
	}
	out, ok := arg.(*int32)
	if !ok {
		return 0, linux.EFAULT
	}
	p := f.Private.(*pipe)
	p.mu.Lock()
	*out = int32(p.unread())
	p.mu.Unlock()
	return 0, nil
}

// SetPipeMaxSize sets /proc/sys/fs/pipe-max-size, rounded as Linux rounds
// it; EINVAL for sizes no pipe may have.
func (k *Kernel) SetPipeMaxSize(size uint64) error {
	n := roundPipeSize(size)
	if n == 0 {
		return linux.EINVAL
	}
	k.pipeMaxSize.Store(int64(n))
	return nil
}

// PipeMaxSize is /proc/sys/fs/pipe-max-size.
func (k *Kernel) PipeMaxSize() int { return int(k.pipeMaxSize.Load()) }
