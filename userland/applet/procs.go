// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The process table as the process tools (ps, pgrep, pidof, lsns) read
// it: the numeric entries of /proc, each process's status, stat, cmdline
// and comm, as libprocps' readproc and util-linux's procfs helpers do.

// Proc is one process as its /proc/<pid> directory shows it.
type Proc struct {
	PID, PPID int
	// Comm is the command name (status' Name, comm).
	Comm string
	// Argv is cmdline split at its NULs; empty for a process without one.
	Argv []string
	// UID and GID are the real ids, EUID and EGID the effective ones.
	UID, EUID, GID, EGID uint32
	// State is status' State letter ('R', 'S'...).
	State byte
	// Owner is the owner of the /proc/<pid> directory.
	Owner uint32
	// Stat is what /proc/<pid>/stat adds (zero when it cannot be read).
	Stat ProcStat
}

// ProcStat is the fields of /proc/<pid>/stat the tools show.
type ProcStat struct {
	PGID, SID, TTY, TPGID int
	// UTime, STime and Start (after boot) are in clock ticks (USER_HZ).
	UTime, STime, Start uint64
	Prio, Nice, Threads int
	Flags               uint64
	// VSize is in bytes, RSS in pages.
	VSize, RSS uint64
}

// ProcDir is /proc/<pid>.
func ProcDir(pid int) string { return "/proc/" + strconv.Itoa(pid) }

// ReadProcs lists the processes of /proc in increasing PID order; those
// that end while being read are left out. The error is that of opening
// /proc.
func ReadProcs(t *vfs.Task) ([]*Proc, error) {
	ents, err := ReadDirents(t, "/proc")
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range ents {
		if n, err := strconv.Atoi(e.Name); err == nil && n > 0 {
			pids = append(pids, n)
		}
	}
	slices.Sort(pids)
	var out []*Proc
	for _, pid := range pids {
		if p, err := ReadProc(t, pid); err == nil {
			out = append(out, p)
		}
	}
	return out, nil
}

// ReadProc reads one process.
func ReadProc(t *vfs.Task, pid int) (*Proc, error) {
	dir := ProcDir(pid)
	st, err := t.Stat(dir)
	if err != nil {
		return nil, err
	}
	status, err := readWhole(t, dir+"/status")
	if err != nil {
		return nil, err
	}
	p := &Proc{PID: pid, Owner: st.UID}
	p.parseStatus(string(status))
	if cmdline, err := readWhole(t, dir+"/cmdline"); err == nil && len(cmdline) > 0 {
		p.Argv = strings.Split(strings.TrimSuffix(string(cmdline), "\x00"), "\x00")
	}
	if stat, err := readWhole(t, dir+"/stat"); err == nil {
		p.Stat.parse(string(stat))
	}
	if comm, err := readWhole(t, dir+"/comm"); err == nil {
		p.Comm = strings.TrimSuffix(string(comm), "\n")
	}
	return p, nil
}

// parseStatus takes the fields the tools use from /proc/<pid>/status.
func (p *Proc) parseStatus(text string) {
	for _, line := range strings.Split(text, "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(val)
		num := func(i int) uint32 {
			if i >= len(f) {
				return 0
			}
			n, _ := strconv.ParseUint(f[i], 10, 32)
			return uint32(n)
		}
		switch key {
		case "Name":
			p.Comm = strings.TrimSpace(val)
		case "State":
			if len(f) > 0 {
				p.State = f[0][0]
			}
		case "PPid":
			p.PPID = int(num(0))
		case "Uid":
			p.UID, p.EUID = num(0), num(1)
		case "Gid":
			p.GID, p.EGID = num(0), num(1)
		}
	}
}

// parse reads stat's fields after the command name, which ends at the
// last ')' (a name may hold spaces and parentheses).
func (st *ProcStat) parse(text string) {
	i := strings.LastIndexByte(text, ')')
	if i < 0 {
		return
	}
	// f[0] is the state, f[1] the parent: field n of proc(5) is f[n-3].
	f := strings.Fields(text[i+1:])
	num := func(n int) int64 {
		if n-3 >= len(f) {
			return 0
		}
		v, _ := strconv.ParseInt(f[n-3], 10, 64)
		return v
	}
	unum := func(n int) uint64 {
		if n-3 >= len(f) {
			return 0
		}
		v, _ := strconv.ParseUint(f[n-3], 10, 64)
		return v
	}
	st.PGID, st.SID, st.TTY, st.TPGID = int(num(5)), int(num(6)), int(num(7)), int(num(8))
	st.Flags, st.UTime, st.STime = unum(9), unum(14), unum(15)
	st.Prio, st.Nice, st.Threads = int(num(18)), int(num(19)), int(num(20))
	st.Start, st.VSize, st.RSS = unum(22), unum(23), unum(24)
}

// Cmdline is the command line joined by spaces, as ps' args and lsns'
// COMMAND show it; empty for a process without one.
func (p *Proc) Cmdline() string { return strings.Join(p.Argv, " ") }

// NamespaceIno is the inode number of /proc/<pid>/ns/<kind>, the
// namespace's identity; ok is false when it cannot be read.
func NamespaceIno(t *vfs.Task, pid int, kind string) (ino uint64, ok bool) {
	st, err := t.Stat(ProcDir(pid) + "/ns/" + kind)
	if err != nil {
		return 0, false
	}
	return st.Ino, true
}

// readWhole reads a whole file through the task.
func readWhole(t *vfs.Task, name string) ([]byte, error) {
	f, err := OpenFile(t, name, linux.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
