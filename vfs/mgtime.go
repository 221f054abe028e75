// SPDX-License-Identifier: Apache-2.0

package vfs

import "time"

// File timestamps as Linux 6.13+ hands them out (fs/inode.c's
// current_time and inode_set_ctime_current, kernel/time's coarse and
// multigrain clocks).
//
// Inodes are stamped from the coarse clock, which moves once a tick (HZ
// is 250 on the reference kernel, so 4 ms): two changes within a tick
// get the same time, and a read loop on a strictatime mount writes atime
// once a tick, not once a read. A filesystem type with FS_MGTIME (tmpfs,
// ext4) makes an exception so that a change is never invisible to someone
// who looked: once stat has reported an inode's ctime, its next change
// that the coarse clock would not tell apart gets a fine-grained stamp.
// Every fine stamp raises a kernel-wide floor below which the coarse
// clock is not read, so that a later coarse stamp on another inode never
// sorts before it.
//
// The "ctime was reported" mark lives in the top bit of the ctime's
// nanoseconds, which stay below 2^30, as I_CTIME_QUERIED does; stat sets
// it without the inode's lock, and a ctime change swaps the nanoseconds
// in with a compare-and-swap so that a mark made meanwhile is not lost.

// jiffy is one tick of the coarse clock.
const jiffy = int64(4 * time.Millisecond)

// ctimeQueried marks a ctime that stat has reported since it was set.
const ctimeQueried = 1 << 31

// FS_MGTIME is the file_system_type flag of filesystems whose inodes get
// fine-grained change times when someone looked.
const FS_MGTIME FSTypeFlags = 64

// coarseNow is ktime_get_coarse_real_ts64_mg: the time of the last tick,
// or the floor of fine stamps if one was handed out since. A kernel with
// a clock of its own (SetClock) reads it as it is.
func (k *Kernel) coarseNow() Timespec {
	if k.clock != nil {
		return k.Now()
	}
	ns := realNow().nanos()
	ns -= ns % jiffy
	return timespecOfNanos(max(ns, k.mgFloor.Load()))
}

// fineNow is ktime_get_real_ts64_mg: the fine-grained time, which raises
// the floor; when another stamp raised it past this reading meanwhile,
// that later stamp is the answer, as good for telling a change apart.
func (k *Kernel) fineNow() Timespec {
	if k.clock != nil {
		return k.Now()
	}
	ns := realNow().nanos()
	for {
		floor := k.mgFloor.Load()
		if ns <= floor {
			return timespecOfNanos(floor)
		}
		if k.mgFloor.CompareAndSwap(floor, ns) {
			return timespecOfNanos(ns)
		}
	}
}

func (ts Timespec) nanos() int64 { return ts.Sec*1e9 + ts.Nsec }

func timespecOfNanos(ns int64) Timespec { return Timespec{ns / 1e9, ns % 1e9} }

// currentTime is current_time: the time an inode would be stamped with
// now. For a multigrain inode whose reported ctime the coarse clock has
// not moved past, that is the fine-grained time (without raising the
// floor: only a ctime change does).
func (in *Inode) currentTime() Timespec {
	sb := in.sb
	now := sb.k.coarseNow()
	if sb.mgtime {
		if raw := in.times.nsec[slotC].Load(); raw&ctimeQueried != 0 && uint32(now.Nsec) == raw&^ctimeQueried {
			if sb.k.clock == nil {
				now = realNow()
			}
		}
	}
	return sb.truncateTime(now)
}

// stampCtime is inode_set_ctime_current inside a write section of in's
// times: now (the system call's coarse reading), or a fine-grained time
// if now would not show the change to someone who saw the ctime. It
// returns the ctime set.
func (in *Inode) stampCtime(now Timespec) Timespec {
	t := &in.times
	if !in.sb.mgtime {
		t.store(slotC, now)
		return now
	}
	for {
		raw := t.nsec[slotC].Load()
		stamp := now
		cur := Timespec{t.sec[slotC].Load(), int64(raw &^ ctimeQueried)}
		if raw&ctimeQueried != 0 && !now.After(cur) {
			stamp = in.sb.truncateTime(in.sb.k.fineNow())
		}
		if stamp == cur && raw&ctimeQueried == 0 {
			return stamp
		}
		// Only stat's mark can change raw under us (writers of the times
		// take turns); then the stamp is worked out again with it.
		if t.nsec[slotC].CompareAndSwap(raw, uint32(stamp.Nsec)) {
			t.sec[slotC].Store(stamp.Sec)
			return stamp
		}
	}
}

// markCtimeQueried records that stat reported in's ctime (and mtime), so
// that a change within the same tick gets a time of its own.
func (in *Inode) markCtimeQueried() {
	if !in.sb.mgtime {
		return
	}
	p := &in.times.nsec[slotC]
	for {
		raw := p.Load()
		if raw&ctimeQueried != 0 || p.CompareAndSwap(raw, raw|ctimeQueried) {
			return
		}
	}
}
