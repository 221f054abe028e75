// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// onThread runs fn on a thread of its own, which ends with it (its IDs
// and capabilities may be left changed).
func onThread(fn func() error) error {
	ch := make(chan error)
	go func() {
		runtime.LockOSThread() // never unlocked
		ch <- fn()
	}()
	return <-ch
}

// threadDropDAC takes CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH out of
// the calling thread's effective set (drop), or puts them back.
func threadDropDAC(drop bool) error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return err
	}
	const dac = 1<<linux.CAP_DAC_OVERRIDE | 1<<linux.CAP_DAC_READ_SEARCH
	if drop {
		data[0].Effective &^= dac
	} else {
		data[0].Effective |= dac
	}
	return unix.Capset(&hdr, &data[0])
}

// TestCallerCredChanges changes one host thread's credentials between
// requests to the export, quicker than any cache could expire, and
// checks that each request is decided with the thread's credentials of
// the moment: effective capabilities dropped and taken back by root, a
// change of user ID, and a change of groups alone by a thread that
// switches its effective IDs (as a daemon serving several users does).
func TestCallerCredChanges(t *testing.T) {
	mp, _, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/c", 0o755))
		must(t, task.Mkdir("/c/priv", 0o700))
		for _, f := range []struct {
			name string
			mode uint32
			uid  uint32
			gid  uint32
		}{{"secret", 0o000, 0, 0}, {"grp", 0o060, 65530, 65534}} {
			fd, err := task.Open("/c/"+f.name, linux.O_CREAT|linux.O_WRONLY, f.mode)
			must(t, err)
			task.Close(fd)
			must(t, task.Chmod("/c/"+f.name, f.mode))
			must(t, task.Chown("/c/"+f.name, f.uid, f.gid))
		}
	})
	dir := filepath.Join(mp, "c")
	open := func(name string) string {
		fd, err := unix.Open(filepath.Join(dir, name), unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == nil {
			unix.Close(fd)
		}
		return errName(err)
	}
	type step struct {
		what string
		set  func() error
		name string
		want string
	}
	steps := []step{
		{"root", func() error { return nil }, "secret", "0"},
		{"root without DAC capabilities", func() error { return threadDropDAC(true) }, "secret", "EACCES"},
		{"root with them again", func() error { return threadDropDAC(false) }, "secret", "0"},
		{"65534", func() error { return threadIDs(65534, 65534, 65534) }, "priv/x", "EACCES"},
		{"root again", func() error { return threadIDs(0, 0) }, "priv/x", "ENOENT"},
		{"65533 in 65533", func() error { return threadIDs(65533, 65533, 65533) }, "grp", "EACCES"},
		{"65533 with group 65534", func() error { return threadIDs(65533, 65533, 65534) }, "grp", "0"},
		{"65533 without it again", func() error { return threadIDs(65533, 65533, 65533) }, "grp", "EACCES"},
	}
	// Twice on the same thread: the second round finds every entry the
	// first one left.
	err := onThread(func() error {
		for round := range 2 {
			for _, s := range steps {
				if err := s.set(); err != nil {
					return fmt.Errorf("%s: %w", s.what, err)
				}
				if got := open(s.name); got != s.want {
					t.Errorf("round %d, %s: open %s: %s, want %s", round, s.what, s.name, got, s.want)
				}
			}
			if err := threadIDs(0, 0); err != nil {
				return err
			}
		}
		return nil
	})
	must(t, err)
}
