// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	gofuse "github.com/hanwen/go-fuse/v2/fuse"
	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// callerCred is the host caller's credentials as the virtual kernel gets
// them: the request header carries its fsuid and fsgid; the supplementary
// groups and the effective capabilities come from /proc/PID/status on
// the host while the caller lives. Without them (no PID, the caller gone)
// uid 0 has every capability and nobody has supplementary groups.
func callerCred(c *gofuse.Caller) *vfs.Cred {
	cred := vfs.UserCred(c.Uid, c.Gid)
	if c.Uid == 0 {
		cred.Effective, cred.Permitted = linux.AllCaps, linux.AllCaps
	}
	if c.Pid == 0 {
		return cred
	}
	status, ok := procStatus(c.Pid)
	if !ok {
		return cred
	}
	for line := range bytes.Lines(status) {
		key, val, ok := strings.Cut(strings.TrimSpace(string(line)), ":")
		if !ok {
			continue
		}
		switch key {
		case "Groups":
			for _, g := range strings.Fields(val) {
				if n, err := strconv.ParseUint(g, 10, 32); err == nil {
					cred.Groups = append(cred.Groups, uint32(n))
				}
			}
		case "CapEff":
			if n, err := strconv.ParseUint(strings.TrimSpace(val), 16, 64); err == nil {
				cred.Effective = linux.CapSet(n) & linux.AllCaps
				cred.Permitted = cred.Effective
			}
		}
	}
	return cred
}

// procStatus reads /proc/PID/status with one read(2) into a buffer
// large enough for it: this is done for every request, and procfs makes
// the whole text at each read.
func procStatus(pid uint32) ([]byte, bool) {
	fd, err := unix.Open(fmt.Sprintf("/proc/%d/status", pid), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	buf := make([]byte, 8192)
	n, err := unix.Read(fd, buf)
	if err != nil || n <= 0 || n == len(buf) {
		return nil, false
	}
	return buf[:n], true
}

// credKey tells credential sets apart for the task cache.
func credKey(c *vfs.Cred) string {
	return fmt.Sprint(c.FSUID, c.FSGID, c.Groups, uint64(c.Effective))
}

// taskCache holds one task per credential set: a clone of the export's
// task (its namespace and root) with those credentials, umask 0 (the
// host kernel has applied the caller's) and a descriptor table of its
// own. Tasks live as long as the export: a file opened by one is used
// through it until released. callers remembers which task each calling
// thread was given.
type taskCache struct {
	mu      sync.Mutex
	base    *vfs.Task
	tasks   map[string]*vfs.Task
	callers callerCache
}

func newTaskCache(base *vfs.Task) *taskCache {
	return &taskCache{base: base, tasks: map[string]*vfs.Task{}, callers: callerCache{entries: map[callerKey]*callerEntry{}}}
}

// get returns the task for the caller of a request.
func (tc *taskCache) get(c *gofuse.Caller) *vfs.Task {
	if c.Pid == 0 {
		return tc.task(callerCred(c))
	}
	k := callerKey{c.Pid, c.Uid, c.Gid}
	if t := tc.callers.lookup(k); t != nil {
		return t
	}
	// The capabilities first: a change after this read shows at the
	// next request.
	eff, perm, capErr := threadCaps(c.Pid)
	cred := callerCred(c)
	if capErr != nil {
		return tc.task(cred)
	}
	cred.Effective = linux.CapSet(eff) & linux.AllCaps
	cred.Permitted = cred.Effective
	t := tc.task(cred)
	tc.callers.store(k, t, eff, perm)
	return t
}

// task returns the task for the credentials cred.
func (tc *taskCache) task(cred *vfs.Cred) *vfs.Task {
	key := credKey(cred)
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if t := tc.tasks[key]; t != nil {
		return t
	}
	t := tc.base.Clone(0)
	t.SetCred(cred)
	t.Umask(0)
	tc.tasks[key] = t
	return t
}

// exit ends every task, the base too, closing the files they still hold.
func (tc *taskCache) exit() {
	tc.callers.clear()
	tc.mu.Lock()
	defer tc.mu.Unlock()
	for k, t := range tc.tasks {
		t.Exit()
		delete(tc.tasks, k)
	}
	tc.base.Exit()
}
