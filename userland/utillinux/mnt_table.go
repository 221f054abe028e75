// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mntEntry is libmount's struct libmnt_fs: one line of mountinfo (kernel) or
// of fstab.
type mntEntry struct {
	kernel       bool
	id, parent   int
	major, minor uint32
	root         string
	target       string
	vfsOpts      string
	optFields    string
	fstype       string
	source       string
	fsOpts       string
	optstr       string // merged VFS, FS and user options
	userOpts     string
	freq, passno int // fstab's fifth and sixth fields
}

// mntTable is a libmnt_table in file order.
type mntTable struct {
	t   *vfs.Task
	fss []*mntEntry
	// err is why the kernel's table could not be read (no /proc in a new
	// root): libmount's lookups fail with it where they need the table.
	err error
}

// readMountinfo parses the task's /proc/self/mountinfo as libmount does;
// without the file the table is empty and says why.
func readMountinfo(t *vfs.Task) *mntTable {
	return readMountinfoFile(t, "/proc/self/mountinfo")
}

// readMountinfoFile parses a mountinfo file, read by t.
func readMountinfoFile(t *vfs.Task, name string) *mntTable {
	tb := &mntTable{t: t}
	text, err := readProcFile(t, name)
	if err != nil {
		tb.err = err
		return tb
	}
	for _, line := range strings.Split(text, "\n") {
		if fs := parseMountinfoLine(line); fs != nil {
			tb.fss = append(tb.fss, fs)
		}
	}
	return tb
}

func parseMountinfoLine(line string) *mntEntry {
	head, tail, ok := strings.Cut(line, " - ")
	if !ok {
		return nil
	}
	f := strings.Fields(head)
	g := strings.Fields(tail)
	if len(f) < 6 || len(g) < 2 {
		return nil
	}
	fs := &mntEntry{kernel: true}
	fs.id, _ = strconv.Atoi(f[0])
	fs.parent, _ = strconv.Atoi(f[1])
	if ma, mi, ok := strings.Cut(f[2], ":"); ok {
		a, _ := strconv.ParseUint(ma, 10, 32)
		b, _ := strconv.ParseUint(mi, 10, 32)
		fs.major, fs.minor = uint32(a), uint32(b)
	}
	fs.root = mountinfo.Unescape(f[3])
	fs.target = mountinfo.Unescape(f[4])
	fs.vfsOpts = mountinfo.Unescape(f[5])
	fs.optFields = strings.Join(f[6:], " ")
	fs.fstype = mountinfo.Unescape(g[0])
	// The source may be empty: "fstype  options".
	if strings.HasPrefix(tail, g[0]+"  ") {
		fs.source = ""
		fs.fsOpts = mountinfo.Unescape(g[1])
	} else {
		fs.source = mountinfo.Unescape(g[1])
		if len(g) > 2 {
			fs.fsOpts = mountinfo.Unescape(g[2])
		}
	}
	fs.optstr = mergeOptstr(fs.vfsOpts, fs.fsOpts)
	return fs
}

// mergeOptstr is libmount's merge_optstr: VFS and FS options as one
// string with a single leading "rw" or "ro".
func mergeOptstr(vfsOpts, fsOpts string) string {
	if vfsOpts == "" || fsOpts == "" {
		return vfsOpts + fsOpts
	}
	if vfsOpts == fsOpts {
		return vfsOpts
	}
	opts := splitOpts(vfsOpts + "," + fsOpts)
	rw, ro := 0, 0
	opts, n := removeOpt(opts, "rw", 2)
	rw += n
	if rw != 2 {
		var m int
		opts, m = removeOpt(opts, "ro", 2-rw)
		ro += m
	}
	flag := "rw"
	if ro > 0 {
		flag = "ro"
	}
	return strings.Join(append([]string{flag}, opts...), ",")
}

// removeOpt removes up to max options named name (without a value).
func removeOpt(opts []string, name string, max int) ([]string, int) {
	n := 0
	out := opts[:0:0]
	for _, o := range opts {
		if n < max && o == name {
			n++
			continue
		}
		out = append(out, o)
	}
	return out, n
}

// splitOpts splits an option string at commas outside double quotes.
func splitOpts(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				if i > start {
					out = append(out, s[start:i])
				}
				start = i + 1
			}
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// optName returns an option's name and value.
func optName(o string) (name, val string, hasVal bool) {
	return strings.Cut(o, "=")
}

// parseFstab parses fstab text (LABEL=x /mnt type opts freq pass).
func parseFstab(t *vfs.Task, data string) *mntTable {
	tb := &mntTable{t: t}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			continue // see fstabBadLines
		}
		fs := &mntEntry{source: mountinfo.Unescape(f[0]), target: mountinfo.Unescape(f[1])}
		if len(f) > 2 {
			fs.fstype = mountinfo.Unescape(f[2])
		}
		if len(f) > 3 {
			fs.optstr = mountinfo.Unescape(f[3])
		}
		if len(f) > 4 {
			fs.freq, _ = strconv.Atoi(f[4])
		}
		if len(f) > 5 {
			fs.passno, _ = strconv.Atoi(f[5])
		}
		tb.fss = append(tb.fss, fs)
	}
	return tb
}

// fstabBadLines numbers (from 1) the fstab lines parseFstab skips as
// unusable: fewer than the three fields source, target and type.
func fstabBadLines(data string) []int {
	var bad []int
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && line[0] != '#' && len(strings.Fields(line)) < 3 {
			bad = append(bad, i+1)
		}
	}
	return bad
}

// isPseudo is mnt_fs_is_pseudofs.
func (fs *mntEntry) isPseudo() bool { return isPseudoFstype(fs.fstype) }

func isPseudoFstype(t string) bool {
	switch t {
	case "anon_inodefs", "apparmorfs", "autofs", "bdev", "binder", "binfmt_misc",
		"bpf", "cgroup", "cgroup2", "configfs", "cpuset", "debugfs", "devfs",
		"devpts", "devtmpfs", "dlmfs", "dmabuf", "drm", "efivarfs", "fuse",
		"fuse.archivemount", "fuse.avfsd", "fuse.dumpfs", "fuse.encfs",
		"fuse.gvfs-fuse-daemon", "fuse.gvfsd-fuse", "fuse.lxcfs",
		"fuse.rofiles-fuse", "fuse.vmware-vmblock", "fuse.xwmfs", "fusectl",
		"hugetlbfs", "ipathfs", "mqueue", "nfsd", "none", "nsfs", "overlay",
		"pipefs", "proc", "pstore", "ramfs", "resctrl", "rootfs", "rpc_pipefs",
		"securityfs", "selinuxfs", "smackfs", "sockfs", "spufs", "sysfs",
		"tmpfs", "tracefs", "vboxsf", "virtiofs":
		return true
	}
	return false
}

// isNetFstype is mnt_fstype_is_netfs.
func isNetFstype(t string) bool {
	switch t {
	case "cifs", "smbfs", "ncpfs", "smb3", "afs", "auristorfs", "9p", "ceph",
		"glusterfs", "gfs", "gfs2", "ocfs2", "lustre", "nfs", "nfs4", "coda",
		"davfs", "sshfs", "fuse.sshfs", "fuse.glusterfs", "fuse.curlftpfs":
		return true
	}
	return strings.HasPrefix(t, "nfs")
}

// isSourceTag reports whether a source is a LABEL=, UUID=... tag.
func isSourceTag(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	if !ok {
		return false
	}
	switch name {
	case "LABEL", "UUID", "PARTUUID", "PARTLABEL", "ID":
		return true
	}
	return false
}

// unquoteTag is a tag's value without the quotes fstab may put around
// it (LABEL="data").
func unquoteTag(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// srcpath is mnt_fs_get_srcpath: the source unless it is a tag.
func (fs *mntEntry) srcpath() string {
	if isSourceTag(fs.source) {
		return ""
	}
	return fs.source
}

// streqSrcpath is mnt_fs_streq_srcpath.
func (fs *mntEntry) streqSrcpath(path string) bool {
	p := fs.srcpath()
	if !fs.isPseudo() {
		return p != "" && path != "" && streqPaths(p, path)
	}
	return p == path
}

// propagation is mnt_fs_get_propagation: MS_SHARED, MS_SLAVE and
// MS_UNBINDABLE from the optional fields, MS_PRIVATE when none.
func (fs *mntEntry) propagation() uint64 {
	var fl uint64
	for _, f := range strings.Fields(fs.optFields) {
		switch {
		case strings.HasPrefix(f, "shared:"):
			fl |= linux.MS_SHARED
		case strings.HasPrefix(f, "master:"):
			fl |= linux.MS_SLAVE
		case f == "unbindable":
			fl |= linux.MS_UNBINDABLE
		}
	}
	if fl&linux.MS_SHARED == 0 {
		fl |= linux.MS_PRIVATE
	}
	return fl
}

// iter returns the entries in the given direction.
func (tb *mntTable) iter(backward bool) []*mntEntry {
	if !backward {
		return tb.fss
	}
	out := make([]*mntEntry, len(tb.fss))
	for i, fs := range tb.fss {
		out[len(tb.fss)-1-i] = fs
	}
	return out
}

// findTarget is mnt_table_find_target: native path, absolute path, then
// the canonical path.
func (tb *mntTable) findTarget(path string, backward bool) *mntEntry {
	if path == "" {
		return nil
	}
	for _, fs := range tb.iter(backward) {
		if streqPaths(fs.target, path) {
			return fs
		}
	}
	if abs, ok := absolutePath(tb.t, path); ok {
		for _, fs := range tb.iter(backward) {
			if streqPaths(fs.target, abs) {
				return fs
			}
		}
	}
	cn := canonicalPath(tb.t, path)
	for _, fs := range tb.iter(backward) {
		if streqPaths(fs.target, cn) {
			return fs
		}
	}
	for _, fs := range tb.iter(backward) {
		if fs.kernel || fs.target == "" || fs.target == "/" {
			continue
		}
		if canonicalPath(tb.t, fs.target) == cn {
			return fs
		}
	}
	return nil
}

// findSource is mnt_table_find_source for paths (tags match literally).
func (tb *mntTable) findSource(src string, backward bool) *mntEntry {
	if isSourceTag(src) {
		for _, fs := range tb.iter(backward) {
			if fs.source == src {
				return fs
			}
		}
		return nil
	}
	for _, fs := range tb.iter(backward) {
		if fs.streqSrcpath(src) {
			return fs
		}
	}
	if src == "" {
		return nil
	}
	cn := canonicalPath(tb.t, src)
	if cn != src {
		for _, fs := range tb.iter(backward) {
			if fs.streqSrcpath(cn) {
				return fs
			}
		}
	}
	for _, fs := range tb.iter(backward) {
		if fs.isPseudo() || isNetFstype(fs.fstype) || fs.srcpath() == "" {
			continue
		}
		if canonicalPath(tb.t, fs.srcpath()) == cn {
			return fs
		}
	}
	return nil
}

// findPair is mnt_table_find_pair.
func (tb *mntTable) findPair(src, tgt string, backward bool) *mntEntry {
	for _, fs := range tb.iter(backward) {
		if fs.matchTarget(tb.t, tgt) && fs.matchSource(tb.t, src) {
			return fs
		}
	}
	return nil
}

// findMountpoint is mnt_table_find_mountpoint: the mount that contains path.
func (tb *mntTable) findMountpoint(path string, backward bool) *mntEntry {
	if path == "" {
		return nil
	}
	if _, err := tb.t.Stat(path); err != nil {
		return nil
	}
	mnt := path
	for {
		if fs := tb.findTarget(mnt, backward); fs != nil {
			return fs
		}
		i := strings.LastIndexByte(mnt, '/')
		if i < 0 {
			break
		}
		mnt = mnt[:i]
		if mnt == "" || mnt == "/" {
			break
		}
	}
	return tb.findTarget("/", backward)
}

// matchTarget is mnt_fs_match_target.
func (fs *mntEntry) matchTarget(t *vfs.Task, target string) bool {
	if target == "" || fs.target == "" {
		return false
	}
	if streqPaths(fs.target, target) {
		return true
	}
	cn := canonicalPath(t, target)
	if streqPaths(fs.target, cn) {
		return true
	}
	if !fs.kernel {
		return canonicalPath(t, fs.target) == cn
	}
	return false
}

// matchSource is mnt_fs_match_source.
func (fs *mntEntry) matchSource(t *vfs.Task, source string) bool {
	if fs.streqSrcpath(source) {
		return true
	}
	if source == "" || fs.source == "" {
		return false
	}
	if isSourceTag(fs.source) && source == fs.source {
		return true
	}
	if fs.isPseudo() || isNetFstype(fs.fstype) {
		return false
	}
	cn := canonicalPath(t, source)
	src := fs.srcpath()
	if src != "" && fs.streqSrcpath(cn) {
		return true
	}
	return src != "" && canonicalPath(t, src) == cn
}

// root is mnt_table_get_root_fs: the entry with the smallest parent ID,
// then up through parents present in the table.
func (tb *mntTable) root() *mntEntry {
	var root *mntEntry
	for _, fs := range tb.fss {
		if root == nil || fs.parent < root.parent {
			root = fs
		}
	}
	for root != nil {
		x := tb.byID(root.parent)
		if x == nil || x == root {
			break
		}
		root = x
	}
	return root
}

func (tb *mntTable) byID(id int) *mntEntry {
	for _, fs := range tb.fss {
		if fs.id == id {
			return fs
		}
	}
	return nil
}

// children is mnt_table_next_child_fs over all children of fs: always
// in ascending mount ID order, whatever the iterator's direction.
func (tb *mntTable) children(fs *mntEntry) []*mntEntry {
	var out []*mntEntry
	for _, c := range tb.fss {
		if c.parent == fs.id && c.id != fs.id {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// over is mnt_table_over_fs: the child mounted on fs's own root.
func (tb *mntTable) over(fs *mntEntry) *mntEntry {
	for _, c := range tb.fss {
		if c.parent == fs.id && streqPaths(c.target, fs.target) {
			return c
		}
	}
	return nil
}

// readProcFile reads a whole file of /proc.
func readProcFile(t *vfs.Task, name string) (string, error) {
	f, err := applet.OpenFile(t, name, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return string(data), err
}
