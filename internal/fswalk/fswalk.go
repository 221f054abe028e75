// SPDX-License-Identifier: Apache-2.0

// Package fswalk is what the filesystem fuzz targets share: a walk of a
// mounted tree within a budget, failing on any error but those a corrupt
// image may give, and a watchdog that turns a hang into a crash.
package fswalk

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Walker visits a tree within a budget of entries and bytes, so that an
// image whose directories loop still ends.
type Walker struct {
	T      *testing.T
	Task   *vfs.Task
	Budget int
	Bytes  int
	// Corrupt are the errors a bad image may give (a filesystem's EIO,
	// EUCLEAN, ...); any other fails the test.
	Corrupt []error
	// Gone are the lstat errors of a listed name lookup cannot find.
	Gone []error
}

// Ok reports whether err is nil, failing the test on an error that is
// not one of w.Corrupt.
func (w *Walker) Ok(what string, err error) bool {
	if err == nil {
		return true
	}
	if !slices.ContainsFunc(w.Corrupt, func(e error) bool { return errors.Is(err, e) }) {
		w.T.Fatalf("%s: %v", what, err)
	}
	return false
}

// Dir walks the directory path.
func (w *Walker) Dir(path string, depth int) {
	fd, err := w.Task.Open(path, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if !w.Ok("open "+path, err) {
		return
	}
	defer w.Task.Close(fd)
	for w.Budget > 0 {
		ents, err := w.Task.Getdents(fd, 64)
		if !w.Ok("getdents "+path, err) || len(ents) == 0 {
			return
		}
		for _, e := range ents {
			if w.Budget--; w.Budget <= 0 {
				return
			}
			if e.Name != "." && e.Name != ".." {
				w.entry(path+"/"+e.Name, depth)
			}
		}
	}
}

func (w *Walker) entry(path string, depth int) {
	st, err := w.Task.Lstat(path)
	if slices.ContainsFunc(w.Gone, func(e error) bool { return errors.Is(err, e) }) || !w.Ok("lstat "+path, err) {
		return
	}
	switch st.Mode & linux.S_IFMT {
	case linux.S_IFDIR:
		if depth < 16 {
			w.Dir(path, depth+1)
		}
	case linux.S_IFLNK:
		_, err := w.Task.Readlink(path)
		w.Ok("readlink "+path, err)
	case linux.S_IFREG:
		w.read(path)
	}
}

func (w *Walker) read(path string) {
	fd, err := w.Task.Open(path, linux.O_RDONLY|linux.O_NOFOLLOW, 0)
	if !w.Ok("open "+path, err) {
		return
	}
	defer w.Task.Close(fd)
	buf := make([]byte, 8192)
	for w.Bytes > 0 {
		n, err := w.Task.Read(fd, buf)
		if !w.Ok("read "+path, err) || n == 0 {
			return
		}
		w.Bytes -= n
	}
}

// Watchdog runs fn and, if it has not returned after d, crashes the test
// binary with every goroutine's stack (fuzzing then keeps the input).
func Watchdog(t *testing.T, d time.Duration, fn func()) {
	timer := time.AfterFunc(d, func() {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		panic(fmt.Sprintf("%s: timed out after %v\n%s", t.Name(), d, buf))
	})
	defer timer.Stop()
	fn()
}
