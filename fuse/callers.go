// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Reading a caller's /proc/PID/status (for its groups and capabilities)
// costs more than most requests themselves, so the task a calling
// thread was given is remembered, and used again while these hold:
//
//   - the request's fsuid and fsgid are the same (they are part of the
//     key: a setuid or setgid shows in the very request);
//   - the thread is the same one: the entry holds a pidfd for it, and a
//     thread ID that was freed and given to another thread is told
//     apart from the old one by the old pidfd reporting its exit;
//   - its capabilities, effective and permitted, are the same (capget
//     on the thread ID, a system call that formats nothing): dropping
//     or gaining capabilities, also by exec, is seen at once.
//
// That leaves setgroups, which changes neither. A thread without
// CAP_SETGID in its permitted set cannot call it (nor gain the
// capability without its permitted set changing), so its entry lasts.
// A thread that has it is remembered only while it overrides every
// group-based check (dacCaps effective: root, as a rule) and then for
// callerGroupsTTL at most (an idmapped mount can still make the groups
// count); others, such as a daemon switching its effective IDs and
// groups for each client, are read afresh at each request, as is a
// caller without a PID in the export's PID namespace or one no pidfd
// can be had for.

// dacCaps are the capabilities that override every check the virtual
// kernel makes with the caller's supplementary groups.
const dacCaps = 1<<linux.CAP_CHOWN | 1<<linux.CAP_DAC_OVERRIDE | 1<<linux.CAP_DAC_READ_SEARCH |
	1<<linux.CAP_FOWNER | 1<<linux.CAP_FSETID

// callerGroupsTTL bounds how long the groups of a thread that may call
// setgroups are taken from the cache.
const callerGroupsTTL = time.Second

// callerKey is a calling thread (its ID as the request header gives it)
// with the filesystem IDs of the request.
type callerKey struct{ pid, uid, gid uint32 }

type callerEntry struct {
	task      *vfs.Task
	pidfd     int
	eff, perm uint64
	expires   time.Time // zero: no limit
}

// callerCache maps calling threads to their tasks. Entries are only
// read under mu.RLock, and their pidfds closed under mu.Lock.
type callerCache struct {
	mu      sync.RWMutex
	entries map[callerKey]*callerEntry
}

// callerCacheMax is the number of entries past which an insertion first
// drops the entries of threads that have ended.
const callerCacheMax = 256

// lookup returns the task remembered for the caller, or nil.
func (cc *callerCache) lookup(k callerKey) *vfs.Task {
	cc.mu.RLock()
	e := cc.entries[k]
	ok := e != nil && e.valid(k.pid)
	cc.mu.RUnlock()
	if e == nil {
		return nil
	}
	if !ok {
		cc.drop(k, e)
		return nil
	}
	return e.task
}

// valid tells whether e still stands for the thread pid. The
// capabilities are read before the pidfd is asked: the thread alive
// after capget means capget read that thread.
func (e *callerEntry) valid(pid uint32) bool {
	if !e.expires.IsZero() && time.Now().After(e.expires) {
		return false
	}
	eff, perm, err := threadCaps(pid)
	if err != nil || eff != e.eff || perm != e.perm {
		return false
	}
	return alive(e.pidfd)
}

// store remembers task for the caller, when a pidfd for its thread can
// be had; eff and perm are the capabilities the task was made with
// (read before its groups, so that a change after that shows).
func (cc *callerCache) store(k callerKey, task *vfs.Task, eff, perm uint64) {
	setgid := perm&(1<<linux.CAP_SETGID) != 0
	if setgid && eff&dacCaps != dacCaps {
		return
	}
	pidfd, err := unix.PidfdOpen(int(k.pid), unix.PIDFD_THREAD)
	if err == unix.EINVAL { // before 6.9: thread-group leaders only
		pidfd, err = unix.PidfdOpen(int(k.pid), 0)
	}
	if err != nil {
		return
	}
	e := &callerEntry{task: task, pidfd: pidfd, eff: eff, perm: perm}
	if setgid {
		e.expires = time.Now().Add(callerGroupsTTL)
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if len(cc.entries) >= callerCacheMax {
		cc.sweepLocked()
	}
	if old := cc.entries[k]; old != nil {
		unix.Close(old.pidfd)
	}
	cc.entries[k] = e
}

// drop removes e, if it is still k's entry.
func (cc *callerCache) drop(k callerKey, e *callerEntry) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.entries[k] == e {
		delete(cc.entries, k)
		unix.Close(e.pidfd)
	}
}

// sweepLocked drops the entries of ended threads, and everything when
// that leaves too many.
func (cc *callerCache) sweepLocked() {
	for k, e := range cc.entries {
		if !alive(e.pidfd) || len(cc.entries) >= 4*callerCacheMax {
			delete(cc.entries, k)
			unix.Close(e.pidfd)
		}
	}
}

// clear drops every entry.
func (cc *callerCache) clear() {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	for k, e := range cc.entries {
		delete(cc.entries, k)
		unix.Close(e.pidfd)
	}
}

// alive polls a pidfd: readable once its thread (or process) has ended.
func alive(pidfd int) bool {
	fds := []unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 0)
	return err == nil && n == 0
}

// threadCaps reads the effective and permitted capabilities of the
// thread pid with capget.
func threadCaps(pid uint32) (eff, perm uint64, err error) {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3, Pid: int32(pid)}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return 0, 0, err
	}
	eff = uint64(data[0].Effective) | uint64(data[1].Effective)<<32
	perm = uint64(data[0].Permitted) | uint64(data[1].Permitted)<<32
	return eff, perm, nil
}
