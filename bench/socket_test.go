// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"fmt"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Socket benchmarks (issue 10 item 9), side by side with the kernel's
// socketpair in the same process, as the pipe ones:
//
//   - SocketpairRoundTrip: one byte there and back over one stream or
//     datagram pair (ns per round trip), two wake-ups;
//   - SocketpairThroughput: 64 KiB writes on a stream pair, drained by
//     64 KiB reads (MB/s);
//   - SocketpairRights: a message carrying one descriptor, there and back
//     (the cost of SCM_RIGHTS: a reference taken, a descriptor
//     installed and closed).

// sockOps is one side's socket pair.
type sockOps interface {
	socketpair(typ int) (a, b int, err error)
	read(fd int, p []byte) (int, error)
	write(fd int, p []byte) (int, error)
	sendFd(fd int, p []byte, passed int) error
	recvFd(fd int, p []byte) (int, error) // returns the descriptor received
	close(fd int)
}

type linuxvfsSockets struct{ linuxvfsPipes }

func (l linuxvfsSockets) socketpair(typ int) (int, int, error) {
	fds, err := l.t.Socketpair(linux.AF_UNIX, typ, 0)
	return fds[0], fds[1], err
}
func (l linuxvfsSockets) sendFd(fd int, p []byte, passed int) error {
	_, err := l.t.Sendmsg(fd, &vfs.Msghdr{Data: p, Rights: []int{passed}}, 0)
	return err
}
func (l linuxvfsSockets) recvFd(fd int, p []byte) (int, error) {
	m := vfs.Msghdr{Data: p, MaxRights: 1}
	if _, err := l.t.Recvmsg(fd, &m, 0); err != nil || len(m.Rights) != 1 {
		return -1, fmt.Errorf("recvmsg: %v, %d rights", err, len(m.Rights))
	}
	return m.Rights[0], nil
}

type kernelSockets struct{ kernelPipes }

func (kernelSockets) socketpair(typ int) (int, int, error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, typ|unix.SOCK_CLOEXEC, 0)
	return fds[0], fds[1], err
}
func (kernelSockets) sendFd(fd int, p []byte, passed int) error {
	return unix.Sendmsg(fd, p, unix.UnixRights(passed), nil, 0)
}
func (kernelSockets) recvFd(fd int, p []byte) (int, error) {
	oob := make([]byte, unix.CmsgSpace(4))
	_, oobn, _, _, err := unix.Recvmsg(fd, p, oob, unix.MSG_CMSG_CLOEXEC)
	if err != nil {
		return -1, err
	}
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	if err != nil || len(msgs) != 1 {
		return -1, fmt.Errorf("control: %v", err)
	}
	fds, err := unix.ParseUnixRights(&msgs[0])
	if err != nil || len(fds) != 1 {
		return -1, fmt.Errorf("rights: %v", err)
	}
	return fds[0], nil
}

func sockImpl(tb testing.TB, impl string) sockOps {
	if impl == "kernel" {
		return kernelSockets{}
	}
	return linuxvfsSockets{newLinuxvfsPipes(tb).(linuxvfsPipes)}
}

func BenchmarkSocketpairRoundTrip(b *testing.B) {
	for _, typ := range []string{"stream", "dgram"} {
		for _, impl := range []string{"linuxvfs", "kernel"} {
			b.Run("type="+typ+"/impl="+impl, func(b *testing.B) {
				o := sockImpl(b, impl)
				t := unix.SOCK_STREAM
				if typ == "dgram" {
					t = unix.SOCK_DGRAM
				}
				x, y, err := o.socketpair(t)
				if err != nil {
					b.Fatal(err)
				}
				defer o.close(x)
				go func() { // the echo side
					defer o.close(y)
					c := make([]byte, 1)
					for {
						if n, err := o.read(y, c); n == 0 || err != nil || c[0] == 'q' {
							return
						}
						if _, err := o.write(y, c); err != nil {
							return
						}
					}
				}()
				c := []byte{'x'}
				for i := 0; i < b.N; i++ {
					if _, err := o.write(x, c); err != nil {
						b.Fatal(err)
					}
					if _, err := o.read(x, c); err != nil {
						b.Fatal(err)
					}
				}
				o.write(x, []byte{'q'})
			})
		}
	}
}

func BenchmarkSocketpairThroughput(b *testing.B) {
	for _, impl := range []string{"linuxvfs", "kernel"} {
		b.Run("write=64K/impl="+impl, func(b *testing.B) {
			o := sockImpl(b, impl)
			r, w, err := o.socketpair(unix.SOCK_STREAM)
			if err != nil {
				b.Fatal(err)
			}
			defer o.close(r)
			b.SetBytes(64 << 10)
			done := make(chan error, 1)
			go func() {
				buf := make([]byte, 64<<10)
				for i := 0; i < b.N; i++ {
					if _, err := o.write(w, buf); err != nil {
						done <- err
						return
					}
				}
				o.close(w)
				done <- nil
			}()
			buf := make([]byte, 64<<10)
			for {
				n, err := o.read(r, buf)
				if err != nil {
					b.Fatal(err)
				}
				if n == 0 {
					break
				}
			}
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		})
	}
}

func BenchmarkSocketpairRights(b *testing.B) {
	for _, impl := range []string{"linuxvfs", "kernel"} {
		b.Run("impl="+impl, func(b *testing.B) {
			o := sockImpl(b, impl)
			x, y, err := o.socketpair(unix.SOCK_STREAM)
			if err != nil {
				b.Fatal(err)
			}
			defer o.close(x)
			go func() { // sends back what it gets
				defer o.close(y)
				c := make([]byte, 1)
				for {
					fd, err := o.recvFd(y, c)
					if err != nil {
						return
					}
					err = o.sendFd(y, c, fd)
					o.close(fd)
					if err != nil || c[0] == 'q' {
						return
					}
				}
			}()
			c := []byte{'x'}
			for i := 0; i < b.N; i++ {
				if err := o.sendFd(x, c, x); err != nil {
					b.Fatal(err)
				}
				fd, err := o.recvFd(x, c)
				if err != nil {
					b.Fatal(err)
				}
				o.close(fd)
			}
			o.sendFd(x, []byte{'q'}, x)
			if fd, err := o.recvFd(x, c); err == nil {
				o.close(fd)
			}
		})
	}
}
