// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ipcs(1) of util-linux 2.38: the System V objects of the caller's IPC
// namespace, a table per kind (message queues, shared memory,
// semaphores) in one of its formats, the limits (-l), a summary (-u), or
// one object in detail (-i ID with one kind).

// Formats of ipcs.
const (
	ipcsDefault = iota
	ipcsLimits
	ipcsStatus
	ipcsCreator
	ipcsTime
	ipcsPid
)

type ipcsRun struct {
	c      *cmd
	format int
	unit   int
}

func ipcsApplet(c *cmd) int {
	opts := []getopt.Option{
		{Short: 'i', Long: "id", Arg: getopt.RequiredArg}, {Short: 'q', Long: "queues"}, {Short: 'm', Long: "shmems"},
		{Short: 's', Long: "semaphores"}, {Short: 'a', Long: "all"}, {Short: 't', Long: "time"}, {Short: 'p', Long: "pid"},
		{Short: 'c', Long: "creator"}, {Short: 'l', Long: "limits"}, {Short: 'u', Long: "summary"},
		{Long: "human", ID: 1000}, {Short: 'b', Long: "bytes"},
		{Short: 'V', Long: "version", ID: applet.OptVersion}, {Short: 'h', Long: "help", ID: applet.OptHelp},
	}
	r := &ipcsRun{c: c}
	var kinds [3]bool
	id, specific := int32(0), false
	formats := map[int]int{'t': ipcsTime, 'c': ipcsCreator, 'p': ipcsPid, 'l': ipcsLimits, 'u': ipcsStatus}
	ops, status, ok := c.GetoptEach(opts, false, helpTexts["ipcs"], func(o getopt.Parsed) bool {
		switch o.ID {
		case 'i':
			v, err := int32OrErr(o.Value, "failed to parse id argument")
			if err != nil {
				c.warnf("%s", err)
				c.Exit(1)
				return false
			}
			id, specific = v, true
		case 'a':
			kinds = [3]bool{true, true, true}
		case 'q':
			kinds[ipcMsgKind] = true
		case 'm':
			kinds[ipcShmKind] = true
		case 's':
			kinds[ipcSemKind] = true
		case 1000:
			r.unit = ipcUnitHuman
		case 'b':
			r.unit = ipcUnitBytes
		default:
			r.format = formats[o.ID]
		}
		return true
	})
	if !ok {
		return status
	}
	_ = ops // ipcs ignores operands
	n := 0
	for _, k := range kinds {
		if k {
			n++
		}
	}
	if specific {
		if n != 1 {
			c.warnf("when using an ID, a single resource must be specified")
			return 1
		}
		for kind, k := range kinds {
			if k {
				r.detail(kind, id)
			}
		}
		return 0
	}
	if n == 0 {
		kinds = [3]bool{true, true, true}
	}
	fmt.Fprint(c.Out, "\n")
	for kind, k := range kinds {
		if k {
			r.table(kind)
			fmt.Fprint(c.Out, "\n")
		}
	}
	return 0
}

// ipcsTitles are the words of each kind's headings.
var ipcsTitles = [3]struct{ plain, creator, time, pid, id, limits, status, none string }{
	ipcMsgKind: {"Message Queues", "Message Queues Creators/Owners", "Message Queues Send/Recv/Change Times",
		"Message Queues PIDs", "msqid", "Messages Limits", "Messages Status", "message queues"},
	ipcShmKind: {"Shared Memory Segments", "Shared Memory Segment Creators/Owners", "Shared Memory Attach/Detach/Change Times",
		"Shared Memory Creator/Last-op PIDs", "shmid", "Shared Memory Limits", "Shared Memory Status", "shared memory"},
	ipcSemKind: {"Semaphore Arrays", "Semaphore Arrays Creators/Owners", "Semaphore Operation/Change Times",
		"", "semid", "Semaphore Limits", "Semaphore Status", "semaphores"},
}

// table is do_shm, do_msg and do_sem: the heading, then a line per
// object (the limits and the summary have their own lines instead).
func (r *ipcsRun) table(kind int) {
	c, ti := r.c, ipcsTitles[kind]
	switch r.format {
	case ipcsLimits:
		r.limits(kind)
		return
	case ipcsStatus:
		r.status(kind)
		return
	case ipcsCreator:
		fmt.Fprintf(c.Out, "------ %s --------\n", ti.creator)
		fmt.Fprintf(c.Out, "%-10s %-10s %-10s %-10s %-10s %-10s\n", ti.id, "perms", "cuid", "cgid", "uid", "gid")
	case ipcsTime:
		fmt.Fprintf(c.Out, "------ %s --------\n", ti.time)
		switch kind {
		case ipcMsgKind:
			fmt.Fprintf(c.Out, "%-8s %-10s %-20s %-20s %-20s\n", "msqid", "owner", "send", "recv", "change")
		case ipcShmKind:
			fmt.Fprintf(c.Out, "%-10s %-10s %-20s %-20s %-20s\n", "shmid", "owner", "attached", "detached", "changed")
		default:
			fmt.Fprintf(c.Out, "%-8s %-10s %-26.24s %-26.24s\n", "semid", "owner", "last-op", "last-changed")
		}
	case ipcsPid:
		if kind == ipcSemKind {
			break // semaphores have no pid table: no heading, no lines
		}
		fmt.Fprintf(c.Out, "------ %s --------\n", ti.pid)
		fmt.Fprintf(c.Out, "%-10s %-10s %-10s %-10s\n", ti.id, "owner", map[int]string{ipcMsgKind: "lspid", ipcShmKind: "cpid"}[kind],
			map[int]string{ipcMsgKind: "lrpid", ipcShmKind: "lpid"}[kind])
	default:
		fmt.Fprintf(c.Out, "------ %s --------\n", ti.plain)
		r.defaultHeader(kind)
	}
	for _, rec := range ipcRecords(c.Task, kind, -1) {
		r.line(kind, rec)
	}
}

func (r *ipcsRun) defaultHeader(kind int) {
	out := r.c.Out
	switch kind {
	case ipcMsgKind:
		used := "used-bytes"
		if r.unit == ipcUnitHuman {
			used = "size"
		}
		fmt.Fprintf(out, "%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms", used, "messages")
	case ipcShmKind:
		bytes := "bytes"
		if r.unit == ipcUnitHuman {
			bytes = "size"
		}
		fmt.Fprintf(out, "%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms", bytes, "nattch", "status")
	default:
		fmt.Fprintf(out, "%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems")
	}
}

// owner is "ID OWNER" with the id in width w: the owner's name cut to
// ten characters, or the uid.
func (r *ipcsRun) owner(w int, rec ipcRecord) string {
	name := applet.UserName(r.c.Task, rec.uid)
	if name == "" {
		return fmt.Sprintf("%-*d %-10d", w, rec.id, rec.uid)
	}
	if len(name) > 10 {
		name = name[:10]
	}
	return fmt.Sprintf("%-*d %-10s", w, rec.id, name)
}

// when is a time as ipcs shows it in its tables: ctime without the day
// of the week, cut to 16 characters, or "Not set".
func when(sec int64) string {
	if sec == 0 {
		return "Not set"
	}
	return ipcCtime(sec)[4:20]
}

func (r *ipcsRun) line(kind int, rec ipcRecord) {
	out := r.c.Out
	switch r.format {
	case ipcsCreator:
		fmt.Fprint(out, r.perms(rec))
		return
	case ipcsTime:
		switch kind {
		case ipcSemKind:
			fmt.Fprintf(out, "%s  %-26.24s %-26.24s\n", r.owner(8, rec), longWhen(rec.atime), longWhen(rec.ctime))
		case ipcMsgKind:
			fmt.Fprintf(out, "%s %-20s %-20s %-20s\n", r.owner(8, rec), when(rec.atime), when(rec.dtime), when(rec.ctime))
		default:
			fmt.Fprintf(out, "%s %-20s %-20s %-20s\n", r.owner(10, rec), when(rec.atime), when(rec.dtime), when(rec.ctime))
		}
	case ipcsPid:
		switch kind {
		case ipcMsgKind:
			fmt.Fprintf(out, "%s  %5d     %5d\n", r.owner(8, rec), int32(rec.cpid), int32(rec.lpid))
		case ipcShmKind:
			fmt.Fprintf(out, "%s %-10d %-10d\n", r.owner(10, rec), uint32(rec.cpid), uint32(rec.lpid))
		}
	default:
		fmt.Fprintf(out, "0x%08x %s %-10o ", uint32(rec.key), r.owner(10, rec), rec.mode&0o777)
		switch kind {
		case ipcMsgKind:
			if r.unit == ipcUnitHuman {
				fmt.Fprint(out, ipcSize(r.unit, rec.size, 6)+"      ")
			} else {
				fmt.Fprint(out, ipcSize(r.unit, rec.size, -12))
			}
			fmt.Fprintf(out, " %-12d\n", rec.nattch)
		case ipcShmKind:
			if r.unit == ipcUnitHuman {
				fmt.Fprint(out, ipcSize(r.unit, rec.size, 6)+"    ")
			} else {
				fmt.Fprint(out, ipcSize(r.unit, rec.size, -10))
			}
			dest, locked := " ", " "
			if rec.mode&linux.SHM_DEST != 0 {
				dest = "dest"
			}
			if rec.mode&linux.SHM_LOCKED != 0 {
				locked = "locked"
			}
			fmt.Fprintf(out, " %-10d %-6s %-6s\n", rec.nattch, dest, locked)
		default:
			fmt.Fprintf(out, "%-10d\n", rec.size)
		}
	}
}

// longWhen is a time as the semaphore table and the details show it:
// the whole ctime, or "Not set".
func longWhen(sec int64) string {
	if sec == 0 {
		return "Not set"
	}
	return ipcCtime(sec)
}

// perms is ipc_print_perms: id, permissions, then creator and owner by
// name where they have one.
func (r *ipcsRun) perms(rec ipcRecord) string {
	t := r.c.Task
	user := func(uid uint32) string {
		if n := applet.UserName(t, uid); n != "" {
			return fmt.Sprintf(" %-10s", n)
		}
		return fmt.Sprintf(" %-10d", uid)
	}
	group := func(gid uint32) string {
		if n := applet.GroupName(t, gid); n != "" {
			return fmt.Sprintf(" %-10s", n)
		}
		return fmt.Sprintf(" %-10d", gid)
	}
	return fmt.Sprintf("%-10d %-10o", rec.id, rec.mode&0o777) + user(rec.cuid) + group(rec.cgid) + user(rec.uid) + group(rec.gid) + "\n"
}

// limits is -l.
func (r *ipcsRun) limits(kind int) {
	out, unit := r.c.Out, r.unit
	var lim ipcLimits
	if !ipcGetLimits(r.c.Task, kind, &lim) {
		fmt.Fprintf(out, "unable to fetch %s limits\n", map[int]string{ipcMsgKind: "message", ipcShmKind: "shared memory", ipcSemKind: "semaphore"}[kind])
		return
	}
	fmt.Fprintf(out, "------ %s --------\n", ipcsTitles[kind].limits)
	orUnit := func(u int) int {
		if unit == ipcUnitDefault {
			return u
		}
		return unit
	}
	switch kind {
	case ipcMsgKind:
		fmt.Fprintf(out, "max queues system wide = %d\n", lim.msgmni)
		fmt.Fprint(out, ipcSizeLine(orUnit(ipcUnitBytes), "max size of message", lim.msgmax, "\n"))
		fmt.Fprint(out, ipcSizeLine(orUnit(ipcUnitBytes), "default max size of queue", uint64(uint32(lim.msgmnb)), "\n"))
	case ipcShmKind:
		fmt.Fprintf(out, "max number of segments = %d\n", lim.shmmni)
		fmt.Fprint(out, ipcSizeLine(orUnit(ipcUnitKB), "max seg size", lim.shmmax, "\n"))
		const pg = 4096
		if unit == ipcUnitKB || unit == ipcUnitDefault {
			tmp := lim.shmall * (pg / 1024)
			if lim.shmall != 0 && tmp/lim.shmall != pg/1024 {
				tmp = ^uint64(0) - ^uint64(0)%(pg/1024)
			}
			fmt.Fprint(out, ipcSizeLine(ipcUnitDefault, "max total shared memory (kbytes)", tmp, "\n"))
		} else {
			tmp := lim.shmall * pg
			if lim.shmall != 0 && tmp/lim.shmall != pg {
				tmp = ^uint64(0) - ^uint64(0)%pg
			}
			fmt.Fprint(out, ipcSizeLine(unit, "max total shared memory", tmp, "\n"))
		}
		fmt.Fprint(out, ipcSizeLine(orUnit(ipcUnitBytes), "min seg size", lim.shmmin, "\n"))
	default:
		fmt.Fprintf(out, "max number of arrays = %d\n", lim.semmni)
		fmt.Fprintf(out, "max semaphores per array = %d\n", lim.semmsl)
		fmt.Fprintf(out, "max semaphores system wide = %d\n", lim.semmns)
		fmt.Fprintf(out, "max ops per semop call = %d\n", lim.semopm)
		fmt.Fprintf(out, "semaphore max value = %d\n", lim.semvmx)
	}
}

// status is -u, from the *_INFO system calls.
func (r *ipcsRun) status(kind int) {
	out, t := r.c.Out, r.c.Task
	switch kind {
	case ipcShmKind:
		var info linux.ShmInfo
		if _, err := t.Shmctl(0, linux.SHM_INFO, &info); err != nil {
			fmt.Fprint(out, "kernel not configured for shared memory\n")
			return
		}
		fmt.Fprintf(out, "------ %s --------\n", ipcsTitles[kind].status)
		fmt.Fprintf(out, "segments allocated %d\npages allocated %d\npages resident  %d\npages swapped   %d\nSwap performance: %d attempts\t %d successes\n",
			info.UsedIDs, info.ShmTot, info.ShmRss, info.ShmSwp, info.SwapAttempts, info.SwapSuccesses)
	case ipcMsgKind:
		var info linux.Msginfo
		if _, err := t.Msgctl(0, linux.MSG_INFO, &info); err != nil {
			fmt.Fprint(out, "kernel not configured for message queues\n")
			return
		}
		fmt.Fprintf(out, "------ %s --------\n", ipcsTitles[kind].status)
		fmt.Fprintf(out, "allocated queues = %d\nused headers = %d\n", info.Msgpool, info.Msgmap)
		end := "\n"
		if r.unit == ipcUnitDefault {
			end = " bytes\n"
		}
		fmt.Fprint(out, ipcSizeLine(r.unit, "used space", uint64(uint32(info.Msgtql)), end))
	default:
		var info linux.Seminfo
		if _, err := t.Semctl(0, 0, linux.SEM_INFO, vfs.SemArg{Info: &info}); err != nil {
			fmt.Fprint(out, "kernel not configured for semaphores\n")
			return
		}
		fmt.Fprintf(out, "------ %s --------\n", ipcsTitles[kind].status)
		fmt.Fprintf(out, "used arrays = %d\nallocated semaphores = %d\n", info.Semusz, info.Semaem)
	}
}

// detail is -i: print_shm, print_msg and print_sem.
func (r *ipcsRun) detail(kind int, id int32) {
	c := r.c
	recs := ipcRecords(c.Task, kind, id)
	if len(recs) == 0 {
		c.Out.Flush()
		c.warnf("id %d not found", id)
		return
	}
	rec, out, human := recs[0], c.Out, r.unit == ipcUnitHuman
	label := func(h, b string) string {
		if human {
			return h
		}
		return b
	}
	switch kind {
	case ipcShmKind:
		fmt.Fprintf(out, "\nShared memory Segment shmid=%d\n", id)
		fmt.Fprintf(out, "uid=%d\tgid=%d\tcuid=%d\tcgid=%d\n", rec.uid, rec.gid, rec.cuid, rec.cgid)
		fmt.Fprintf(out, "mode=%#o\taccess_perms=%#o\n", rec.mode, rec.mode&0o777)
		fmt.Fprint(out, ipcSizeLine(r.unit, label("size=", "bytes="), rec.size, "\t"))
		fmt.Fprintf(out, "lpid=%d\tcpid=%d\tnattch=%d\n", uint32(rec.lpid), uint32(rec.cpid), rec.nattch)
		fmt.Fprintf(out, "att_time=%-26.24s\n", longWhen(rec.atime))
		fmt.Fprintf(out, "det_time=%-26.24s\n", longWhen(rec.dtime))
		fmt.Fprintf(out, "change_time=%-26.24s\n", ipcCtime(rec.ctime))
	case ipcMsgKind:
		fmt.Fprintf(out, "\nMessage Queue msqid=%d\n", id)
		fmt.Fprintf(out, "uid=%d\tgid=%d\tcuid=%d\tcgid=%d\tmode=%#o\n", rec.uid, rec.gid, rec.cuid, rec.cgid, rec.mode)
		fmt.Fprint(out, ipcSizeLine(r.unit, label("csize=", "cbytes="), rec.size, "\t"))
		fmt.Fprint(out, ipcSizeLine(r.unit, label("qsize=", "qbytes="), rec.qbytes, "\t"))
		fmt.Fprintf(out, "qnum=%d\tlspid=%d\tlrpid=%d\n", rec.nattch, int32(rec.cpid), int32(rec.lpid))
		fmt.Fprintf(out, "send_time=%-26.24s\n", longWhen(rec.atime))
		fmt.Fprintf(out, "rcv_time=%-26.24s\n", longWhen(rec.dtime))
		fmt.Fprintf(out, "change_time=%-26.24s\n", longWhen(rec.ctime))
	default:
		r.semDetail(rec)
	}
	fmt.Fprint(out, "\n")
}

// semDetail is print_sem, with each semaphore's value, waiters and last
// pid from semctl.
func (r *ipcsRun) semDetail(rec ipcRecord) {
	c, out := r.c, r.c.Out
	type elem struct{ val, ncnt, zcnt, pid int32 }
	elems := make([]elem, rec.size)
	for i := range elems {
		e := &elems[i]
		for _, q := range []struct {
			cmd  int
			dst  *int32
			name string
		}{{linux.GETVAL, &e.val, "GETVAL"}, {linux.GETNCNT, &e.ncnt, "GETNCNT"}, {linux.GETZCNT, &e.zcnt, "GETZCNT"}, {linux.GETPID, &e.pid, "GETPID"}} {
			v, err := c.Task.Semctl(rec.id, i, q.cmd, vfs.SemArg{})
			if err != nil {
				c.Out.Flush()
				c.warnf("semctl(%s) failed: %s", q.name, applet.ErrText(err))
				c.Exit(1)
				return
			}
			*q.dst = v
		}
	}
	fmt.Fprintf(out, "\nSemaphore Array semid=%d\n", rec.id)
	fmt.Fprintf(out, "uid=%d\t gid=%d\t cuid=%d\t cgid=%d\n", rec.uid, rec.gid, rec.cuid, rec.cgid)
	fmt.Fprintf(out, "mode=%#o, access_perms=%#o\n", rec.mode, rec.mode&0o777)
	fmt.Fprintf(out, "nsems = %d\n", rec.size)
	fmt.Fprintf(out, "otime = %-26.24s\n", longWhen(rec.atime))
	fmt.Fprintf(out, "ctime = %-26.24s\n", ipcCtime(rec.ctime))
	fmt.Fprintf(out, "%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value", "ncount", "zcount", "pid")
	for i, e := range elems {
		fmt.Fprintf(out, "%-10s %-10d %-10d %-10d %-10d\n", strconv.Itoa(i), e.val, e.ncnt, e.zcnt, e.pid)
	}
}
