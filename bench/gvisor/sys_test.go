// SPDX-License-Identifier: Apache-2.0

package gvbench

import (
	"syscall"
	"testing"
	"time"
)

// sys is one task of one implementation: the system calls the benchmarks
// make, with descriptors and paths as a process sees them. Paths are
// absolute; flags and errors are Linux's.
type sys interface {
	stat(path string) error
	open(path string, flags int, mode uint32) (int, error)
	read(fd int, p []byte) (int, error)
	write(fd int, p []byte) (int, error)
	close(fd int) error
	// readdir reads a directory descriptor to its end and returns the
	// number of entries, "." and ".." included.
	readdir(fd int) (int, error)
	mkdir(path string) error
	unlink(path string) error
	rename(from, to string) error
	mountTmpfs(target string) error
	bind(src, target string) error
	makeShared(path string) error
	// umount is umount2(2); flags 0 or MNT_DETACH.
	umount(target string, flags int) error
	// mountinfo renders the task's /proc/self/mountinfo and returns its
	// length in bytes.
	mountinfo() (int, error)
	// mountinfoText is the rendered mountinfo, for the checks.
	mountinfoText() string
	// fork returns another task in the same mount namespace with its own
	// credentials and descriptor table (fork(2), not a thread).
	fork() sys
}

// impl names an implementation and makes a fresh instance of it: its own
// VFS with a tmpfs root, seen by one root task.
type impl struct {
	name string
	new  func(tb testing.TB) sys
}

// impls are the implementations every benchmark runs, in the order they
// are reported.
var impls = []impl{
	{"linuxvfs", newLinuxvfs},
	{"gvisor", newGvisor},
}

// forImpls runs body as a sub-benchmark "impl=NAME" of b for each
// implementation.
func forImpls(b *testing.B, body func(b *testing.B, s sys)) {
	for _, im := range impls {
		b.Run("impl="+im.name, func(b *testing.B) {
			body(b, im.new(b))
		})
	}
}

// cpuNow is the process's CPU time so far: user and system, every thread
// (the collector's and gVisor's background goroutines included).
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuLoop returns b.Loop as a function that, when the loop ends, also
// reports the process's CPU time per operation as cpu-ns/op. On a shared
// machine ns/op counts the waits for a core as well, which differ from
// one sub-benchmark to the next; the CPU time counts only the work.
//
//	for next := cpuLoop(b); next(); {
func cpuLoop(b *testing.B) func() bool {
	t0 := cpuNow()
	return func() bool {
		if b.Loop() {
			return true
		}
		reportCPU(b, t0)
		return false
	}
}

// reportCPU reports the CPU time since t0 per operation.
func reportCPU(b *testing.B, t0 time.Duration) {
	b.ReportMetric(float64((cpuNow()-t0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
