// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// /proc/sysvipc/{shm,msg,sem} and the System V limits of /proc/sys/kernel,
// both of the reader's IPC namespace.

// SysvipcFiles are the names of /proc/sysvipc, in its order.
var SysvipcFiles = []string{"msg", "sem", "shm"}

// Column headers of /proc/sysvipc (the ipc_proc_iface headers).
const (
	sysvipcShmHeader = "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n"
	sysvipcMsgHeader = "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n"
	sysvipcSemHeader = "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n"
)

// ProcSysvipc is the text of /proc/sysvipc/<name> for t: the objects of
// its IPC namespace by index, pids as its PID namespace sees them, IDs
// as its user namespace does.
func (t *Task) ProcSysvipc(name string) string {
	kind := map[string]int{"shm": ipcShm, "msg": ipcMsg, "sem": ipcSem}[name]
	s := &t.IPCNamespace().sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.WriteString(map[int]string{ipcShm: sysvipcShmHeader, ipcMsg: sysvipcMsgHeader, ipcSem: sysvipcSemHeader}[kind])
	objs := s.ids[kind].objs
	idxs := make([]int32, 0, len(objs))
	for idx := range objs {
		idxs = append(idxs, idx)
	}
	slices.Sort(idxs)
	pidns, userns := t.PidNamespace(), t.Cred().UserNS
	for _, idx := range idxs {
		o := objs[idx]
		ids := [4]uint32{t.k.UIDMunged(userns, o.uid), t.k.GIDMunged(userns, o.gid), t.k.UIDMunged(userns, o.cuid), t.k.GIDMunged(userns, o.cgid)}
		switch kind {
		case ipcShm:
			seg := o.shm
			fmt.Fprintf(&b, "%10d %10d  %4o %21d %5d %5d  %5d %5d %5d %5d %5d %10d %10d %10d %21d %21d\n",
				o.key, o.id, o.mode, seg.size, pidOf(seg.cpid, pidns), pidOf(seg.lpid, pidns), seg.nattch,
				ids[0], ids[1], ids[2], ids[3], seg.atime, seg.dtime, o.ctime, 0, 0)
		case ipcMsg:
			q := o.msg
			fmt.Fprintf(&b, "%10d %10d  %4o  %10d %10d %5d %5d %5d %5d %5d %5d %10d %10d %10d\n",
				o.key, o.id, o.mode, q.cbytes, len(q.msgs), pidOf(q.lspid, pidns), pidOf(q.lrpid, pidns),
				ids[0], ids[1], ids[2], ids[3], q.stime, q.rtime, o.ctime)
		case ipcSem:
			fmt.Fprintf(&b, "%10d %10d  %4o %10d %5d %5d %5d %5d %10d %10d\n",
				o.key, o.id, o.mode, len(o.sem.sems), ids[0], ids[1], ids[2], ids[3], o.sem.otime, o.ctime)
		}
	}
	return b.String()
}

// sysvOf is the namespace state a sysctl opener sees, locked.
func sysvOf(t *Task) *sysvIPC {
	s := &t.IPCNamespace().sysv
	s.mu.Lock()
	return s
}

// sysvIntSysctl is one int limit of ipc/ipc_sysctl.c, set within lo..hi
// (proc_dointvec_minmax); after, if set, runs with the new value.
func sysvIntSysctl(name string, field func(s *sysvIPC) *int64, lo, hi int64, after func(s *sysvIPC)) Sysctl {
	return IntSysctl("kernel/"+name, false,
		func(t *Task) int64 {
			s := sysvOf(t)
			defer s.mu.Unlock()
			return *field(s)
		},
		func(t *Task, v int64) error {
			if v < lo || v > hi {
				return linux.EINVAL
			}
			s := sysvOf(t)
			defer s.mu.Unlock()
			*field(s) = v
			if after != nil {
				after(s)
			}
			return nil
		})
}

// sysvULongSysctl is shmmax or shmall (proc_doulongvec_minmax): any
// unsigned long, a negative number refused.
func sysvULongSysctl(name string, field func(s *sysvIPC) *uint64) Sysctl {
	return Sysctl{Path: "kernel/" + name, Mode: 0o644,
		Show: func(t *Task) string {
			s := sysvOf(t)
			defer s.mu.Unlock()
			return strconv.FormatUint(*field(s), 10) + "\n"
		},
		Store: func(t *Task, p []byte, off int64) (int, error) {
			if off != 0 || len(p) == 0 {
				return len(p), nil
			}
			v, n, err := parseSysctlULong(string(p))
			if err != nil {
				return 0, err
			}
			s := sysvOf(t)
			*field(s) = v
			s.mu.Unlock()
			return n, nil
		}}
}

// parseSysctlULong reads one unsigned long as proc_get_long does for
// proc_doulongvec_minmax, with the blanks around it.
func parseSysctlULong(s string) (uint64, int, error) {
	n := 0
	for n < len(s) && isSysctlSpace(s[n]) {
		n++
	}
	start := n
	for n < len(s) && !isSysctlSpace(s[n]) {
		n++
	}
	tok := s[start:n]
	if tok == "" || tok[0] < '0' || tok[0] > '9' || len(tok) > 20 {
		return 0, 0, linux.EINVAL
	}
	v, err := Kstrtoull(tok, 0)
	if err != nil {
		return 0, 0, linux.EINVAL
	}
	for n < len(s) && isSysctlSpace(s[n]) {
		n++
	}
	return v, n, nil
}

// semSysctl is kernel/sem: semmsl, semmns, semopm and semmni, tab
// separated. A write sets as many as it gives, in order; a semmni past
// IPCMNI is refused and semmni alone restored (proc_ipc_sem_dointvec).
func semSysctl() Sysctl {
	return Sysctl{Path: "kernel/sem", Mode: 0o644,
		Show: func(t *Task) string {
			s := sysvOf(t)
			defer s.mu.Unlock()
			c := s.semCtls
			return fmt.Sprintf("%d\t%d\t%d\t%d\n", c[0], c[1], c[2], c[3])
		},
		Store: func(t *Task, p []byte, off int64) (int, error) {
			if off != 0 || len(p) == 0 {
				return len(p), nil
			}
			s := sysvOf(t)
			defer s.mu.Unlock()
			semmni := s.semCtls[3]
			done, err := 0, error(nil)
			for i := 0; i < len(s.semCtls) && done < len(p); i++ {
				v, n, perr := ParseSysctlInt(string(p[done:]), false)
				if perr != nil {
					err = perr
					break
				}
				s.semCtls[i] = v
				done += n
			}
			if done == 0 && err == nil {
				err = linux.EINVAL
			}
			if err == nil && (s.semCtls[3] < 0 || s.semCtls[3] > linux.IPCMNI) {
				err = linux.EINVAL
			}
			if err != nil {
				s.semCtls[3] = semmni
				return 0, err
			}
			return done, nil
		}}
}

// nextIDSysctl is kernel/{sem,msg,shm}_next_id: -1, or the id the next
// object of the kind gets. Only a task that may checkpoint and restore
// (CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN) may write it.
func nextIDSysctl(name string, kind int) Sysctl {
	s := IntSysctl("kernel/"+name, false,
		func(t *Task) int64 {
			s := sysvOf(t)
			defer s.mu.Unlock()
			return int64(s.ids[kind].nextID)
		},
		func(t *Task, v int64) error {
			if v < 0 || v > math.MaxInt32 {
				return linux.EINVAL
			}
			s := sysvOf(t)
			defer s.mu.Unlock()
			s.ids[kind].nextID = int32(v)
			return nil
		})
	s.Mode = 0o444
	s.Access = func(c *Cred, mode uint32) uint32 {
		if c.NsCapable(c.UserNS, linux.CAP_CHECKPOINT_RESTORE) || c.NsCapable(c.UserNS, linux.CAP_SYS_ADMIN) {
			return 0o666
		}
		return mode
	}
	return s
}

// sysvSysctls are ipc/ipc_sysctl.c's entries of /proc/sys/kernel.
func sysvSysctls() []Sysctl {
	return []Sysctl{
		sysvULongSysctl("shmmax", func(s *sysvIPC) *uint64 { return &s.shmCtlmax }),
		sysvULongSysctl("shmall", func(s *sysvIPC) *uint64 { return &s.shmCtlall }),
		sysvIntSysctl("shmmni", func(s *sysvIPC) *int64 { return &s.shmCtlmni }, 0, linux.IPCMNI, nil),
		sysvIntSysctl("shm_rmid_forced", func(s *sysvIPC) *int64 { return &s.shmRmidForced }, 0, 1,
			func(s *sysvIPC) {
				if s.shmRmidForced != 0 {
					s.destroyOrphanedShm()
				}
			}),
		sysvIntSysctl("msgmax", func(s *sysvIPC) *int64 { return &s.msgCtlmax }, 0, math.MaxInt32, nil),
		sysvIntSysctl("msgmni", func(s *sysvIPC) *int64 { return &s.msgCtlmni }, 0, linux.IPCMNI, nil),
		sysvIntSysctl("msgmnb", func(s *sysvIPC) *int64 { return &s.msgCtlmnb }, 0, math.MaxInt32, nil),
		// auto_msgmni is gone but for its file: it reads 0 and takes 0 or 1.
		IntSysctl("kernel/auto_msgmni", false, func(*Task) int64 { return 0 }, func(_ *Task, v int64) error {
			if v < 0 || v > 1 {
				return linux.EINVAL
			}
			return nil
		}),
		semSysctl(),
		nextIDSysctl("sem_next_id", ipcSem),
		nextIDSysctl("msg_next_id", ipcMsg),
		nextIDSysctl("shm_next_id", ipcShm),
	}
}
