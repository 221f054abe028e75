// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gofs "github.com/hanwen/go-fuse/v2/fs"
	gofuse "github.com/hanwen/go-fuse/v2/fuse"
	"golang.org/x/sys/unix"
)

// The export against go-fuse's loopback example over a host tmpfs, side
// by side: host file operations through each FUSE mount (root only).
//
//	impl=linuxvfs   the export's /tmp, a virtual tmpfs (timeouts 0: every
//	                walk asks the virtual kernel)
//	impl=loopback   go-fuse's loopback as its example mounts it (entry
//	                and attribute timeouts 1 s, as libfuse's defaults)
//	impl=loopback0  the same with timeouts 0, as the export has them

// benchMounts returns a directory in each FUSE mount to compare.
func benchMounts(b *testing.B) map[string]string {
	canMount(b)
	dirs := map[string]string{"linuxvfs": benchExport(b)}
	for _, name := range []string{"loopback", "loopback0"} {
		timeout := time.Second
		if name == "loopback0" {
			timeout = 0
		}
		dirs[name] = benchLoopback(b, timeout)
	}
	return dirs
}

var benchImpls = []string{"linuxvfs", "loopback", "loopback0"}

// benchExport exports a booted system and returns its /tmp on the host.
func benchExport(b *testing.B) string {
	mp, _, _ := export(b, "/", nil)
	return filepath.Join(mp, "tmp")
}

// benchLoopback mounts go-fuse's loopback over a new host tmpfs, with the
// example's options but the timeouts, and returns the mount point.
func benchLoopback(b *testing.B, timeout time.Duration) string {
	orig := hostTmpfs(b)
	root, err := gofs.NewLoopbackRoot(orig)
	if err != nil {
		b.Fatal(err)
	}
	mp := b.TempDir()
	srv, err := gofs.Mount(mp, root, &gofs.Options{
		AttrTimeout:     &timeout,
		EntryTimeout:    &timeout,
		NullPermissions: true,
		MountOptions:    gofuse.MountOptions{DirectMount: true, FsName: orig, Name: "loopback"},
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Unmount() })
	return mp
}

// cpuMetric, deferred (called) at the start of a benchmark, reports the
// CPU time, user and system, that this process and its children spent
// per operation: the host's side of each request, the server's and a
// host command's all count, and unlike the wall time it hardly grows
// with the machine's load.
func cpuMetric(b *testing.B) func() {
	start := cpuNow()
	return func() { b.ReportMetric(float64(cpuNow()-start)/float64(b.N), "cpu-ns/op") }
}

func cpuNow() int64 {
	var self, kids unix.Rusage
	_ = unix.Getrusage(unix.RUSAGE_SELF, &self)
	_ = unix.Getrusage(unix.RUSAGE_CHILDREN, &kids)
	return self.Utime.Nano() + self.Stime.Nano() + kids.Utime.Nano() + kids.Stime.Nano()
}

// BenchmarkFuseWrite writes a file sequentially in 1 MiB blocks (a
// new file every 256 MiB).
func BenchmarkFuseWrite(b *testing.B) {
	dirs := benchMounts(b)
	block := make([]byte, 1<<20)
	for _, impl := range benchImpls {
		b.Run("impl="+impl, func(b *testing.B) {
			defer cpuMetric(b)()
			var f *os.File
			b.SetBytes(int64(len(block)))
			for i := 0; b.Loop(); i++ {
				if i%256 == 0 {
					if f != nil {
						f.Close()
					}
					var err error
					if f, err = os.Create(filepath.Join(dirs[impl], "w")); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := f.Write(block); err != nil {
					b.Fatal(err)
				}
			}
			f.Close()
		})
	}
}

// BenchmarkFuseRead reads a 64 MiB file sequentially in 1 MiB blocks,
// opening it again at each pass (an open drops the host's cached pages
// on both).
func BenchmarkFuseRead(b *testing.B) {
	dirs := benchMounts(b)
	const size = 64 << 20
	block := make([]byte, 1<<20)
	for _, impl := range benchImpls {
		name := filepath.Join(dirs[impl], "r")
		if err := os.WriteFile(name, make([]byte, size), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run("impl="+impl, func(b *testing.B) {
			defer cpuMetric(b)()
			var f *os.File
			b.SetBytes(int64(len(block)))
			for i := 0; b.Loop(); i++ {
				if i%(size/len(block)) == 0 {
					if f != nil {
						f.Close()
					}
					var err error
					if f, err = os.Open(name); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := io.ReadFull(f, block); err != nil {
					b.Fatal(err)
				}
			}
			f.Close()
		})
	}
}

// BenchmarkFuseStatDeep stats a file 32 directories down.
func BenchmarkFuseStatDeep(b *testing.B) {
	dirs := benchMounts(b)
	rel := strings.Repeat("d/", 32) + "f"
	for _, impl := range benchImpls {
		name := filepath.Join(dirs[impl], rel)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(name, nil, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run("impl="+impl, func(b *testing.B) {
			defer cpuMetric(b)()
			for b.Loop() {
				if _, err := os.Stat(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFuseFind runs find(1) over 10 000 files in 100 directories.
func BenchmarkFuseFind(b *testing.B) {
	dirs := benchMounts(b)
	for _, impl := range benchImpls {
		top := filepath.Join(dirs[impl], "tree")
		for d := range 100 {
			dir := filepath.Join(top, fmt.Sprint("d", d))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			for f := range 100 {
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprint("f", f)), nil, 0o644); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.Run("impl="+impl, func(b *testing.B) {
			defer cpuMetric(b)()
			for b.Loop() {
				out, err := inDir(top, "find . | wc -l").Output()
				if err != nil || strings.TrimSpace(string(out)) != "10101" {
					b.Fatalf("find: %q %v", out, err)
				}
			}
		})
	}
}
