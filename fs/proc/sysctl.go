// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A sysctl is a file under /proc/sys: a number the kernel model keeps,
// read as a line and set by root writing one (proc_dointvec and friends).
type sysctl struct {
	dir, name string // dir is "fs" or "fs/mqueue"
	// unsigned is proc_douintvec's parsing: no minus sign.
	unsigned bool
	get      func(c sysctlCtx) int64
	set      func(c sysctlCtx, v int64) error
}

// sysctlCtx is what a sysctl file works on: the kernel, and the IPC
// namespace of the task that opened it (the per-namespace ctl_table_set
// of fs/mqueue, which set_lookup picks by the current task).
type sysctlCtx struct {
	k   *vfs.Kernel
	ipc *vfs.IPCNamespace
}

// sysctls are the files of /proc/sys the model has, each directory's in
// name order.
var sysctls = []sysctl{
	{dir: "fs", name: "mount-max", get: func(c sysctlCtx) int64 { return int64(c.k.MountMax()) }, set: func(c sysctlCtx, v int64) error {
		if v < 1 {
			return linux.EINVAL
		}
		c.k.SetMountMax(int(v))
		return nil
	}},
	{dir: "fs", name: "pipe-max-size", unsigned: true, get: func(c sysctlCtx) int64 { return int64(c.k.PipeMaxSize()) }, set: func(c sysctlCtx, v int64) error {
		return c.k.SetPipeMaxSize(uint64(v))
	}},
	mqSysctl("msg_default", vfs.MqMsgDefault, linux.MIN_MSGMAX, linux.HARD_MSGMAX),
	mqSysctl("msg_max", vfs.MqMsgMax, linux.MIN_MSGMAX, linux.HARD_MSGMAX),
	mqSysctl("msgsize_default", vfs.MqMsgsizeDefault, linux.MIN_MSGSIZEMAX, linux.HARD_MSGSIZEMAX),
	mqSysctl("msgsize_max", vfs.MqMsgsizeMax, linux.MIN_MSGSIZEMAX, linux.HARD_MSGSIZEMAX),
	mqSysctl("queues_max", vfs.MqQueuesMax, math.MinInt32, math.MaxInt32),
}

// mqSysctl is an entry of ipc/mq_sysctl.c's table: a value of the
// opener's IPC namespace, set within [lo, hi] (proc_dointvec_minmax;
// queues_max is plain proc_dointvec, any int).
func mqSysctl(name string, l vfs.MqLimit, lo, hi int64) sysctl {
	return sysctl{dir: "fs/mqueue", name: name,
		get: func(c sysctlCtx) int64 { return c.ipc.MqLimit(l) },
		set: func(c sysctlCtx, v int64) error {
			if v < lo || v > hi {
				return linux.EINVAL
			}
			c.ipc.SetMqLimit(l, v)
			return nil
		}}
}

// sysctlsIn returns the indexes of the sysctls in dir.
func (o *inodeOps) sysctlsIn(dir string) []int {
	var out []int
	for i, s := range sysctls {
		if s.dir == dir {
			out = append(out, i)
		}
	}
	return out
}

// sysctlFile is an open sysctl: its text at open, and what it sets.
type sysctlFile struct {
	text []byte
	ctx  sysctlCtx
}

// openSysctl generates sysctl i's content for t.
func (o *inodeOps) openSysctl(i int, t *vfs.Task) *sysctlFile {
	c := sysctlCtx{k: o.ps.k, ipc: t.IPCNamespace()}
	return &sysctlFile{text: []byte(strconv.FormatInt(sysctls[i].get(c), 10) + "\n"), ctx: c}
}

// write sets sysctl i from a write at off, as __do_proc_dointvec takes
// one (and __do_proc_douintvec for unsigned ones): a write past the
// start is ignored whole (sysctl_writes_strict), an empty one does
// nothing, and otherwise the first number is read and set, and the write
// counts it and the blanks after it, leaving the rest unread.
func (sf *sysctlFile) write(i int, p []byte, off int64) (int, error) {
	if off != 0 || len(p) == 0 {
		return len(p), nil
	}
	v, n, err := parseSysctlInt(string(p), sysctls[i].unsigned)
	if err != nil {
		return 0, err
	}
	if err := sysctls[i].set(sf.ctx, v); err != nil {
		return 0, err
	}
	return n, nil
}

// parseSysctlInt reads the first number of s as proc_get_long does, and
// returns it with the bytes it took: blanks, an optional '-' (not for
// unsigned sysctls), digits in C's base (0x hexadecimal, a leading 0
// octal) making at most 20 characters with the sign, then a blank or the
// end, and the blanks that follow. The value must fit an int (an
// unsigned int for unsigned sysctls).
func parseSysctlInt(s string, unsigned bool) (v int64, n int, err error) {
	const maxLen = 20 // TMPBUFLEN-2: a longer number is refused
	for n < len(s) && isSpace(s[n]) {
		n++
	}
	start := n
	neg := len(s)-n > 1 && s[n] == '-'
	if neg {
		n++
	}
	digits := n
	for n < len(s) && !isSpace(s[n]) {
		n++
	}
	if n == digits || s[digits] < '0' || s[digits] > '9' || n-start > maxLen {
		return 0, 0, linux.EINVAL
	}
	u, ok := vfs.Kstrtouint(s[digits:n], 0)
	switch {
	case !ok, unsigned && neg:
		return 0, 0, linux.EINVAL
	case unsigned:
		v = int64(u)
	case neg && uint64(u) > -math.MinInt32, !neg && uint64(u) > math.MaxInt32:
		return 0, 0, linux.EINVAL
	case neg:
		v = -int64(u)
	default:
		v = int64(u)
	}
	for n < len(s) && isSpace(s[n]) {
		n++
	}
	return v, n, nil
}

// isSpace is the kernel's isspace as proc_skip_spaces uses it.
func isSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// sysctlDir is the directory a sysctl directory node stands for, and the
// subdirectory it holds.
func (o *inodeOps) sysctlDir(k kind) (dir, sub string) {
	if k == kindSysMqDir {
		return "fs/mqueue", ""
	}
	if o.ps.k.HasMqueue() {
		return "fs", "mqueue"
	}
	return "fs", ""
}

// lookupSysctl finds name in a sysctl directory.
func (o *inodeOps) lookupSysctl(k kind, name string) (*vfs.Inode, error) {
	dir, sub := o.sysctlDir(k)
	if sub != "" && name == sub {
		return o.newInode(node{kind: kindSysMqDir}, modeOf(kindSysMqDir), 0), nil
	}
	for _, i := range o.sysctlsIn(dir) {
		if sysctls[i].name == name {
			return o.newInode(node{kind: kindSysctl, fd: i}, modeOf(kindSysctl), 0), nil
		}
	}
	return nil, linux.ENOENT
}

// sysctlDirents lists a sysctl directory in name order, as Linux keeps a
// ctl_dir's entries.
func (o *inodeOps) sysctlDirents(k kind) []vfs.Dirent {
	dir, sub := o.sysctlDir(k)
	var out []vfs.Dirent
	for _, i := range o.sysctlsIn(dir) {
		out = append(out, vfs.Dirent{Name: sysctls[i].name, Ino: inoOf(node{kind: kindSysctl, fd: i}), Type: linux.DT_REG})
	}
	if sub != "" {
		out = append(out, vfs.Dirent{Name: sub, Ino: inoOf(node{kind: kindSysMqDir}), Type: linux.DT_DIR})
	}
	slices.SortFunc(out, func(a, b vfs.Dirent) int { return strings.Compare(a.Name, b.Name) })
	return out
}
