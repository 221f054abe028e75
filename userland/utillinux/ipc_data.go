// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// What ipcs, ipcrm and lsipc of util-linux 2.38 know of System V
// objects: as ipcutils reads them, the lines of /proc/sysvipc when it
// is there, else the *_STAT system calls over every index; the limits
// from /proc/sys/kernel, else IPC_INFO.

// The three kinds, in the order ipcs shows them.
const (
	ipcMsgKind = iota
	ipcShmKind
	ipcSemKind
)

// ipcRecord is one object: its ipc_perm and the kind's own numbers.
type ipcRecord struct {
	key, id              int32
	mode                 uint32
	uid, gid, cuid, cgid uint32
	// shm: size, cpid, lpid, nattch; msg: cbytes, qnum, lspid, lrpid,
	// qbytes; sem: nsems.
	size, cpid, lpid, nattch uint64
	qbytes                   uint64
	// shm: atime, dtime, ctime; msg: stime, rtime, ctime; sem: otime, -,
	// ctime.
	atime, dtime, ctime int64
}

// ipcProcFiles are the /proc/sysvipc files of the kinds.
var ipcProcFiles = [3]string{"/proc/sysvipc/msg", "/proc/sysvipc/shm", "/proc/sysvipc/sem"}

// ipcRecords reads the objects of a kind, all of them (id < 0) or the one
// with that id.
func ipcRecords(t *vfs.Task, kind int, id int32) []ipcRecord {
	f, err := applet.OpenFile(t, ipcProcFiles[kind], linux.O_RDONLY, 0)
	if err != nil {
		return ipcRecordsBySyscall(t, kind, id)
	}
	data, _ := io.ReadAll(f)
	f.Close()
	lines := strings.Split(string(data), "\n")
	var out []ipcRecord
	for _, line := range lines[1:] {
		r, ok := parseIPCLine(kind, strings.Fields(line))
		if !ok || id >= 0 && r.id != id {
			continue
		}
		if id >= 0 && kind == ipcMsgKind {
			var ds linux.MsqidDS
			if _, err := t.Msgctl(id, linux.IPC_STAT, &ds); err == nil {
				r.qbytes = ds.Qbytes
			}
		}
		out = append(out, r)
		if id >= 0 {
			break
		}
	}
	return out
}

// parseIPCLine reads one line of /proc/sysvipc as ipcutils scans it.
func parseIPCLine(kind int, f []string) (ipcRecord, bool) {
	want := map[int]int{ipcShmKind: 14, ipcMsgKind: 14, ipcSemKind: 10}[kind]
	if len(f) < want {
		return ipcRecord{}, false
	}
	n := make([]int64, len(f))
	for i, s := range f {
		base := 10
		if i == 2 {
			base = 8
		}
		v, err := strconv.ParseInt(s, base, 64)
		if err != nil {
			return ipcRecord{}, false
		}
		n[i] = v
	}
	r := ipcRecord{key: int32(n[0]), id: int32(n[1]), mode: uint32(n[2])}
	u := func(i int) uint64 { return uint64(n[i]) }
	perm := func(i int) {
		r.uid, r.gid, r.cuid, r.cgid = uint32(n[i]), uint32(n[i+1]), uint32(n[i+2]), uint32(n[i+3])
	}
	switch kind {
	case ipcShmKind:
		r.size, r.cpid, r.lpid, r.nattch = u(3), u(4), u(5), u(6)
		perm(7)
		r.atime, r.dtime, r.ctime = n[11], n[12], n[13]
	case ipcMsgKind:
		r.size, r.nattch, r.cpid, r.lpid = u(3), u(4), u(5), u(6)
		perm(7)
		r.atime, r.dtime, r.ctime = n[11], n[12], n[13]
	case ipcSemKind:
		r.size = u(3)
		perm(4)
		r.atime, r.ctime = n[8], n[9]
	}
	return r, true
}

// ipcRecordsBySyscall is ipcutils' fallback without /proc: the *_STAT
// of every index up to the highest *_INFO reports. Like it, it gives
// the creator's uid as creator's group too.
func ipcRecordsBySyscall(t *vfs.Task, kind int, id int32) []ipcRecord {
	maxIdx, err := ipcMaxIdx(t, kind)
	if err != nil {
		return nil
	}
	var out []ipcRecord
	for i := int32(0); i <= maxIdx; i++ {
		r, ok := ipcStatIdx(t, kind, i)
		if !ok || id >= 0 && r.id != id {
			continue
		}
		out = append(out, r)
		if id >= 0 {
			break
		}
	}
	return out
}

// ipcMaxIdx is the *_INFO call: the highest index in use.
func ipcMaxIdx(t *vfs.Task, kind int) (int32, error) {
	switch kind {
	case ipcShmKind:
		return t.Shmctl(0, linux.SHM_INFO, &linux.ShmInfo{})
	case ipcMsgKind:
		return t.Msgctl(0, linux.MSG_INFO, &linux.Msginfo{})
	}
	return t.Semctl(0, 0, linux.SEM_INFO, vfs.SemArg{Info: &linux.Seminfo{}})
}

// ipcStatIdx is the *_STAT call for an index.
func ipcStatIdx(t *vfs.Task, kind int, idx int32) (ipcRecord, bool) {
	var r ipcRecord
	var p linux.IPCPerm
	switch kind {
	case ipcShmKind:
		var ds linux.ShmidDS
		id, err := t.Shmctl(idx, linux.SHM_STAT, &ds)
		if err != nil {
			return r, false
		}
		r = ipcRecord{id: id, size: ds.Segsz, cpid: uint64(ds.Cpid), lpid: uint64(ds.Lpid), nattch: ds.Nattch,
			atime: ds.Atime, dtime: ds.Dtime, ctime: ds.Ctime}
		p = ds.Perm
	case ipcMsgKind:
		var ds linux.MsqidDS
		id, err := t.Msgctl(idx, linux.MSG_STAT, &ds)
		if err != nil {
			return r, false
		}
		r = ipcRecord{id: id, size: ds.Cbytes, nattch: ds.Qnum, cpid: uint64(ds.Lspid), lpid: uint64(ds.Lrpid),
			qbytes: ds.Qbytes, atime: ds.Stime, dtime: ds.Rtime, ctime: ds.Ctime}
		p = ds.Perm
	default:
		var ds linux.SemidDS
		id, err := t.Semctl(idx, 0, linux.SEM_STAT, vfs.SemArg{Buf: &ds})
		if err != nil {
			return r, false
		}
		r = ipcRecord{id: id, size: ds.Nsems, atime: ds.Otime, ctime: ds.Ctime}
		p = ds.Perm
	}
	r.key, r.mode, r.uid, r.gid, r.cuid, r.cgid = p.Key, p.Mode, p.UID, p.GID, p.CUID, p.CUID
	return r, true
}

// ipcLimits are struct ipc_limits.
type ipcLimits struct {
	shmmni, shmmax, shmall, shmmin uint64
	msgmni, msgmnb                 int32
	msgmax                         uint64
	semmni, semmsl, semmns, semopm int32
	semvmx                         uint32
}

// readProcNumber reads the first number of a /proc/sys file.
func readProcNumber(t *vfs.Task, name string) (string, bool) {
	f, err := applet.OpenFile(t, name, linux.O_RDONLY, 0)
	if err != nil {
		return "", false
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	return strings.TrimSpace(string(data)), true
}

// ipcGetLimits fills the limits of a kind; false when they cannot be had.
func ipcGetLimits(t *vfs.Task, kind int, lim *ipcLimits) bool {
	switch kind {
	case ipcShmKind:
		lim.shmmin = linux.SHMMIN
		all, ok1 := readProcNumber(t, "/proc/sys/kernel/shmall")
		mx, ok2 := readProcNumber(t, "/proc/sys/kernel/shmmax")
		mni, ok3 := readProcNumber(t, "/proc/sys/kernel/shmmni")
		if ok1 && ok2 && ok3 {
			lim.shmall, _ = strconv.ParseUint(all, 10, 64)
			lim.shmmax, _ = strconv.ParseUint(mx, 10, 64)
			lim.shmmni, _ = strconv.ParseUint(mni, 10, 64)
			return true
		}
		var info linux.Shminfo
		if _, err := t.Shmctl(0, linux.IPC_INFO, &info); err != nil {
			return false
		}
		lim.shmmni, lim.shmall, lim.shmmax = info.Shmmni, info.Shmall, info.Shmmax
	case ipcMsgKind:
		mni, ok1 := readProcNumber(t, "/proc/sys/kernel/msgmni")
		mnb, ok2 := readProcNumber(t, "/proc/sys/kernel/msgmnb")
		mx, ok3 := readProcNumber(t, "/proc/sys/kernel/msgmax")
		if ok1 && ok2 && ok3 {
			a, _ := strconv.ParseInt(mni, 10, 32)
			b, _ := strconv.ParseInt(mnb, 10, 32)
			lim.msgmni, lim.msgmnb = int32(a), int32(b)
			lim.msgmax, _ = strconv.ParseUint(mx, 10, 64)
			return true
		}
		var info linux.Msginfo
		if _, err := t.Msgctl(0, linux.IPC_INFO, &info); err != nil {
			return false
		}
		lim.msgmni, lim.msgmnb, lim.msgmax = info.Msgmni, info.Msgmnb, uint64(info.Msgmax)
	default:
		lim.semvmx = linux.SEMVMX
		if text, ok := readProcNumber(t, "/proc/sys/kernel/sem"); ok {
			if f := strings.Fields(text); len(f) == 4 {
				var v [4]int64
				for i := range v {
					v[i], _ = strconv.ParseInt(f[i], 10, 32)
				}
				lim.semmsl, lim.semmns, lim.semopm, lim.semmni = int32(v[0]), int32(v[1]), int32(v[2]), int32(v[3])
				return true
			}
		}
		var info linux.Seminfo
		if _, err := t.Semctl(0, 0, linux.IPC_INFO, vfs.SemArg{Info: &info}); err != nil {
			return false
		}
		lim.semmni, lim.semmsl, lim.semmns, lim.semopm = info.Semmni, info.Semmsl, info.Semmns, info.Semopm
	}
	return true
}

// Units of ipc_print_size.
const (
	ipcUnitDefault = iota
	ipcUnitBytes
	ipcUnitKB
	ipcUnitHuman
)

// ipcSize is ipc_print_size's number: bytes, kilobytes or a human size,
// padded to width (negative: to the left).
func ipcSize(unit int, n uint64, width int) string {
	var s string
	switch unit {
	case ipcUnitKB:
		s = strconv.FormatUint(n/1024, 10)
	case ipcUnitHuman:
		s = size.UtilLinux.Format(n)
	default:
		s = strconv.FormatUint(n, 10)
	}
	return pad(s, width)
}

// ipcSizeLine is ipc_print_size with a message: "MSG (bytes) = N" and
// its kin, then end.
func ipcSizeLine(unit int, msg string, n uint64, end string) string {
	switch {
	case strings.HasSuffix(msg, "="):
	case unit == ipcUnitBytes:
		msg += " (bytes) = "
	case unit == ipcUnitKB:
		msg += " (kbytes) = "
	default:
		msg += " = "
	}
	return msg + ipcSize(unit, n, 0) + end
}

// pad is printf's %Ns (width > 0) or %-Ns (width < 0).
func pad(s string, width int) string {
	switch {
	case width > 0 && len(s) < width:
		return strings.Repeat(" ", width-len(s)) + s
	case width < 0 && len(s) < -width:
		return s + strings.Repeat(" ", -width-len(s))
	}
	return s
}

// ipcCtime is ctime(3) of a time in seconds, in UTC, without newline.
func ipcCtime(sec int64) string {
	return time.Unix(sec, 0).UTC().Format("Mon Jan _2 15:04:05 2006")
}
