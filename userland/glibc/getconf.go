// SPDX-License-Identifier: Apache-2.0

// Package glibc holds the programs the GNU C library ships: getconf.
package glibc

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Register adds glibc's programs to set.
func Register(set *applet.Set) {
	set.Register(getconfApplet, "getconf")
}

// getconfVar is one line of getconfVars.
type getconfVar struct {
	name, kind, how string
}

var (
	varsOnce sync.Once
	varList  []getconfVar
)

func getconfTable() []getconfVar {
	varsOnce.Do(func() {
		for _, line := range strings.Split(strings.TrimSpace(getconfVars), "\n") {
			name, rest, _ := strings.Cut(line, " ")
			kind, how, _ := strings.Cut(rest, " ")
			varList = append(varList, getconfVar{name, kind, how})
		}
	})
	return varList
}

const getconfHelp = `Usage: getconf [-v SPEC] VAR
  or:  getconf [-v SPEC] PATH_VAR PATH

Print a configuration value as glibc's sysconf, pathconf or confstr gives
it: VAR of the system, or PATH_VAR of the filesystem that holds PATH.
-a lists every variable (for PATH, or "/").
`

// getconfApplet is getconf(1) of glibc 2.36: usage errors exit 2, a
// pathconf that fails 3; a value the system leaves undefined prints
// "undefined" (an empty value with -a).
func getconfApplet(c *applet.Cmd) int {
	args := c.Args
	switch {
	case len(args) > 0 && args[0] == "--version":
		fmt.Fprintf(c.Out, "getconf (linuxvfs) %s\n", applet.Version)
		return 0
	case len(args) > 0 && args[0] == "--help":
		fmt.Fprint(c.Out, getconfHelp)
		return 0
	case len(args) > 0 && strings.HasPrefix(args[0], "-v"):
		// Every programming environment is built in on x86_64: the
		// specification is skipped, whatever it names. Glued to the
		// option, it leaves a command line glibc cannot use.
		if args[0] != "-v" || len(args) < 2 {
			return getconfUsage(c)
		}
		args = args[2:]
	}
	if len(args) > 0 && args[0] == "-a" {
		switch len(args) {
		case 1:
			return getconfAll(c, "/")
		case 2:
			return getconfAll(c, args[1])
		}
		return getconfUsage(c)
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) < 1 || len(args) > 2 {
		return getconfUsage(c)
	}
	v, ok := lookupVar(args[0])
	if !ok {
		fmt.Fprintf(c.Errw, "%s: Unrecognized variable `%s'\n", c.Argv0, args[0])
		return 2
	}
	return getconfOne(c, v, args[1:])
}

func getconfUsage(c *applet.Cmd) int {
	fmt.Fprintf(c.Errw, "Usage: %s [-v specification] variable_name [pathname]\n", c.Name)
	fmt.Fprintf(c.Errw, "       %s -a [pathname]\n", c.Name)
	return 2
}

// lookupVar finds name as getconf does: the first variable of that name
// or whose name is "_POSIX_" and it.
func lookupVar(name string) (getconfVar, bool) {
	for _, v := range getconfTable() {
		if v.name == name || strings.TrimPrefix(v.name, "_POSIX_") == name && strings.HasPrefix(v.name, "_POSIX_") {
			return v, true
		}
	}
	return getconfVar{}, false
}

// getconfOne prints one variable; path is the pathname operand, if any.
func getconfOne(c *applet.Cmd, v getconfVar, path []string) int {
	switch v.kind {
	case "p":
		if len(path) != 1 {
			return getconfUsage(c)
		}
		val, defined, err := pathconfValue(c.Task, path[0], v.how)
		switch {
		case err != nil:
			fmt.Fprintf(c.Errw, "%s: pathconf: %s: %s\n", c.Argv0, path[0], applet.ErrText(err))
			return 3
		case !defined:
			fmt.Fprintln(c.Out, "undefined")
		default:
			fmt.Fprintln(c.Out, val)
		}
	case "s":
		if len(path) != 0 {
			return getconfUsage(c)
		}
		if val, defined := sysconfValue(c.Task, v.how); defined {
			fmt.Fprintln(c.Out, val)
		} else {
			fmt.Fprintln(c.Out, "undefined")
		}
	default:
		if len(path) != 0 {
			return getconfUsage(c)
		}
		fmt.Fprintln(c.Out, v.how)
	}
	return 0
}

// getconfAll is -a: every variable, its name padded to 35 columns, an
// undefined or failing value left empty.
func getconfAll(c *applet.Cmd, path string) int {
	for _, v := range getconfTable() {
		val := v.how
		switch v.kind {
		case "p":
			s, defined, err := pathconfValue(c.Task, path, v.how)
			val = ""
			if err == nil && defined {
				val = s
			}
		case "s":
			val, _ = sysconfValue(c.Task, v.how)
		}
		fmt.Fprintf(c.Out, "%-35s%s\n", v.name, val)
	}
	return 0
}

// pathconfValue is pathconf(path, how) as glibc computes it on Linux:
// fixed values, or the path's statfs (f_namelen, f_bsize, f_frsize, and
// tables by f_type). defined is false for -1 without an error.
func pathconfValue(t *vfs.Task, path, how string) (val string, defined bool, err error) {
	if path == "" {
		return "", false, linux.ENOENT
	}
	if v, ok := strings.CutPrefix(how, "="); ok {
		return v, true, nil
	}
	if how == "-" {
		return "", false, nil
	}
	if how == "asyncio" {
		// Asynchronous I/O is for regular files and block devices.
		st, err := t.Stat(path)
		if err != nil || (!applet.IsReg(uint32(st.Mode)) && !applet.IsBlk(uint32(st.Mode))) {
			return "", false, nil
		}
		return "1", true, nil
	}
	sf, err := t.Statfs(path)
	if err != nil {
		return "", false, err
	}
	var n int64
	switch how {
	case "link":
		n = linkMax(t, path, sf.Type)
	case "name":
		n = sf.Namelen
	case "bsize":
		n = sf.Bsize
	case "frsize":
		n = sf.Frsize
	case "filesizebits":
		n = fileSizeBits(sf.Type)
	case "symlinks":
		n = 1
		if noSymlinks[sf.Type] {
			n = 0
		}
	case "chown":
		n = 1
	}
	return strconv.FormatInt(n, 10), true, nil
}

// Filesystem magic numbers (statfs's f_type) glibc's tables name.
const (
	ext2Magic   = 0xEF53
	btrfsMagic  = 0x9123683E
	xfsMagic    = 0x58465342
	f2fsMagic   = 0xF2F52010
	cgroupMagic = 0x27e0eb
	msdosMagic  = 0x4d44
	romfsMagic  = 0x7275
	devptsMagic = 0x1cd1
	cramfsMagic = 0x28cd3d45
	ntfsMagic   = 0x5346544e
	udfMagic    = 0x15013346
)

// noSymlinks are the filesystems glibc says have no symbolic links.
var noSymlinks = map[uint64]bool{msdosMagic: true, romfsMagic: true, devptsMagic: true, cramfsMagic: true, ntfsMagic: true}

// fileSizeBits is __statfs_filesize_max for the filesystems linuxvfs
// and its hosts have: 64 for the disk filesystems of large files, 32
// for the rest.
func fileSizeBits(typ uint64) int64 {
	switch typ {
	case f2fsMagic:
		return 256
	case btrfsMagic:
		return 255
	case ext2Magic, xfsMagic, cgroupMagic, ntfsMagic, udfMagic:
		return 64
	}
	return 32
}

// linkMax is __statfs_link_max: ext4's 65000 where it can tell ext4 from
// ext2 and ext3 (32000), XFS's and f2fs's, and Linux's 127 otherwise.
func linkMax(t *vfs.Task, path string, typ uint64) int64 {
	switch typ {
	case ext2Magic:
		if isExt4(t, path) {
			return 65000
		}
		return 32000
	case xfsMagic:
		return 2147483647
	case f2fsMagic:
		return 0xffffffff
	}
	return 127
}

// isExt4 tells ext4 from ext2 and ext3 as glibc does: the block device
// of the file's st_dev has a directory under /sys/fs/ext4, or else a
// mount of type ext4 in /proc/mounts is on the same device.
func isExt4(t *vfs.Task, path string) bool {
	st, err := t.Stat(path)
	if err != nil {
		return false
	}
	link, err := t.Readlink(fmt.Sprintf("/sys/dev/block/%d:%d", st.DevMajor, st.DevMinor))
	if err == nil {
		base := link[strings.LastIndexByte(link, '/')+1:]
		return t.Access("/sys/fs/ext4/"+base, 0) == nil
	}
	f, err := applet.OpenFile(t, "/proc/mounts", linux.O_RDONLY, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 || (fields[2] != "ext2" && fields[2] != "ext3" && fields[2] != "ext4") {
			continue
		}
		if mst, err := t.Stat(unescapeMount(fields[1])); err == nil && mst.DevMajor == st.DevMajor && mst.DevMinor == st.DevMinor {
			return fields[2] == "ext4"
		}
	}
	return false
}

// unescapeMount undoes the octal escapes of a /proc/mounts field.
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// sysconfValue is sysconf(how) as glibc computes it on Linux: fixed
// values, or the task's resource limits, /proc and /sys. defined is
// false for -1.
func sysconfValue(t *vfs.Task, how string) (string, bool) {
	if v, ok := strings.CutPrefix(how, "="); ok {
		return v, true
	}
	var n int64
	switch how {
	case "-":
		return "", false
	case "argmax":
		// A quarter of the stack, as much as the kernel lets execve
		// take (three quarters of the 8 MiB _STK_LIM at most), and
		// never below the old fixed 128 KiB.
		n = 131072
		if r, err := t.Getrlimit(linux.RLIMIT_STACK); err == nil {
			n = max(131072, int64(min(r.Cur/4, 8<<20/4*3)))
		}
	case "childmax":
		n = rlimitCur(t, linux.RLIMIT_NPROC)
	case "openmax":
		n = rlimitCur(t, linux.RLIMIT_NOFILE)
	case "sigqueue":
		n = rlimitCur(t, linux.RLIMIT_SIGPENDING)
	case "ngroups":
		n = 65536 // NGROUPS_MAX, unless the kernel says otherwise
		if v, ok := readNumber(t, "/proc/sys/kernel/ngroups_max"); ok {
			n = v
		}
	case "physpages", "avphyspages":
		n = memPages(t, how == "avphyspages")
	case "nproconln":
		n = onlineCPUs(t)
	case "nprocconf":
		n = configuredCPUs(t)
	}
	if n == -1 {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}

// rlimitCur is a soft limit as a long: RLIM_INFINITY is -1.
func rlimitCur(t *vfs.Task, res int) int64 {
	r, err := t.Getrlimit(res)
	if err != nil {
		return -1
	}
	return int64(r.Cur)
}

// readFile reads a small kernel file whole.
func readFile(t *vfs.Task, name string) (string, error) {
	f, err := applet.OpenFile(t, name, linux.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := f.Read(buf)
		b.Write(buf[:n])
		if err != nil || n == 0 {
			return b.String(), nil
		}
	}
}

// readNumber reads a file holding one decimal number and a newline.
func readNumber(t *vfs.Task, name string) (int64, bool) {
	s, err := readFile(t, name)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(s, "\n"), 10, 64)
	return n, err == nil
}

// memPages is the RAM (or the free RAM) in pages, as sysinfo(2) gives
// it; /proc/meminfo's MemTotal and MemFree are the same counts.
func memPages(t *vfs.Task, free bool) int64 {
	s, err := readFile(t, "/proc/meminfo")
	if err != nil {
		return -1
	}
	key := "MemTotal:"
	if free {
		key = "MemFree:"
	}
	for _, line := range strings.Split(s, "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return kb / 4
			}
		}
	}
	return -1
}

// onlineCPUs is get_nprocs: /sys/devices/system/cpu/online's list, or
// the cpuN lines of /proc/stat, or 1.
func onlineCPUs(t *vfs.Task) int64 {
	if s, err := readFile(t, "/sys/devices/system/cpu/online"); err == nil {
		if n := cpuListCount(s); n > 0 {
			return n
		}
	}
	if s, err := readFile(t, "/proc/stat"); err == nil {
		var n int64
		for _, line := range strings.Split(s, "\n") {
			if len(line) > 3 && strings.HasPrefix(line, "cpu") && line[3] >= '0' && line[3] <= '9' {
				n++
			}
		}
		if n > 0 {
			return n
		}
	}
	return 1
}

// configuredCPUs is get_nprocs_conf: /sys/devices/system/cpu/possible,
// or the cpuN directories there, or the online count.
func configuredCPUs(t *vfs.Task) int64 {
	if s, err := readFile(t, "/sys/devices/system/cpu/possible"); err == nil {
		if n := cpuListCount(s); n > 0 {
			return n
		}
	}
	if ents, err := applet.ReadDirents(t, "/sys/devices/system/cpu"); err == nil {
		var n int64
		for _, e := range ents {
			if len(e.Name) > 3 && strings.HasPrefix(e.Name, "cpu") && strings.Trim(e.Name[3:], "0123456789") == "" {
				n++
			}
		}
		if n > 0 {
			return n
		}
	}
	return onlineCPUs(t)
}

// cpuListCount counts the CPUs of a list such as "0-3,5"; 0 when it
// cannot be read.
func cpuListCount(s string) int64 {
	var n int64
	for _, part := range strings.Split(strings.TrimSpace(s), ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseInt(lo, 10, 64)
		if err != nil {
			return 0
		}
		b := a
		if isRange {
			if b, err = strconv.ParseInt(hi, 10, 64); err != nil || b < a {
				return 0
			}
		}
		n += b - a + 1
	}
	return n
}
