// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Scale benchmarks (issue 8, item 6): mount tables far larger than a
// system has, shaped to find walks that are quadratic in them.
//
//   - ScaleUmountLazy: a shared tmpfs bound onto subdirectories of itself
//     k times holds 2^k mounts (each bind propagates to every peer made
//     before it); one umount -l takes the whole tree away.
//   - ScaleStack: N tmpfs mounts stacked on one directory, each mount(2)
//     resolving the directory through the stack below it.
//   - ScaleMountinfo: mountinfo with N mounts nested in a chain (each on a
//     directory of the one before, made from inside it) or stacked on one
//     directory.
//
// The kernel side runs on a goroutine locked to its own thread that
// unshared its mount namespace; the namespace and everything mounted in it
// go away when the thread exits with the benchmark.

// cpuTimer pairs the benchmark timer with the process's CPU time (user
// and system, every thread), reported as cpu-ns/op: on a shared machine
// the wall time also counts waiting for a core.
type cpuTimer struct {
	b     *testing.B
	t0    time.Duration
	total time.Duration
}

func cpuNow() time.Duration {
	var ru unix.Rusage
	unix.Getrusage(unix.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func newCPUTimer(b *testing.B) *cpuTimer {
	b.StopTimer()
	b.ResetTimer()
	return &cpuTimer{b: b}
}

func (c *cpuTimer) start() { c.b.StartTimer(); c.t0 = cpuNow() }
func (c *cpuTimer) stop()  { c.total += cpuNow() - c.t0; c.b.StopTimer() }

// report adds cpu-ns/op and, when per is not zero, wall ns per item.
func (c *cpuTimer) report(per int, unit string) {
	c.b.ReportMetric(float64(c.total.Nanoseconds())/float64(c.b.N), "cpu-ns/op")
	if per > 0 {
		c.b.ReportMetric(float64(c.b.Elapsed().Nanoseconds())/float64(c.b.N)/float64(per), unit)
	}
}

// scaleOps is what the scale benchmarks need from either kernel.
type scaleOps interface {
	mountOps
	umount2(p string, flags int) error
	chdir(p string) error
}

func (l linuxvfsMounts) umount2(p string, flags int) error { return l.t.Umount2(p, flags) }
func (l linuxvfsMounts) chdir(p string) error              { return l.t.Chdir(p) }

// kernelNS is the host kernel in a mount namespace of the calling thread.
type kernelNS struct{}

func (kernelNS) mkdir(p string) error { return unix.Mkdir(p, 0o755) }
func (kernelNS) mount(src, dst, fstype string, flags uint64) error {
	return unix.Mount(src, dst, fstype, uintptr(flags), "")
}
func (kernelNS) umount(p string) error             { return unix.Unmount(p, 0) }
func (kernelNS) umount2(p string, flags int) error { return unix.Unmount(p, flags) }
func (kernelNS) chdir(p string) error              { return unix.Chdir(p) }
func (kernelNS) mountinfo() (int, error) {
	b, err := os.ReadFile("/proc/thread-self/mountinfo")
	return len(b), err
}

// newKernelNS locks the benchmark's goroutine to its thread for good, gives
// the thread its own mount namespace (everything in it private) and a
// tmpfs on /mnt, and returns the base directory below it. The thread is
// never unlocked, so it exits with the goroutine and takes the namespace
// with it.
func newKernelNS(tb testing.TB, need int) (scaleOps, string) {
	if os.Geteuid() != 0 {
		tb.Skip("kernel side needs root")
	}
	if need > 90000 {
		tb.Skip("fs.mount-max (100000) is below what this size needs")
	}
	runtime.LockOSThread()
	if err := unix.Unshare(unix.CLONE_NEWNS | unix.CLONE_FS); err != nil {
		tb.Skipf("unshare: %v", err)
	}
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		tb.Fatal(err)
	}
	if err := unix.Mount("bench", "/mnt", "tmpfs", 0, ""); err != nil {
		tb.Skipf("mount tmpfs: %v", err)
	}
	return kernelNS{}, "/mnt/b"
}

func scaleImpl(tb testing.TB, impl string, need int) (scaleOps, string) {
	if impl == "kernel" {
		return newKernelNS(tb, need)
	}
	o, base := newLinuxvfsMounts(tb)
	return o.(linuxvfsMounts), base
}

func mkdirs(tb testing.TB, o scaleOps, dirs ...string) {
	tb.Helper()
	for _, d := range dirs {
		if err := o.mkdir(d); err != nil {
			tb.Fatalf("mkdir %s: %v", d, err)
		}
	}
}

// buildDoubling mounts a shared tmpfs on base/s and binds base/s onto
// base/s/x0 .. base/s/x<k-1>: 2^k mounts under base/s.
func buildDoubling(tb testing.TB, o scaleOps, base string, k int) {
	tb.Helper()
	s := base + "/s"
	mkdirs(tb, o, base, s)
	if err := o.mount("t", s, "tmpfs", 0); err != nil {
		tb.Fatal(err)
	}
	if err := o.mount("", s, "", linux.MS_SHARED); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < k; i++ {
		mkdirs(tb, o, fmt.Sprintf("%s/x%d", s, i))
	}
	for i := 0; i < k; i++ {
		if err := o.mount(s, fmt.Sprintf("%s/x%d", s, i), "", linux.MS_BIND); err != nil {
			tb.Fatalf("bind %d: %v", i, err)
		}
	}
}

func BenchmarkScaleUmountLazy(b *testing.B) {
	for _, k := range []int{12, 14, 16} {
		for _, impl := range []string{"linuxvfs", "kernel"} {
			b.Run(fmt.Sprintf("mounts=%d/impl=%s", 1<<k, impl), func(b *testing.B) {
				o, base := scaleImpl(b, impl, 1<<k)
				c := newCPUTimer(b)
				for i := 0; i < b.N; i++ {
					dir := fmt.Sprintf("%s%d", base, i)
					buildDoubling(b, o, dir, k)
					c.start()
					if err := o.umount2(dir+"/s", linux.MNT_DETACH); err != nil {
						b.Fatal(err)
					}
					c.stop()
				}
				c.report(1<<k, "ns/mount")
			})
		}
	}
}

// stackSizes are the stack heights of ScaleStack and the stacked
// ScaleMountinfo; the kernel is quadratic in them (it resolves the
// directory through the whole stack on every mount), so its rows stop
// early.
var stackSizes = []int{10000, 20000, 200000}

const kernelStackMax = 20000

// stack mounts n tmpfs on base/x, one on another.
func stack(tb testing.TB, o scaleOps, base string, n int) {
	tb.Helper()
	for i := 0; i < n; i++ {
		if err := o.mount("t", base+"/x", "tmpfs", 0); err != nil {
			tb.Fatalf("mount %d: %v", i, err)
		}
	}
}

func BenchmarkScaleStack(b *testing.B) {
	for _, n := range stackSizes {
		for _, impl := range []string{"linuxvfs", "kernel"} {
			b.Run(fmt.Sprintf("mounts=%d/impl=%s", n, impl), func(b *testing.B) {
				if impl == "kernel" && n > kernelStackMax {
					b.Skip("the kernel is quadratic here: minutes")
				}
				o, base := scaleImpl(b, impl, n)
				c := newCPUTimer(b)
				for i := 0; i < b.N; i++ {
					dir := fmt.Sprintf("%s%d", base, i)
					mkdirs(b, o, dir, dir+"/x")
					c.start()
					stack(b, o, dir, n)
					c.stop()
					if err := o.umount2(dir+"/x", linux.MNT_DETACH); err != nil {
						b.Fatal(err)
					}
				}
				c.report(n, "ns/mount")
			})
		}
	}
}

// nest makes base/d a mount of a fresh tmpfs, then d inside it, and so on
// n deep, each from inside the one before (the paths outgrow PATH_MAX).
func nest(tb testing.TB, o scaleOps, base string, n int) {
	tb.Helper()
	mkdirs(tb, o, base)
	if err := o.chdir(base); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < n; i++ {
		mkdirs(tb, o, "d")
		if err := o.mount("t", "d", "tmpfs", 0); err != nil {
			tb.Fatalf("mount %d: %v", i, err)
		}
		if err := o.chdir("d"); err != nil {
			tb.Fatal(err)
		}
	}
}

// kernelNestMax bounds the kernel's nested rows: a chain n deep makes
// n²/2 path components, and the kernel renders 100 MB (n = 10 000) in
// about 14 s.
const kernelNestMax = 10000

func BenchmarkScaleMountinfo(b *testing.B) {
	for _, shape := range []string{"nested", "stacked"} {
		for _, n := range []int{5000, 10000, 20000} {
			for _, impl := range []string{"linuxvfs", "kernel"} {
				b.Run(fmt.Sprintf("%s/mounts=%d/impl=%s", shape, n, impl), func(b *testing.B) {
					if impl == "kernel" && shape == "nested" && n > kernelNestMax {
						b.Skip("the kernel takes about a minute per read")
					}
					o, base := scaleImpl(b, impl, n)
					if shape == "nested" {
						nest(b, o, base, n)
					} else {
						mkdirs(b, o, base, base+"/x")
						stack(b, o, base, n)
					}
					size := 0
					c := newCPUTimer(b)
					for i := 0; i < b.N; i++ {
						var err error
						c.start()
						size, err = o.mountinfo()
						c.stop()
						if err != nil {
							b.Fatal(err)
						}
					}
					c.report(0, "")
					b.ReportMetric(float64(size), "bytes")
				})
			}
		}
	}
}
