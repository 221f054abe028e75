// SPDX-License-Identifier: Apache-2.0

//go:build linux && amd64

package vfs_test

// System V IPC on the host kernel and on linuxvfs: one sequence of
// shmget/shmctl/shmat/shmdt, msgget/msgsnd/msgrcv/msgctl and
// semget/semop/semctl calls runs on both, each in a new IPC namespace
// (the host side on an OS thread of its own that unshared it, never
// unlocked, so nothing is left in the host's namespace), and every step
// must give the same result and errno.

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// sysvSide is the host kernel or a linuxvfs task. Each call returns its
// result as text, errors as the errno's name.
type sysvSide interface {
	shmget(key int32, size uint64, flg int) string
	shmctl(id int32, cmd int) string // IPC_RMID, IPC_STAT, SHM_STAT, SHM_INFO
	shmat(id int32, flg int) string  // the address stays the side's own
	shmdt() string                   // the last attach
	msgget(key int32, flg int) string
	msgsnd(id int32, typ int64, text string, flg int) string
	msgrcv(id int32, size int, typ int64, flg int) string
	msgctl(id int32, cmd int, qbytes uint64) string // IPC_RMID, IPC_STAT, IPC_SET (qbytes), MSG_INFO
	semget(key int32, n, flg int) string
	semop(id int32, ops ...linux.Sembuf) string
	semctl(id int32, num, cmd int, val int32) string
}

func sysvErrName(err error) string {
	if e, ok := err.(linux.Errno); ok {
		return e.Name()
	}
	if e, ok := err.(unix.Errno); ok {
		return linux.Errno(e).Name()
	}
	return err.Error()
}

// sysvSteps is the sequence both sides run.
func sysvSteps(s sysvSide) []string {
	var out []string
	do := func(what, got string) { out = append(out, what+" = "+got) }
	do("shmget private", s.shmget(0, 4096, 0o600))
	do("shmget key", s.shmget(100, 10000, linux.IPC_CREAT|0o640))
	do("shmget key again", s.shmget(100, 5000, linux.IPC_CREAT))
	do("shmget key excl", s.shmget(100, 5000, linux.IPC_CREAT|linux.IPC_EXCL))
	do("shmget key bigger", s.shmget(100, 20000, 0))
	do("shmget key missing", s.shmget(101, 1, 0))
	do("shmget size 0", s.shmget(102, 0, linux.IPC_CREAT))
	do("shmget huge", s.shmget(103, 1<<62, linux.IPC_CREAT))
	do("shmctl stat 1", s.shmctl(1, linux.IPC_STAT))
	do("shmctl stat 32769", s.shmctl(32769, linux.IPC_STAT))
	do("shmctl shm_stat 1", s.shmctl(1, linux.SHM_STAT))
	do("shmctl shm_stat 5", s.shmctl(5, linux.SHM_STAT))
	do("shmctl -1", s.shmctl(-1, linux.IPC_STAT))
	do("shmctl bad cmd", s.shmctl(1, 99))
	do("shm_info", s.shmctl(0, linux.SHM_INFO))
	do("shmat", s.shmat(1, 0))
	do("shmat ro", s.shmat(1, linux.SHM_RDONLY))
	do("shmat missing", s.shmat(7, 0))
	do("shmctl stat attached", s.shmctl(1, linux.IPC_STAT))
	do("shmctl rmid attached", s.shmctl(1, linux.IPC_RMID))
	do("shmctl stat dest", s.shmctl(1, linux.IPC_STAT))
	do("shmget old key", s.shmget(100, 1, 0))
	do("shmdt", s.shmdt())
	do("shmctl stat still attached", s.shmctl(1, linux.IPC_STAT))
	do("shmdt", s.shmdt())
	do("shmctl stat gone", s.shmctl(1, linux.IPC_STAT))
	do("shm_lock", s.shmctl(0, linux.SHM_LOCK))
	do("shmctl stat locked", s.shmctl(0, linux.IPC_STAT))
	do("shm_unlock", s.shmctl(0, linux.SHM_UNLOCK))
	do("shmctl stat unlocked", s.shmctl(0, linux.IPC_STAT))
	do("shmget reuse", s.shmget(100, 1, linux.IPC_CREAT|0o600))
	do("shmctl rmid 0", s.shmctl(0, linux.IPC_RMID))
	do("shmctl rmid 0 again", s.shmctl(0, linux.IPC_RMID))
	do("shm_info", s.shmctl(0, linux.SHM_INFO))

	do("msgget", s.msgget(200, linux.IPC_CREAT|0o600))
	do("msgsnd type 0", s.msgsnd(0, 0, "x", 0))
	do("msgsnd 8193", s.msgsnd(0, 1, strings.Repeat("x", 8193), 0))
	do("msgsnd a", s.msgsnd(0, 3, "three", 0))
	do("msgsnd b", s.msgsnd(0, 1, "one", 0))
	do("msgsnd c", s.msgsnd(0, 2, "two", 0))
	do("msgrcv small", s.msgrcv(0, 2, 0, 0))
	do("msgrcv noerror", s.msgrcv(0, 2, 0, linux.MSG_NOERROR))
	do("msgrcv -2", s.msgrcv(0, 100, -2, 0))
	do("msgrcv except 2", s.msgrcv(0, 100, 2, linux.MSG_EXCEPT|linux.IPC_NOWAIT))
	do("msgrcv copy 0", s.msgrcv(0, 100, 0, linux.MSG_COPY|linux.IPC_NOWAIT))
	do("msgrcv copy wait", s.msgrcv(0, 100, 0, linux.MSG_COPY))
	do("msgrcv copy 1", s.msgrcv(0, 100, 1, linux.MSG_COPY|linux.IPC_NOWAIT))
	do("msgrcv 9 nowait", s.msgrcv(0, 100, 9, linux.IPC_NOWAIT))
	do("msgrcv -1 size", s.msgrcv(0, -1, 0, linux.IPC_NOWAIT))
	do("msgctl stat", s.msgctl(0, linux.IPC_STAT, 0))
	do("msgctl set qbytes 4", s.msgctl(0, linux.IPC_SET, 4))
	do("msgsnd 5 bytes", s.msgsnd(0, 1, "12345", linux.IPC_NOWAIT))
	do("msgsnd 1 byte", s.msgsnd(0, 1, "1", linux.IPC_NOWAIT))
	do("msgctl stat", s.msgctl(0, linux.IPC_STAT, 0))
	do("msg_info", s.msgctl(0, linux.MSG_INFO, 0))
	do("msgctl rmid", s.msgctl(0, linux.IPC_RMID, 0))
	do("msgsnd removed", s.msgsnd(0, 1, "x", 0))
	do("msgrcv removed", s.msgrcv(0, 1, 0, 0))

	do("semget 0", s.semget(300, 0, linux.IPC_CREAT))
	do("semget 32001", s.semget(300, 32001, linux.IPC_CREAT))
	do("semget", s.semget(300, 3, linux.IPC_CREAT|0o600))
	do("semget more", s.semget(300, 4, 0))
	do("semget fewer", s.semget(300, 1, 0))
	do("semop none", s.semop(0))
	do("semop past", s.semop(0, linux.Sembuf{Num: 3, Op: 1}))
	do("semop inc", s.semop(0, linux.Sembuf{Num: 0, Op: 2}, linux.Sembuf{Num: 1, Op: 1}))
	do("semop all or none", s.semop(0, linux.Sembuf{Num: 0, Op: -1}, linux.Sembuf{Num: 2, Op: -1, Flg: linux.IPC_NOWAIT}))
	do("semop zero nowait", s.semop(0, linux.Sembuf{Num: 0, Op: 0, Flg: linux.IPC_NOWAIT}))
	do("semop range", s.semop(0, linux.Sembuf{Num: 1, Op: 32767}))
	do("getval 0", s.semctl(0, 0, linux.GETVAL, 0))
	do("getval 3", s.semctl(0, 3, linux.GETVAL, 0))
	do("setval -1", s.semctl(0, 0, linux.SETVAL, -1))
	do("setval 32768", s.semctl(0, 0, linux.SETVAL, 32768))
	do("setval 7 on 9", s.semctl(0, 9, linux.SETVAL, 7))
	do("setval", s.semctl(0, 2, linux.SETVAL, 32767))
	do("getval 2", s.semctl(0, 2, linux.GETVAL, 0))
	do("setval max", s.semctl(0, 1, linux.SETVAL, 32767))
	do("semop undo -32767", s.semop(0, linux.Sembuf{Num: 1, Op: -32767, Flg: linux.SEM_UNDO}))
	do("semop +1", s.semop(0, linux.Sembuf{Num: 1, Op: 1}))
	do("semop undo past semaem", s.semop(0, linux.Sembuf{Num: 1, Op: -1, Flg: linux.SEM_UNDO}))
	do("getval 1", s.semctl(0, 1, linux.GETVAL, 0))
	do("getncnt", s.semctl(0, 0, linux.GETNCNT, 0))
	do("getzcnt", s.semctl(0, 0, linux.GETZCNT, 0))
	do("semctl missing", s.semctl(5, 0, linux.GETVAL, 0))
	do("semctl rmid", s.semctl(0, 0, linux.IPC_RMID, 0))
	do("semop removed", s.semop(0, linux.Sembuf{Num: 0, Op: 1}))
	return out
}

// vfsSysv is the linuxvfs side.
type vfsSysv struct {
	t     *vfs.Task
	addrs []uintptr
}

func res(v any, err error) string {
	if err != nil {
		return sysvErrName(err)
	}
	return fmt.Sprint(v)
}

func (s *vfsSysv) shmget(key int32, size uint64, flg int) string {
	return res(s.t.Shmget(key, size, flg))
}

func (s *vfsSysv) shmctl(id int32, cmd int) string {
	switch cmd {
	case linux.IPC_STAT, linux.SHM_STAT:
		var ds linux.ShmidDS
		r, err := s.t.Shmctl(id, cmd, &ds)
		return res(fmt.Sprintf("%d key=%d mode=%o size=%d nattch=%d", r, ds.Perm.Key, ds.Perm.Mode, ds.Segsz, ds.Nattch), err)
	case linux.SHM_INFO:
		var info linux.ShmInfo
		r, err := s.t.Shmctl(id, cmd, &info)
		return res(fmt.Sprintf("%d used=%d tot=%d", r, info.UsedIDs, info.ShmTot), err)
	}
	return res(s.t.Shmctl(id, cmd, nil))
}

func (s *vfsSysv) shmat(id int32, flg int) string {
	a, err := s.t.Shmat(id, 0, flg)
	if err != nil {
		return sysvErrName(err)
	}
	s.addrs = append(s.addrs, a)
	return "ok"
}

func (s *vfsSysv) shmdt() string {
	if len(s.addrs) == 0 {
		return "none"
	}
	a := s.addrs[len(s.addrs)-1]
	s.addrs = s.addrs[:len(s.addrs)-1]
	return res("ok", s.t.Shmdt(a))
}

func (s *vfsSysv) msgget(key int32, flg int) string { return res(s.t.Msgget(key, flg)) }

func (s *vfsSysv) msgsnd(id int32, typ int64, text string, flg int) string {
	return res("ok", s.t.Msgsnd(id, typ, []byte(text), flg))
}

func (s *vfsSysv) msgrcv(id int32, size int, typ int64, flg int) string {
	if size < 0 {
		// The host's msgrcv takes a size_t: -1 is a huge buffer there.
		return "skipped"
	}
	mt, text, err := s.t.Msgrcv(id, int64(size), typ, flg)
	return res(fmt.Sprintf("%d:%s", mt, text), err)
}

func (s *vfsSysv) msgctl(id int32, cmd int, qbytes uint64) string {
	switch cmd {
	case linux.IPC_STAT:
		var ds linux.MsqidDS
		r, err := s.t.Msgctl(id, cmd, &ds)
		return res(fmt.Sprintf("%d qnum=%d cbytes=%d qbytes=%d", r, ds.Qnum, ds.Cbytes, ds.Qbytes), err)
	case linux.IPC_SET:
		var ds linux.MsqidDS
		if _, err := s.t.Msgctl(id, linux.IPC_STAT, &ds); err != nil {
			return sysvErrName(err)
		}
		ds.Qbytes = qbytes
		return res(s.t.Msgctl(id, cmd, &ds))
	case linux.MSG_INFO:
		var info linux.Msginfo
		r, err := s.t.Msgctl(id, cmd, &info)
		return res(fmt.Sprintf("%d pool=%d map=%d tql=%d", r, info.Msgpool, info.Msgmap, info.Msgtql), err)
	}
	return res(s.t.Msgctl(id, cmd, nil))
}

func (s *vfsSysv) semget(key int32, n, flg int) string { return res(s.t.Semget(key, n, flg)) }

func (s *vfsSysv) semop(id int32, ops ...linux.Sembuf) string {
	return res("ok", s.t.Semop(id, ops))
}

func (s *vfsSysv) semctl(id int32, num, cmd int, val int32) string {
	return res(s.t.Semctl(id, num, cmd, vfs.SemArg{Val: val}))
}

// hostSysv is the host side, raw system calls on its own thread.
type hostSysv struct{ addrs []uintptr }

func hsys(trap uintptr, a ...uintptr) (uintptr, error) {
	var args [6]uintptr
	copy(args[:], a)
	r, _, e := unix.Syscall6(trap, args[0], args[1], args[2], args[3], args[4], args[5])
	if e != 0 {
		return 0, e
	}
	return r, nil
}

func hres(r uintptr, err error) string { return res(int32(r), err) }

func (h *hostSysv) shmget(key int32, size uint64, flg int) string {
	return hres(hsys(unix.SYS_SHMGET, uintptr(key), uintptr(size), uintptr(flg)))
}

func (h *hostSysv) shmctl(id int32, cmd int) string {
	var buf [256]byte
	r, err := hsys(unix.SYS_SHMCTL, uintptr(id), uintptr(cmd), uintptr(unsafe.Pointer(&buf[0])))
	switch cmd {
	case linux.IPC_STAT, linux.SHM_STAT:
		ds := (*unix.SysvShmDesc)(unsafe.Pointer(&buf[0]))
		return res(fmt.Sprintf("%d key=%d mode=%o size=%d nattch=%d", int32(r), ds.Perm.Key, ds.Perm.Mode, ds.Segsz, ds.Nattch), err)
	case linux.SHM_INFO:
		// struct shm_info: int used_ids; then unsigned longs shm_tot...
		used := *(*int32)(unsafe.Pointer(&buf[0]))
		tot := *(*uint64)(unsafe.Pointer(&buf[8]))
		return res(fmt.Sprintf("%d used=%d tot=%d", int32(r), used, tot), err)
	}
	return hres(r, err)
}

func (h *hostSysv) shmat(id int32, flg int) string {
	a, err := hsys(unix.SYS_SHMAT, uintptr(id), 0, uintptr(flg))
	if err != nil {
		return sysvErrName(err)
	}
	h.addrs = append(h.addrs, a)
	return "ok"
}

func (h *hostSysv) shmdt() string {
	if len(h.addrs) == 0 {
		return "none"
	}
	a := h.addrs[len(h.addrs)-1]
	h.addrs = h.addrs[:len(h.addrs)-1]
	_, err := hsys(unix.SYS_SHMDT, a)
	return res("ok", err)
}

func (h *hostSysv) msgget(key int32, flg int) string {
	return hres(hsys(unix.SYS_MSGGET, uintptr(key), uintptr(flg)))
}

func (h *hostSysv) msgsnd(id int32, typ int64, text string, flg int) string {
	buf := make([]byte, 8+len(text)+1)
	*(*int64)(unsafe.Pointer(&buf[0])) = typ
	copy(buf[8:], text)
	_, err := hsys(unix.SYS_MSGSND, uintptr(id), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(text)), uintptr(flg))
	return res("ok", err)
}

func (h *hostSysv) msgrcv(id int32, size int, typ int64, flg int) string {
	if size < 0 {
		return "skipped"
	}
	buf := make([]byte, 8+size+1)
	n, err := hsys(unix.SYS_MSGRCV, uintptr(id), uintptr(unsafe.Pointer(&buf[0])), uintptr(size), uintptr(typ), uintptr(flg))
	mt := *(*int64)(unsafe.Pointer(&buf[0]))
	return res(fmt.Sprintf("%d:%s", mt, buf[8:8+n]), err)
}

// hostMsqid is struct msqid64_ds on x86_64.
type hostMsqid struct {
	Perm                unix.SysvIpcPerm
	Stime, Rtime, Ctime int64
	Cbytes, Qnum        uint64
	Qbytes              uint64
	Lspid, Lrpid        int32
	_                   [2]uint64
}

func (h *hostSysv) msgctl(id int32, cmd int, qbytes uint64) string {
	var ds hostMsqid
	p := uintptr(unsafe.Pointer(&ds))
	switch cmd {
	case linux.IPC_STAT:
		r, err := hsys(unix.SYS_MSGCTL, uintptr(id), uintptr(cmd), p)
		return res(fmt.Sprintf("%d qnum=%d cbytes=%d qbytes=%d", int32(r), ds.Qnum, ds.Cbytes, ds.Qbytes), err)
	case linux.IPC_SET:
		if _, err := hsys(unix.SYS_MSGCTL, uintptr(id), linux.IPC_STAT, p); err != nil {
			return sysvErrName(err)
		}
		ds.Qbytes = qbytes
		return hres(hsys(unix.SYS_MSGCTL, uintptr(id), uintptr(cmd), p))
	case linux.MSG_INFO:
		var info [8]int32 // struct msginfo: pool, map, max, mnb, mni, ssz, tql, seg
		r, err := hsys(unix.SYS_MSGCTL, uintptr(id), uintptr(cmd), uintptr(unsafe.Pointer(&info[0])))
		return res(fmt.Sprintf("%d pool=%d map=%d tql=%d", int32(r), info[0], info[1], info[6]), err)
	}
	return hres(hsys(unix.SYS_MSGCTL, uintptr(id), uintptr(cmd), 0))
}

func (h *hostSysv) semget(key int32, n, flg int) string {
	return hres(hsys(unix.SYS_SEMGET, uintptr(key), uintptr(n), uintptr(flg)))
}

func (h *hostSysv) semop(id int32, ops ...linux.Sembuf) string {
	var p uintptr
	if len(ops) > 0 {
		p = uintptr(unsafe.Pointer(&ops[0]))
	}
	_, err := hsys(unix.SYS_SEMOP, uintptr(id), p, uintptr(len(ops)))
	runtime.KeepAlive(ops)
	return res("ok", err)
}

func (h *hostSysv) semctl(id int32, num, cmd int, val int32) string {
	return hres(hsys(unix.SYS_SEMCTL, uintptr(id), uintptr(num), uintptr(cmd), uintptr(uint32(val))))
}

// TestSysvHostKernelDifferential runs sysvSteps on both kernels and
// compares them step by step. It needs root on Linux.
func TestSysvHostKernelDifferential(t *testing.T) {
	if why := hostUnavailable(); why != "" {
		t.Skip("host kernel reference unavailable: " + why)
	}
	done := make(chan []string, 1)
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with its namespace
		if err := unix.Unshare(unix.CLONE_NEWIPC); err != nil {
			errc <- err
			return
		}
		done <- sysvSteps(&hostSysv{})
	}()
	var host []string
	select {
	case host = <-done:
	case err := <-errc:
		t.Fatalf("host: unshare: %v", err)
	}
	mine := sysvSteps(&vfsSysv{t: sysvTask(t)})
	for i := range host {
		if host[i] != mine[i] {
			t.Errorf("step %d:\n host:     %s\n linuxvfs: %s", i, host[i], mine[i])
		}
	}
}
