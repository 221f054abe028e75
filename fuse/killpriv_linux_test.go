// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// setIDCase is a write to a file of mode mode opened by opener and
// written by writer (uids; each with the same gid and no groups), or
// with writer -1 a chown(f, -1, -1) by opener with no write open.
type setIDCase struct {
	mode           uint32
	opener, writer int
}

// setIDCases are pjdfstest chmod/12.t's writes by a non-owner, and the
// same through a descriptor opened by another user, and the chown(f,
// -1, -1) the host sends the same request for.
var setIDCases = []setIDCase{
	{0o4777, 65534, 65534}, {0o2777, 65534, 65534}, {0o6777, 65534, 65534}, {0o2767, 65534, 65534},
	{0o4777, 0, 65534}, {0o6777, 0, 65534}, {0o6777, 65534, 0},
	{0o4777, 65534, -1}, {0o0777, 65534, -1},
}

// TestSetIDWrite checks, as pjdfstest's chmod/12.t does, that a write
// by a caller without CAP_FSETID drops a file's set-ID bits over the
// export as on a host tmpfs, owner or not, and whoever opened the file;
// before the host's write reaches the export, it asks it for the drop
// with a SETATTR that carries nothing, as chown(f, -1, -1) does (which a
// non-owner may not do to a set-ID file). One host thread switches its
// IDs between the open and the write.
func TestSetIDWrite(t *testing.T) {
	mp, _, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/w", 0o777))
	})
	host := hostTmpfs(t)
	want, err := setIDWrites(host)
	must(t, err)
	got, err := setIDWrites(filepath.Join(mp, "w"))
	must(t, err)
	for i, c := range setIDCases {
		if got[i] != want[i] {
			t.Errorf("mode %04o, opener %d, writer %d: export %s, host tmpfs %s", c.mode, c.opener, c.writer, got[i], want[i])
		}
	}
}

// setIDWrites runs setIDCases in dir on a thread of its own (locked,
// never unlocked: its IDs change) and returns each one's result and
// the mode after.
func setIDWrites(dir string) ([]string, error) {
	type result struct {
		got []string
		err error
	}
	ch := make(chan result)
	go func() {
		runtime.LockOSThread()
		var r result
		for i, c := range setIDCases {
			var s string
			if s, r.err = setIDWrite(filepath.Join(dir, fmt.Sprint("f", i)), c); r.err != nil {
				break
			}
			r.got = append(r.got, s)
		}
		ch <- r
	}()
	r := <-ch
	return r.got, r.err
}

func setIDWrite(name string, c setIDCase) (string, error) {
	fd, err := unix.Open(name, unix.O_CREAT|unix.O_WRONLY|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return "", err
	}
	unix.Close(fd)
	if err := unix.Chmod(name, c.mode); err != nil {
		return "", err
	}
	if err := threadIDs(uint32(c.opener), uint32(c.opener)); err != nil {
		return "", err
	}
	var res error
	if c.writer < 0 {
		res = unix.Chown(name, -1, -1)
	} else if fd, res = unix.Open(name, unix.O_WRONLY|unix.O_CLOEXEC, 0); res == nil {
		defer unix.Close(fd)
		if err := threadIDs(uint32(c.writer), uint32(c.writer)); err != nil {
			return "", err
		}
		_, res = unix.Pwrite(fd, []byte("x"), 0)
	}
	if err := threadIDs(0, 0); err != nil {
		return "", err
	}
	var st unix.Stat_t
	if err := unix.Stat(name, &st); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %04o", errName(res), st.Mode&0o7777), nil
}
