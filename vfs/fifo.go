// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// pipe is struct pipe_inode_info: the buffer and ends of a FIFO or of an
// anonymous pipe.
type pipe struct {
	k    *Kernel
	mu   sync.Mutex
	cond *sync.Cond
	// slots are the pages holding unread data, oldest first; at most
	// maxSlots of them (the capacity F_GETPIPE_SZ reports, in pages).
	slots    []pipeSlot
	maxSlots int
	readers  int
	writers  int
	rCounter int // opens for reading ever made (r_counter)
	wCounter int
	// spare holds pages read empty, for the next writes to reuse.
	spare [][]byte
}

// pipeSlot is one page of a pipe (struct pipe_buffer): the unread bytes
// of one write, or of several short writes merged, or one packet.
type pipeSlot struct {
	page   []byte // the bytes written to the page, read or not
	off    int    // how many of them were read
	packet bool   // an O_DIRECT write: read whole or cut short
}

// newPage is a page to write to: a spare one, or a fresh one.
func (p *pipe) newPage() []byte {
	if n := len(p.spare); n > 0 {
		pg := p.spare[n-1]
		p.spare = p.spare[:n-1]
		return pg[:0]
	}
	return make([]byte, 0, pageSize)
}

// dropHead releases the oldest slot, keeping its page for reuse.
func (p *pipe) dropHead() {
	if len(p.spare) < p.maxSlots {
		p.spare = append(p.spare, p.slots[0].page)
	}
	p.slots[0] = pipeSlot{}
	p.slots = p.slots[1:]
}

const pageSize = 4096

// inodePipe returns in's pipe, making it on first use (get_pipe_inode).
func inodePipe(in *Inode) *pipe {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.pipe == nil {
		in.pipe = &pipe{k: in.sb.k, maxSlots: linux.PipeDefaultSize / pageSize}
		in.pipe.cond = sync.NewCond(&in.pipe.mu)
	}
	in.sb.k.sleepers.add(in.pipe)
	return in.pipe
}

// fifoOpen is fifo_open: a reader waits for a writer and a writer for a
// reader, unless O_NONBLOCK (a lone non-blocking writer gets ENXIO). An
// anonymous pipe opened again through /proc/<pid>/fd waits for nobody
// (is_pipe): its other end is open or gone for good.
func fifoOpen(f *File, t *Task) error {
	k := t.k
	p := inodePipe(f.Inode())
	f.ops = fifoOps{}
	f.Private = p
	isPipe := f.Inode().sb == k.pipeMnt.sb
	nonblock := f.Flags()&linux.O_NONBLOCK != 0 || isPipe
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
				if err := p.wait(t); err != nil {
					return err // fifoRelease undoes the count
				}
			}
		}
	case f.write:
		if nonblock && !isPipe && p.readers == 0 {
			f.write = false // not counted as a writer; DecRef must not release
			f.Private = nil
			return linux.ENXIO
		}
		p.writers++
		p.wCounter++
		p.cond.Broadcast()
		if p.readers == 0 && !isPipe {
			for c := p.rCounter; c == p.rCounter; {
				if err := p.wait(t); err != nil {
					return err // fifoRelease undoes the count
				}
			}
		}
	}
	return nil
}

// wait sleeps until the pipe changes, or fails EINTR once the kernel is
// interrupted (Kernel.Interrupt) or t (nil for the kernel's own reads and
// writes) has a fatal signal, so no task sleeps forever. p.mu is held.
func (p *pipe) wait(t *Task) error {
	if p.k.interrupted.Load() || t != nil && t.dying.Load() {
		return linux.EINTR
	}
	p.cond.Wait()
	if p.k.interrupted.Load() || t != nil && t.dying.Load() {
		return linux.EINTR
	}
	return nil
}

// checksTask makes SetFatalSignal wake the pipe's sleepers, whose tasks
// then look at their own signal (pipe_wait is interruptible).
func (p *pipe) checksTask() {}

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
		p.slots, p.spare = nil, nil
		p.k.sleepers.remove(p)
	}
	p.cond.Broadcast()
	p.mu.Unlock()
}

type fifoOps struct{}

// ReadAt is pipe_read: wait for data while a writer exists, then take
// what is there, up to len(b). A packet ends the read, and what of it
// does not fit in b is lost.
func (fifoOps) ReadAt(f *File, b []byte, _ int64) (int, error) {
	return pipeRead(nil, f, b)
}

// ReadAtBy is a task's pipe_read, which its fatal signal ends.
func (fifoOps) ReadAtBy(t *Task, f *File, b []byte, _ int64) (int, error) {
	return pipeRead(t, f, b)
}

func pipeRead(t *Task, f *File, b []byte) (int, error) {
	p := f.Private.(*pipe)
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.slots) == 0 {
		if p.writers == 0 || len(b) == 0 {
			return 0, nil
		}
		if f.Flags()&linux.O_NONBLOCK != 0 {
			return 0, linux.EAGAIN
		}
		if err := p.wait(t); err != nil {
			return 0, err
		}
	}
	n := 0
	for n < len(b) && len(p.slots) > 0 {
		s := &p.slots[0]
		c := copy(b[n:], s.page[s.off:])
		n += c
		s.off += c
		if packet := s.packet; s.off == len(s.page) || packet {
			p.dropHead()
			if packet {
				break
			}
		}
	}
	p.cond.Broadcast()
	return n, nil
}

// WriteAt is pipe_write: EPIPE without readers; wait for room otherwise.
// A short tail first joins the last page if it fits there whole; the
// rest takes fresh pages, one write's bytes to a page. So a write of
// PIPE_BUF bytes or fewer is never split, and a non-blocking one that
// finds no room fails EAGAIN. An O_DIRECT writer makes each page a packet.
func (fifoOps) WriteAt(f *File, b []byte, _ int64) (int, error) {
	return pipeWrite(nil, f, b)
}

// WriteAtBy is a task's pipe_write, which its fatal signal ends.
func (fifoOps) WriteAtBy(t *Task, f *File, b []byte, _ int64) (int, error) {
	return pipeWrite(t, f, b)
}

func pipeWrite(t *Task, f *File, b []byte) (int, error) {
	p := f.Private.(*pipe)
	packet := f.Flags()&linux.O_DIRECT != 0
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.readers == 0 {
		return 0, linux.EPIPE
	}
	// Readers can only run once this write sleeps or ends: wake them then.
	defer p.cond.Broadcast()
	n := p.mergeTail(b)
	for n < len(b) {
		if p.readers == 0 {
			return partial(n, linux.EPIPE)
		}
		if len(p.slots) == p.maxSlots {
			if f.Flags()&linux.O_NONBLOCK != 0 {
				return partial(n, linux.EAGAIN)
			}
			p.cond.Broadcast()
			if err := p.wait(t); err != nil {
				return partial(n, err)
			}
			continue
		}
		c := min(pageSize, len(b)-n)
		p.slots = append(p.slots, pipeSlot{page: append(p.newPage(), b[n:n+c]...), packet: packet})
		n += c
	}
	return n, nil
}

// mergeTail puts the first len(b) mod 4096 bytes of b into the last
// slot when that slot was written as a stream (whoever writes now) and
// they fit there; it returns how many went in. The rest goes to fresh
// pages, whole ones but for the last.
func (p *pipe) mergeTail(b []byte) int {
	tail := len(b) % pageSize
	if tail == 0 || len(p.slots) == 0 {
		return 0
	}
	s := &p.slots[len(p.slots)-1]
	if s.packet || len(s.page)+tail > pageSize {
		return 0
	}
	s.page = append(s.page, b[:tail]...)
	return tail
}

// unread is the bytes waiting in the pipe (FIONREAD).
func (p *pipe) unread() int {
	n := 0
	for _, s := range p.slots {
		n += len(s.page) - s.off
	}
	return n
}

// partial is a write's result once it cannot go on: what it wrote, if
// anything, else err.
func partial(n int, err error) (int, error) {
	if n > 0 {
		return n, nil
	}
	return 0, err
}

// ReadDir: a FIFO is not a directory.
func (fifoOps) ReadDir(*File) ([]Dirent, error) { return nil, linux.ENOTDIR }
