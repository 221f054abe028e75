// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"fmt"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Pipe benchmarks (issue: kern_mount, item 9), each side by side with the
// kernel's pipe2 in the same process:
//
//   - PipeThroughput: a writer goroutine streams 4 KiB or 64 KiB writes,
//     the reader drains with 64 KiB reads (MB/s by SetBytes);
//   - PipeRoundTrip: one byte there and back over two pipes (ns per round
//     trip), the cost of two wake-ups.

// pipeOps is one side's pipe: fds, and read/write by two parties.
type pipeOps interface {
	pipe() (r, w int, err error)
	read(fd int, p []byte) (int, error)
	write(fd int, p []byte) (int, error)
	close(fd int)
}

type linuxvfsPipes struct{ t *vfs.Task }

func newLinuxvfsPipes(tb testing.TB) pipeOps {
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		tb.Fatal(err)
	}
	t, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(t.Exit)
	return linuxvfsPipes{t}
}

func (l linuxvfsPipes) pipe() (int, int, error) {
	fds, err := l.t.Pipe2(0)
	return fds[0], fds[1], err
}
func (l linuxvfsPipes) read(fd int, p []byte) (int, error)  { return l.t.Read(fd, p) }
func (l linuxvfsPipes) write(fd int, p []byte) (int, error) { return l.t.Write(fd, p) }
func (l linuxvfsPipes) close(fd int)                        { l.t.Close(fd) }

type kernelPipes struct{}

func (kernelPipes) pipe() (int, int, error) {
	var fds [2]int
	err := unix.Pipe2(fds[:], unix.O_CLOEXEC)
	return fds[0], fds[1], err
}
func (kernelPipes) read(fd int, p []byte) (int, error)  { return unix.Read(fd, p) }
func (kernelPipes) write(fd int, p []byte) (int, error) { return unix.Write(fd, p) }
func (kernelPipes) close(fd int)                        { unix.Close(fd) }

func pipeImpl(tb testing.TB, impl string) pipeOps {
	if impl == "kernel" {
		return kernelPipes{}
	}
	return newLinuxvfsPipes(tb)
}

func BenchmarkPipeThroughput(b *testing.B) {
	for _, size := range []int{4 << 10, 64 << 10} {
		for _, impl := range []string{"linuxvfs", "kernel"} {
			b.Run(fmt.Sprintf("write=%dK/impl=%s", size>>10, impl), func(b *testing.B) {
				o := pipeImpl(b, impl)
				r, w, err := o.pipe()
				if err != nil {
					b.Fatal(err)
				}
				defer o.close(r)
				b.SetBytes(int64(size))
				done := make(chan error, 1)
				go func() {
					buf := make([]byte, size)
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
}

func BenchmarkPipeRoundTrip(b *testing.B) {
	for _, impl := range []string{"linuxvfs", "kernel"} {
		b.Run("impl="+impl, func(b *testing.B) {
			o := pipeImpl(b, impl)
			r1, w1, err := o.pipe()
			if err != nil {
				b.Fatal(err)
			}
			r2, w2, err := o.pipe()
			if err != nil {
				b.Fatal(err)
			}
			defer func() {
				for _, fd := range []int{r1, w1, r2, w2} {
					o.close(fd)
				}
			}()
			go func() { // the echo side
				c := make([]byte, 1)
				for {
					if n, err := o.read(r1, c); n == 0 || err != nil {
						return
					}
					if _, err := o.write(w2, c); err != nil {
						return
					}
				}
			}()
			c := []byte{'x'}
			for i := 0; i < b.N; i++ {
				if _, err := o.write(w1, c); err != nil {
					b.Fatal(err)
				}
				if _, err := o.read(r2, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
