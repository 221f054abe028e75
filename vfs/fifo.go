// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// pipeBufSize is the default pipe capacity (16 pages).
const pipeBufSize = 16 * 4096

// pipe is struct pipe_inode_info: the buffer and ends of a FIFO.
type pipe struct {
	k        *Kernel
	mu       sync.Mutex
	cond     *sync.Cond
	buf      []byte
	readers  int
	writers  int
	rCounter int // opens for reading ever made (r_counter)
	wCounter int
}

// inodePipe returns in's pipe, making it on first use (get_pipe_inode).
func inodePipe(in *Inode) *pipe {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.pipe == nil {
		in.pipe = &pipe{k: in.sb.k}
		in.pipe.cond = sync.NewCond(&in.pipe.mu)
		in.sb.k.sleepers.add(in.pipe)
	}
	return in.pipe
}

// fifoOpen is fifo_open: a reader waits for a writer and a writer for a
// reader, unless O_NONBLOCK (a lone non-blocking writer gets ENXIO).
func fifoOpen(f *File, k *Kernel) error {
	p := inodePipe(f.Inode())
	f.ops = fifoOps{}
	f.Private = p
	nonblock := f.flags&linux.O_NONBLOCK != 0
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case f.read && f.write:
		p.readers++
		p.writers++
		p.rCounter++
		p.wCounter++
		p.cond.Broadcast()
	case f.read:
		p.readers++
		p.rCounter++
		p.cond.Broadcast()
		if p.writers == 0 && !nonblock {
			for c := p.wCounter; c == p.wCounter; {
				if err := p.wait(); err != nil {
					return err // fifoRelease undoes the count
				}
			}
		}
	case f.write:
		if nonblock && p.readers == 0 {
			f.write = false // not counted as a writer; DecRef must not release
			f.Private = nil
			return linux.ENXIO
		}
		p.writers++
		p.wCounter++
		p.cond.Broadcast()
		if p.readers == 0 {
			for c := p.rCounter; c == p.rCounter; {
				if err := p.wait(); err != nil {
					return err // fifoRelease undoes the count
				}
			}
		}
	}
	return nil
}

// wait sleeps until the pipe changes, or fails EINTR once the kernel is
// interrupted (Kernel.Interrupt), so no task sleeps forever. p.mu is held.
func (p *pipe) wait() error {
	if p.k.interrupted.Load() {
		return linux.EINTR
	}
	p.cond.Wait()
	if p.k.interrupted.Load() {
		return linux.EINTR
	}
	return nil
}

// wake is the interrupt side of wait.
func (p *pipe) wake() {
	p.mu.Lock()
	p.cond.Broadcast()
	p.mu.Unlock()
}

// fifoRelease is pipe_release.
func fifoRelease(f *File) {
	p, ok := f.Private.(*pipe)
	if !ok {
		return
	}
	p.mu.Lock()
	if f.read {
		p.readers--
	}
	if f.write {
		p.writers--
	}
	if p.readers == 0 && p.writers == 0 {
		p.buf = nil
	}
	p.cond.Broadcast()
	p.mu.Unlock()
}

type fifoOps struct{}

// ReadAt is pipe_read: wait for data while a writer exists.
func (fifoOps) ReadAt(f *File, b []byte, _ int64) (int, error) {
	p := f.Private.(*pipe)
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.buf) == 0 {
		if p.writers == 0 || len(b) == 0 {
			return 0, nil
		}
		if f.flags&linux.O_NONBLOCK != 0 {
			return 0, linux.EAGAIN
		}
		if err := p.wait(); err != nil {
			return 0, err
		}
	}
	n := copy(b, p.buf)
	p.buf = p.buf[n:]
	p.cond.Broadcast()
	return n, nil
}

// WriteAt is pipe_write: EPIPE without readers; wait for room otherwise.
func (fifoOps) WriteAt(f *File, b []byte, _ int64) (int, error) {
	p := f.Private.(*pipe)
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for n < len(b) {
		if p.readers == 0 {
			if n > 0 {
				return n, nil
			}
			return 0, linux.EPIPE
		}
		room := pipeBufSize - len(p.buf)
		if room == 0 {
			if f.flags&linux.O_NONBLOCK != 0 {
				if n > 0 {
					return n, nil
				}
				return 0, linux.EAGAIN
			}
			if err := p.wait(); err != nil {
				if n > 0 {
					return n, nil
				}
				return 0, err
			}
			continue
		}
		c := min(room, len(b)-n)
		p.buf = append(p.buf, b[n:n+c]...)
		n += c
		p.cond.Broadcast()
	}
	return n, nil
}

// ReadDir: a FIFO is not a directory.
func (fifoOps) ReadDir(*File) ([]Dirent, error) { return nil, linux.ENOTDIR }
