// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// /dev/kmsg (kernel/printk's devkmsg_*): the kernel log as a character
// device. Each read returns one record, "PREFIX,SEQ,USEC,-;TEXT\n", where
// PREFIX is facility*8+level and TEXT has its control bytes, backslashes
// and bytes above 126 as \xNN; a reader starts at the oldest record and
// waits for the next one at the end (EAGAIN with O_NONBLOCK). A write
// logs one record, of facility LOG_USER and the default level unless it
// starts with "<N>". Not modelled: the per-file limit of ten written
// lines every five seconds (printk_devkmsg=ratelimit) and records lost to
// a full ring (EPIPE): the model keeps every record.

// KmsgOps are /dev/kmsg's file operations, for the driver of 1:11.
type KmsgOps struct{}

// kmsgMaxWrite is the longest write devkmsg_write takes.
const kmsgMaxWrite = 1024

// logUser is LOG_USER, the facility of records written from user space.
const logUser = 1

// kmsgFile is an open /dev/kmsg's place: the next record it reads.
type kmsgFile struct{ seq uint64 }

// Open is devkmsg_open: reading the log needs the right to (dmesg_restrict);
// writing does not.
func (KmsgOps) Open(f *File, t *Task) error {
	if f.read {
		if err := t.mayReadLog(); err != nil {
			return err
		}
	}
	f.Private = &kmsgFile{}
	return nil
}

// ReadAtBy is devkmsg_read: the next record, whole, or EINVAL when p is too
// short for it.
func (KmsgOps) ReadAtBy(t *Task, f *File, p []byte, _ int64) (int, error) {
	kf := f.Private.(*kmsgFile)
	k := t.k
	k.logMu.Lock()
	for kf.seq >= k.log.finalLocked() {
		if f.Flags()&linux.O_NONBLOCK != 0 {
			k.logMu.Unlock()
			return 0, linux.EAGAIN
		}
		if err := k.waitLogLocked(t); err != nil {
			k.logMu.Unlock()
			return 0, err
		}
	}
	line := kmsgLine(k.log.records[kf.seq])
	if len(line) > len(p) {
		k.logMu.Unlock()
		return 0, linux.EINVAL
	}
	kf.seq++
	k.logMu.Unlock()
	return copy(p, line), nil
}

// ReadAt is a read by no task (the kernel's own): it never waits.
func (o KmsgOps) ReadAt(f *File, p []byte, off int64) (int, error) {
	return 0, linux.EAGAIN
}

// waitLogLocked sleeps until a record is logged, or fails EINTR when the
// kernel is interrupted or the task is dying. logMu held.
func (k *Kernel) waitLogLocked(t *Task) error {
	if k.log.readers == nil {
		k.log.readers = sync.NewCond(&k.logMu)
	}
	// Join the sleepers before looking at the interrupt: Interrupt sets
	// its flag and then wakes the sleepers, and its wake needs logMu,
	// held here until Wait, so it cannot come between.
	w := &logWaker{k} // one entry per sleeper: a shared key would leave with the first
	k.sleepers.add(w)
	if t.fatalSignalPending() {
		k.sleepers.remove(w)
		return linux.EINTR
	}
	k.log.readers.Wait()
	k.sleepers.remove(w)
	if t.fatalSignalPending() {
		return linux.EINTR
	}
	return nil
}

// logWaker wakes the log's readers when the kernel is interrupted or a
// task gets a fatal signal.
type logWaker struct{ k *Kernel }

func (*logWaker) checksTask() {}

func (w *logWaker) wake() {
	w.k.logMu.Lock()
	w.k.log.readers.Broadcast()
	w.k.logMu.Unlock()
}

// kmsgLine formats a record as devkmsg_read gives it.
func kmsgLine(r LogRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d,%d,%d,-;", r.Facility<<3|r.Level, r.Seq, r.At.Microseconds())
	for i := 0; i < len(r.Text); i++ {
		c := r.Text[i]
		if c < ' ' || c >= 127 || c == '\\' {
			fmt.Fprintf(&b, "\\x%02x", c)
			continue
		}
		b.WriteByte(c)
	}
	b.WriteByte('\n')
	return b.String()
}

// WriteAt is devkmsg_write: one record, its text less one ending newline;
// a record without that newline stays open until the next one.
func (KmsgOps) WriteAt(f *File, p []byte, _ int64) (int, error) {
	if len(p) > kmsgMaxWrite {
		return 0, linux.EINVAL
	}
	if len(p) == 0 {
		return 0, nil
	}
	facility, level, text := splitSyslogPrefix(string(p))
	body, final := strings.CutSuffix(text, "\n")
	f.Inode().Superblock().k.logRecord(facility, level, body, final)
	return len(p), nil
}

// splitSyslogPrefix takes a "<N>" prefix off a line written to /dev/kmsg:
// N's low three bits are the level, the rest the facility, which cannot
// be the kernel's.
func splitSyslogPrefix(line string) (facility, level int, text string) {
	facility, level, text = logUser, defaultMessageLoglevel, line
	rest, ok := strings.CutPrefix(line, "<")
	if !ok {
		return
	}
	end := strings.IndexFunc(rest, func(c rune) bool { return c < '0' || c > '9' })
	if end < 0 || rest[end] != '>' {
		return
	}
	u, err := strconv.ParseUint(rest[:end], 10, 32)
	if err != nil && end > 0 {
		return
	}
	level = int(u & 7)
	if fac := int(u>>3) & 0xff; fac != 0 { // LOG_FACILITY
		facility = fac
	}
	return facility, level, rest[end+1:]
}

// ReadDir: not a directory.
func (KmsgOps) ReadDir(*File) ([]Dirent, error) { return nil, linux.ENOTDIR }

// Llseek is devkmsg_llseek: only offset 0, from the oldest record
// (SEEK_SET), the first since the last clear (SEEK_DATA) or past the last
// (SEEK_END); the position stays 0. A writer has a place too, though it
// cannot read from it: devkmsg_open gives every open its devkmsg_user.
func (KmsgOps) Llseek(f *File, t *Task, off int64, whence int) (int64, error) {
	if off != 0 {
		return 0, linux.ESPIPE
	}
	kf := f.Private.(*kmsgFile)
	k := t.k
	k.logMu.Lock()
	defer k.logMu.Unlock()
	switch whence {
	case linux.SEEK_SET:
		kf.seq = 0
	case linux.SEEK_DATA:
		kf.seq = k.log.clearSeq
	case linux.SEEK_END:
		kf.seq = k.log.finalLocked()
	default:
		return 0, linux.EINVAL
	}
	return 0, nil
}
