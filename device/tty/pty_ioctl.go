// SPDX-License-Identifier: Apache-2.0

package tty

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Ioctl is pty_unix98_ioctl then tty_ioctl for a master.
func (ptmxOps) Ioctl(f *vfs.File, t *vfs.Task, cmd uint32, arg any) (uintptr, error) {
	e := endOf(f)
	p := e.p
	switch cmd {
	case linux.TIOCSPTLCK:
		v, ok := arg.(*int32)
		if !ok {
			return 0, linux.EFAULT
		}
		p.mu.Lock()
		p.locked = *v != 0
		p.mu.Unlock()
		return 0, nil
	case linux.TIOCGPTLCK:
		return 0, putInt(arg, func() int32 {
			if p.locked {
				return 1
			}
			return 0
		})
	case linux.TIOCGPTN:
		v, ok := arg.(*uint32)
		if !ok {
			return 0, linux.EFAULT
		}
		*v = uint32(p.index)
		return 0, nil
	case linux.TIOCGPTPEER:
		fd, err := openPeer(f, t, p, argFlags(arg))
		return uintptr(fd), err
	}
	return e.ttyIoctl(cmd, arg)
}

// Ioctl is tty_ioctl for a slave; a hung-up one fails EIO
// (hung_up_tty_ioctl).
func (ptsOps) Ioctl(f *vfs.File, _ *vfs.Task, cmd uint32, arg any) (uintptr, error) {
	e := endOf(f)
	e.p.mu.Lock()
	hung := !e.p.masterOpen
	e.p.mu.Unlock()
	if hung {
		return 0, linux.EIO
	}
	return e.ttyIoctl(cmd, arg)
}

// openPeer is ptm_open_peer (TIOCGPTPEER): the slave opened with flags
// on the mount of the instance the master reaches, without a path walk
// or permission check, so a master in a container opens its own slave.
func openPeer(master *vfs.File, t *vfs.Task, p *pty, flags uint32) (int, error) {
	mnt, err := p.inst.MountFor(master)
	if err != nil {
		return -1, err
	}
	d, err := p.inst.SlaveDentry(p.index)
	if err != nil {
		return -1, linux.EIO
	}
	return t.DentryOpen(vfs.Path{Mnt: mnt, Dentry: d}, flags)
}

func argFlags(arg any) uint32 {
	switch v := arg.(type) {
	case uint32:
		return v
	case int:
		return uint32(v)
	case uint64:
		return uint32(v)
	case uintptr:
		return uint32(v)
	}
	return 0
}

func putInt(arg any, v func() int32) error {
	p, ok := arg.(*int32)
	if !ok {
		return linux.EFAULT
	}
	*p = v()
	return nil
}

// ttyIoctl is tty_ioctl and n_tty_ioctl for either end; both work on the
// slave's termios and window size (tty_mode_ioctl's real_tty). The
// controlling-terminal calls fail ENOTTY as for a tty that is not the
// caller's: the model has no sessions.
func (e *end) ttyIoctl(cmd uint32, arg any) (uintptr, error) {
	p := e.p
	p.mu.Lock()
	defer p.mu.Unlock()
	switch cmd {
	case linux.TCGETS:
		v, ok := arg.(*linux.Termios)
		if !ok {
			return 0, linux.EFAULT
		}
		*v = p.ld.termios
		return 0, nil
	case linux.TCSETS, linux.TCSETSW, linux.TCSETSF:
		v, ok := arg.(*linux.Termios)
		if !ok {
			return 0, linux.EFAULT
		}
		if cmd == linux.TCSETSF {
			p.ld.flushInput()
		}
		p.ld.setTermios(*v)
		p.wq.WakeAll()
		return 0, nil
	case linux.TIOCGWINSZ:
		v, ok := arg.(*linux.Winsize)
		if !ok {
			return 0, linux.EFAULT
		}
		*v = p.winsize
		return 0, nil
	case linux.TIOCSWINSZ:
		v, ok := arg.(*linux.Winsize)
		if !ok {
			return 0, linux.EFAULT
		}
		p.winsize = *v
		return 0, nil
	case linux.FIONREAD:
		return 0, putInt(arg, func() int32 {
			if e.master {
				return int32(len(p.toMaster))
			}
			return int32(p.ld.inq())
		})
	case linux.TIOCOUTQ:
		return 0, putInt(arg, func() int32 { return 0 })
	case linux.TCFLSH:
		return 0, e.flush(argFlags(arg))
	}
	return 0, linux.ENOTTY
}

// flush is tty_perform_flush: TCIFLUSH drops what this end has to read,
// TCOFLUSH what the other end has (pty_flush_buffer), TCIOFLUSH both.
// p.mu is held.
func (e *end) flush(which uint32) error {
	if which > linux.TCIOFLUSH {
		return linux.EINVAL
	}
	p := e.p
	in := which == linux.TCIFLUSH || which == linux.TCIOFLUSH
	out := which == linux.TCOFLUSH || which == linux.TCIOFLUSH
	if (in && e.master) || (out && !e.master) {
		p.toMaster = nil
	}
	if (in && !e.master) || (out && e.master) {
		p.ld.flushInput()
	}
	p.wq.WakeAll()
	return nil
}
