// SPDX-License-Identifier: Apache-2.0

package tty

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/devpts"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Unix98 ptys (drivers/tty/pty.c). Opening a ptmx node (5:2) makes a
// pty in the devpts instance the node belongs to (ptmx_open): the file
// is its master, and the instance gets node N (136:N), locked until the
// master's TIOCSPTLCK 0; opening that node gives the slave. Bytes the
// master writes are the slave's input, through the line discipline
// (ldisc.go); what the slave writes, after output processing, is what
// the master reads. Closing the master hangs the slave up (it reads end
// of file, writes and ioctls fail EIO) and takes node N away; once no
// slave is open the master reads EIO. The index is free again when both
// ends are closed.

// ptyBufMax bounds what waits in either direction; a writer that finds
// no room sleeps (or fails EAGAIN), as one does when the flip buffers
// are full.
const ptyBufMax = 64 << 10

// pty is a master and slave tty_struct pair.
type pty struct {
	inst  *devpts.Instance
	index int

	mu sync.Mutex
	wq *vfs.WaitQueue
	// locked is TTY_PTY_LOCK: the slave cannot be opened.
	locked bool
	// masterOpen is false once the master closed: the slave is hung up.
	masterOpen bool
	// slaves counts the slave's open files; slaveGone is the master's
	// TTY_OTHER_CLOSED, set when the last of them closes.
	slaves    int
	slaveGone bool
	winsize   linux.Winsize
	// ld is the slave's line discipline and termios; toMaster what the
	// master has to read.
	ld       ldisc
	toMaster []byte
}

// end is an open file of a pty: the master or a slave.
type end struct {
	p      *pty
	master bool
}

// ptmxOps opens ptmx nodes (5:2), ptsOps slave nodes (136:*).
type (
	ptmxOps struct{ k *vfs.Kernel }
	ptsOps  struct{}
	// ptmMajorOps answers for the master major (128:*), which has no
	// nodes of its own: a master is only had through ptmx.
	ptmMajorOps struct{ ptsOps }
)

// registerPtys is unix98_pty_init: the ptmx device and both majors.
func registerPtys(k *vfs.Kernel) error {
	k.RegisterChrdevName(TTYAUX_MAJOR, 2, "/dev/ptmx")
	k.RegisterChrdevName(linux.UNIX98_PTY_MASTER_MAJOR, 0, "ptm")
	k.RegisterChrdevName(linux.UNIX98_PTY_SLAVE_MAJOR, 0, "pts")
	if err := k.RegisterCharDevice(TTYAUX_MAJOR, 2, ptmxOps{k}); err != nil {
		return err
	}
	if err := k.RegisterCharMajor(linux.UNIX98_PTY_SLAVE_MAJOR, ptsOps{}); err != nil {
		return err
	}
	return k.RegisterCharMajor(linux.UNIX98_PTY_MASTER_MAJOR, ptmMajorOps{})
}

// Open is ptmx_open: find the instance, take an index, make the pty
// with its slave locked and its node in the instance.
func (o ptmxOps) Open(f *vfs.File, t *vfs.Task) error {
	inst, err := devpts.Acquire(f)
	if err != nil {
		return err
	}
	idx, err := inst.NewIndex()
	if err != nil {
		inst.Release()
		return err
	}
	p := &pty{inst: inst, index: idx, locked: true, masterOpen: true, ld: newLdisc()}
	p.wq = o.k.NewWaitQueue(&p.mu)
	inst.NewPty(idx, t.Cred(), p)
	f.Private = &end{p: p, master: true}
	return nil
}

// Open is pts_unix98_lookup and pty_open for a slave: EIO when the node
// has no pty (it was killed, or made by mknod elsewhere), while the
// slave is locked, or once the master is gone.
func (ptsOps) Open(f *vfs.File, _ *vfs.Task) error {
	p, ok := devpts.Priv(f.Inode()).(*pty)
	if !ok {
		return linux.EIO
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.locked || !p.masterOpen {
		return linux.EIO
	}
	p.slaves++
	p.slaveGone = false
	f.Private = &end{p: p}
	return nil
}

// Open is ptm_unix98_lookup: EIO.
func (ptmMajorOps) Open(*vfs.File, *vfs.Task) error { return linux.EIO }

// NoPosition: a tty is opened nonseekable.
func (ptsOps) NoPosition()  {}
func (ptmxOps) NoPosition() {}

// Release is pty_close then release_tty once both ends are closed.
func (o ptmxOps) Release(f *vfs.File) { release(f) }
func (ptsOps) Release(f *vfs.File)    { release(f) }

func release(f *vfs.File) {
	e, ok := f.Private.(*end)
	if !ok {
		return
	}
	p := e.p
	p.mu.Lock()
	if e.master {
		// The slave hangs up; its node goes (devpts_pty_kill).
		p.masterOpen = false
	} else if p.slaves--; p.slaves == 0 {
		p.slaveGone = true
	}
	p.wq.WakeAll()
	final := !p.masterOpen && p.slaves == 0
	p.mu.Unlock()
	if e.master {
		p.inst.KillPty(p.index)
	}
	if final {
		p.wq.Close()
		p.inst.KillIndex(p.index)
		p.inst.Release()
	}
}

func endOf(f *vfs.File) *end {
	e, _ := f.Private.(*end)
	return e
}

// ReadAt is n_tty_read on either end.
func (ptmxOps) ReadAt(f *vfs.File, b []byte, _ int64) (int, error) { return endOf(f).read(f, b) }
func (ptsOps) ReadAt(f *vfs.File, b []byte, _ int64) (int, error)  { return endOf(f).read(f, b) }

// WriteAt is n_tty_write and pty_write on either end.
func (ptmxOps) WriteAt(f *vfs.File, b []byte, _ int64) (int, error) { return endOf(f).write(f, b) }
func (ptsOps) WriteAt(f *vfs.File, b []byte, _ int64) (int, error)  { return endOf(f).write(f, b) }

// ReadDir: a tty is no directory.
func (ptmxOps) ReadDir(*vfs.File) ([]vfs.Dirent, error) { return nil, linux.ENOTDIR }
func (ptsOps) ReadDir(*vfs.File) ([]vfs.Dirent, error)  { return nil, linux.ENOTDIR }

func nonblock(f *vfs.File) bool { return f.Flags()&linux.O_NONBLOCK != 0 }

// read takes what the end has to read: the master the slave's processed
// output, the slave its input as the line discipline releases it. With
// nothing there, the master fails EIO once every slave closed, a hung-up
// slave reads end of file, and otherwise the reader waits.
func (e *end) read(f *vfs.File, b []byte) (int, error) {
	p := e.p
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if !e.master && !p.masterOpen {
			return 0, nil
		}
		if len(b) == 0 {
			return 0, nil
		}
		var n int
		var ok bool
		if e.master {
			n = copy(b, p.toMaster)
			p.toMaster = p.toMaster[n:]
			ok = n > 0
		} else {
			n, ok = p.ld.read(b)
		}
		if ok {
			p.wq.WakeAll()
			return n, nil
		}
		if e.master && p.slaveGone {
			return 0, linux.EIO
		}
		if nonblock(f) {
			return 0, linux.EAGAIN
		}
		if err := p.wq.Wait(); err != nil {
			return 0, err
		}
	}
}

// write passes b to the other end: the master's bytes are the slave's
// input (echoed as the slave's termios says), the slave's are processed
// for output. A hung-up slave fails EIO.
func (e *end) write(f *vfs.File, b []byte) (int, error) {
	p := e.p
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for n < len(b) {
		if !e.master && !p.masterOpen {
			return partial(n, linux.EIO)
		}
		room := ptyBufMax - len(p.toMaster)
		if e.master {
			room = ptyBufMax - p.ld.queued()
		}
		if room <= 0 {
			if nonblock(f) {
				return partial(n, linux.EAGAIN)
			}
			p.wq.WakeAll()
			if err := p.wq.Wait(); err != nil {
				return partial(n, err)
			}
			continue
		}
		chunk := b[n:min(len(b), n+room)]
		if e.master {
			p.toMaster = p.ld.receive(chunk, p.toMaster)
		} else {
			p.toMaster = p.ld.output(chunk, p.toMaster)
		}
		n += len(chunk)
		p.wq.WakeAll()
	}
	return n, nil
}

func partial(n int, err error) (int, error) {
	if n > 0 {
		return n, nil
	}
	return 0, err
}
