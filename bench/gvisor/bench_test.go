// SPDX-License-Identifier: Apache-2.0

package gvbench

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Every benchmark below runs its body once per implementation, as the
// sub-benchmarks ".../impl=linuxvfs" and ".../impl=gvisor", so that one run
// gives both sides under the same load; ./ratio pairs them. Setup happens
// once per sub-benchmark (b.Loop runs the function body once).

var (
	depths      = []int{1, 4, 16, 64}
	mountDepths = []int{4, 16, 64}
	tableSizes  = []int{1000, 10000, 100000}
	infoSizes   = []int{1000, 10000}
	peerCounts  = []int{10, 100, 1000}
	goroutines  = []int{1, 2, 4, 8}
)

const (
	smallFile = 4 << 10
	bigFile   = 1 << 20
	ioChunk   = 64 << 10
	dirSize   = 10000
)

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// chainPath is the absolute path of n components: n-1 directories named
// dir, then a file "f".
func chainPath(dir string, n int) string {
	return "/" + strings.Repeat(dir+"/", n-1) + "f"
}

// createFile makes path a regular file holding size bytes.
func createFile(tb testing.TB, s sys, path string, size int) {
	tb.Helper()
	fd, err := s.open(path, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, 0o644)
	must(tb, err)
	buf := make([]byte, min(size, ioChunk))
	for off := 0; off < size; off += len(buf) {
		if _, err := s.write(fd, buf[:min(len(buf), size-off)]); err != nil {
			tb.Fatal(err)
		}
	}
	must(tb, s.close(fd))
}

// buildChain makes the chain of chainPath(dir, maxDepth) with a file "f"
// at each level; with mounts, each directory is a tmpfs mount point.
func buildChain(tb testing.TB, s sys, dir string, levels int, mounts bool) {
	tb.Helper()
	p := ""
	for i := 0; i < levels; i++ {
		if i > 0 {
			p += "/" + dir
			must(tb, s.mkdir(p))
			if mounts {
				must(tb, s.mountTmpfs(p))
			}
		}
		createFile(tb, s, p+"/f", 0)
	}
}

func benchStat(b *testing.B, dir string, ds []int, mounts bool) {
	for _, n := range ds {
		path := chainPath(dir, n)
		b.Run(fmt.Sprintf("depth=%d", n), func(b *testing.B) {
			forImpls(b, func(b *testing.B, s sys) {
				buildChain(b, s, dir, n, mounts)
				must(b, s.stat(path))
				b.ReportAllocs()
				for next := cpuLoop(b); next(); {
					if err := s.stat(path); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkStat is stat of an absolute path of N components.
func BenchmarkStat(b *testing.B) { benchStat(b, "d", depths, false) }

// BenchmarkStatMounts is the same with a tmpfs mounted on every directory
// of the path, so that the walk crosses a mount at every level.
func BenchmarkStatMounts(b *testing.B) { benchStat(b, "m", mountDepths, true) }

// openReadClose reads path (size bytes) whole through a new descriptor.
func openReadClose(s sys, path string, buf []byte, size int) error {
	fd, err := s.open(path, linux.O_RDONLY, 0)
	if err != nil {
		return err
	}
	total := 0
	for {
		n, err := s.read(fd, buf)
		if err != nil {
			s.close(fd)
			return err
		}
		if n == 0 {
			break
		}
		total += n
	}
	if total != size {
		s.close(fd)
		return fmt.Errorf("read %d bytes of %s, want %d", total, path, size)
	}
	return s.close(fd)
}

// BenchmarkOpenReadClose is open, read of 4 KiB and the read that sees
// the end, then close, of a cached file.
func BenchmarkOpenReadClose(b *testing.B) {
	forImpls(b, func(b *testing.B, s sys) {
		createFile(b, s, "/small", smallFile)
		buf := make([]byte, smallFile)
		b.SetBytes(smallFile)
		b.ReportAllocs()
		for next := cpuLoop(b); next(); {
			if err := openReadClose(s, "/small", buf, smallFile); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWrite1M is open with O_TRUNC, 1 MiB written in 64 KiB writes,
// and close: the truncation frees the previous iteration's pages.
func BenchmarkWrite1M(b *testing.B) {
	forImpls(b, func(b *testing.B, s sys) {
		buf := make([]byte, ioChunk)
		b.SetBytes(bigFile)
		b.ReportAllocs()
		for next := cpuLoop(b); next(); {
			fd, err := s.open("/big", linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
			if err != nil {
				b.Fatal(err)
			}
			for off := 0; off < bigFile; off += ioChunk {
				if n, err := s.write(fd, buf); err != nil || n != ioChunk {
					b.Fatalf("write: %d, %v", n, err)
				}
			}
			must(b, s.close(fd))
		}
	})
}

// BenchmarkRead1M is open, a 1 MiB file read in 64 KiB reads, and close.
// Its impl=copy is the floor under both: the same bytes copied from 4 KiB
// pages into the same buffer by Go's copy, with no file system at all
// (the ratio table prints it beside the row).
func BenchmarkRead1M(b *testing.B) {
	forImpls(b, func(b *testing.B, s sys) {
		createFile(b, s, "/big", bigFile)
		buf := make([]byte, ioChunk)
		b.SetBytes(bigFile)
		b.ReportAllocs()
		for next := cpuLoop(b); next(); {
			if err := openReadClose(s, "/big", buf, bigFile); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=copy", func(b *testing.B) {
		pages := make([][]byte, bigFile/pageBytes)
		for i := range pages {
			pages[i] = make([]byte, pageBytes)
		}
		buf := make([]byte, ioChunk)
		b.SetBytes(bigFile)
		b.ReportAllocs()
		for next := cpuLoop(b); next(); {
			for i, pg := range pages {
				copy(buf[i*pageBytes%ioChunk:], pg)
			}
		}
	})
}

// pageBytes is the page size both implementations keep file data in.
const pageBytes = 4096

// createUnlink makes path with O_CREAT|O_EXCL, closes it and unlinks it.
func createUnlink(s sys, path string) error {
	fd, err := s.open(path, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := s.close(fd); err != nil {
		return err
	}
	return s.unlink(path)
}

// BenchmarkCreateUnlink creates, closes and unlinks a file in a directory
// of its own.
func BenchmarkCreateUnlink(b *testing.B) {
	forImpls(b, func(b *testing.B, s sys) {
		must(b, s.mkdir("/cu"))
		b.ReportAllocs()
		for next := cpuLoop(b); next(); {
			if err := createUnlink(s, "/cu/f"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// fillDir makes dir with n empty files.
func fillDir(tb testing.TB, s sys, dir string, n int) {
	tb.Helper()
	must(tb, s.mkdir(dir))
	for i := 0; i < n; i++ {
		createFile(tb, s, fmt.Sprintf("%s/file%05d", dir, i), 0)
	}
}

// readDir opens dir, reads all its entries and closes it.
func readDir(s sys, dir string, want int) error {
	fd, err := s.open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		return err
	}
	n, err := s.readdir(fd)
	if err == nil && n != want {
		err = fmt.Errorf("%s: %d entries, want %d", dir, n, want)
	}
	if cerr := s.close(fd); err == nil {
		err = cerr
	}
	return err
}

// BenchmarkReaddir is open, reading all entries of a directory of 10 000
// files (and . and ..), and close. linuxvfs reads them with getdents64
// calls until the empty one, gVisor with one IterDirents.
func BenchmarkReaddir(b *testing.B) {
	forImpls(b, func(b *testing.B, s sys) {
		fillDir(b, s, "/dir", dirSize)
		b.ReportAllocs()
		for next := cpuLoop(b); next(); {
			if err := readDir(s, "/dir", dirSize+2); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRename renames a file back and forth, one rename per op: within
// one directory, and between two directories.
func BenchmarkRename(b *testing.B) {
	cases := []struct{ name, a, b string }{
		{"within", "/r/a", "/r/b"},
		{"across", "/r/a", "/r2/a"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			forImpls(b, func(b *testing.B, s sys) {
				must(b, s.mkdir("/r"))
				must(b, s.mkdir("/r2"))
				createFile(b, s, c.a, 0)
				from, to := c.a, c.b
				b.ReportAllocs()
				for next := cpuLoop(b); next(); {
					if err := s.rename(from, to); err != nil {
						b.Fatal(err)
					}
					from, to = to, from
				}
			})
		})
	}
}

// fillMounts makes /b/t a directory and mounts n tmpfs instances on
// /b/m/I, and makes /b/x, the mount point the benchmarks use. The table is
// filled with tmpfs mounts, not binds: gVisor's bind of a source that
// already has N binds costs time linear in N (5 000 binds of one
// directory take it 1.7 s, 10 000 take 20 s), which would keep its rows
// from reaching 100 000 mounts.
func fillMounts(tb testing.TB, s sys, n int) {
	tb.Helper()
	for _, d := range []string{"/b", "/b/t", "/b/m", "/b/x"} {
		must(tb, s.mkdir(d))
	}
	for i := 0; i < n; i++ {
		p := fmt.Sprintf("/b/m/%d", i)
		must(tb, s.mkdir(p))
		if err := s.mountTmpfs(p); err != nil {
			tb.Fatalf("mount %d: %v", i, err)
		}
	}
}

// BenchmarkMountUmount is a tmpfs mount and its umount, and a bind mount
// and its umount, with N other mounts present.
func BenchmarkMountUmount(b *testing.B) {
	for _, n := range tableSizes {
		for _, kind := range []string{"tmpfs", "bind"} {
			b.Run(fmt.Sprintf("mounts=%d/%s", n, kind), func(b *testing.B) {
				forImpls(b, func(b *testing.B, s sys) {
					fillMounts(b, s, n)
					mount := func() error { return s.mountTmpfs("/b/x") }
					if kind == "bind" {
						mount = func() error { return s.bind("/b/t", "/b/x") }
					}
					b.ReportAllocs()
					for next := cpuLoop(b); next(); {
						if err := mount(); err != nil {
							b.Fatal(err)
						}
						if err := s.umount("/b/x", 0); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}

// setupPeers makes /s a shared mount with p peers bound on /p/I.
func setupPeers(tb testing.TB, s sys, p int) {
	tb.Helper()
	for _, d := range []string{"/s", "/s/x", "/p"} {
		must(tb, s.mkdir(d))
	}
	must(tb, s.bind("/s", "/s"))
	must(tb, s.makeShared("/s"))
	for i := 0; i < p; i++ {
		d := fmt.Sprintf("/p/%d", i)
		must(tb, s.mkdir(d))
		must(tb, s.bind("/s", d))
	}
}

// BenchmarkPropagate is a tmpfs mount and its umount below a shared mount
// with P peers: each propagates to every peer. ns/copy divides by P+1.
// The umount is lazy (MNT_DETACH) on both sides: gVisor refuses a plain
// umount of a mount that has propagated copies with EBUSY (its own mount
// tests umount them with MNT_DETACH too).
func BenchmarkPropagate(b *testing.B) {
	for _, p := range peerCounts {
		b.Run(fmt.Sprintf("peers=%d", p), func(b *testing.B) {
			forImpls(b, func(b *testing.B, s sys) {
				setupPeers(b, s, p)
				b.ReportAllocs()
				for next := cpuLoop(b); next(); {
					if err := s.mountTmpfs("/s/x"); err != nil {
						b.Fatal(err)
					}
					if err := s.umount("/s/x", linux.MNT_DETACH); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(p+1), "ns/copy")
			})
		})
	}
}

// BenchmarkMountinfo renders mountinfo with N mounts present; ns/line
// divides by N.
func BenchmarkMountinfo(b *testing.B) {
	for _, n := range infoSizes {
		b.Run(fmt.Sprintf("mounts=%d", n), func(b *testing.B) {
			forImpls(b, func(b *testing.B, s sys) {
				fillMounts(b, s, n)
				b.ReportAllocs()
				for next := cpuLoop(b); next(); {
					if _, err := s.mountinfo(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
			})
		})
	}
}

// statPath is the file BenchmarkParallel stats: depth 4.
var statPath = chainPath("d", 4)

// parallelOps are the operations BenchmarkParallel scales. Each task gets
// own, the path of a file in a directory of its own: for an op with
// ownFile a file there of smallFile bytes it reads, else a name it
// creates; all paths are made before the clock starts.
var parallelOps = []struct {
	name    string
	ownFile bool
	op      func(s sys, own string, buf []byte) error
}{
	{"stat", false, func(s sys, _ string, _ []byte) error { return s.stat(statPath) }},
	{"openread", false, func(s sys, _ string, buf []byte) error {
		return openReadClose(s, "/small", buf, smallFile)
	}},
	{"openreadown", true, func(s sys, own string, buf []byte) error {
		return openReadClose(s, own, buf, smallFile)
	}},
	{"create", false, func(s sys, own string, _ []byte) error { return createUnlink(s, own) }},
}

// ownPath is the path runParallel gives task i as own.
func ownPath(i int) string { return fmt.Sprintf("/own%d/f", i) }

// BenchmarkParallel runs the same operation from G goroutines, each its
// own task with its own credentials and descriptor table, sharing one
// mount namespace; b.N operations in all, so ns/op falls as G grows where
// the implementation and the machine's cores allow.
func BenchmarkParallel(b *testing.B) {
	for _, op := range parallelOps {
		for _, g := range goroutines {
			b.Run(fmt.Sprintf("op=%s/goroutines=%d", op.name, g), func(b *testing.B) {
				forImpls(b, func(b *testing.B, s sys) {
					buildChain(b, s, "d", 4, false)
					createFile(b, s, "/small", smallFile)
					tasks := make([]sys, g)
					for i := range tasks {
						tasks[i] = s.fork()
						must(b, s.mkdir(fmt.Sprintf("/own%d", i)))
						if op.ownFile {
							createFile(b, s, ownPath(i), smallFile)
						}
					}
					b.ReportAllocs()
					b.ResetTimer()
					t0 := cpuNow()
					must(b, runParallel(b.N, tasks, op.op))
					reportCPU(b, t0)
				})
			})
		}
	}
}

// runParallel shares total calls of op among the tasks, one goroutine
// each, and returns the first error.
func runParallel(total int, tasks []sys, op func(sys, string, []byte) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(tasks))
	for i, t := range tasks {
		n := total / len(tasks)
		if i < total%len(tasks) {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := ownPath(i)
			buf := make([]byte, smallFile)
			for range n {
				if err := op(t, own, buf); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
