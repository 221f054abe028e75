// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"sort"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ulFS is libmount's struct libmnt_fs: one line of mountinfo (kernel) or
// of fstab.
type ulFS struct {
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

// ulTable is a libmnt_table in file order.
type ulTable struct {
	t   *vfs.Task
	fss []*ulFS
}

// ulMountinfo parses the task's /proc/self/mountinfo as libmount does.
func ulMountinfo(t *vfs.Task) *ulTable {
	tb := &ulTable{t: t}
	for _, line := range strings.Split(t.Mountinfo(), "\n") {
		if fs := ulParseMountinfoLine(line); fs != nil {
			tb.fss = append(tb.fss, fs)
		}
	}
	return tb
}

func ulParseMountinfoLine(line string) *ulFS {
	head, tail, ok := strings.Cut(line, " - ")
	if !ok {
		return nil
	}
	f := strings.Fields(head)
	g := strings.Fields(tail)
	if len(f) < 6 || len(g) < 2 {
		return nil
	}
	fs := &ulFS{kernel: true}
	fs.id, _ = strconv.Atoi(f[0])
	fs.parent, _ = strconv.Atoi(f[1])
	if ma, mi, ok := strings.Cut(f[2], ":"); ok {
		a, _ := strconv.ParseUint(ma, 10, 32)
		b, _ := strconv.ParseUint(mi, 10, 32)
		fs.major, fs.minor = uint32(a), uint32(b)
	}
	fs.root = ulUnmangle(f[3])
	fs.target = ulUnmangle(f[4])
	fs.vfsOpts = ulUnmangle(f[5])
	fs.optFields = strings.Join(f[6:], " ")
	fs.fstype = ulUnmangle(g[0])
	// The source may be empty: "fstype  options".
	if strings.HasPrefix(tail, g[0]+"  ") {
		fs.source = ""
		fs.fsOpts = ulUnmangle(g[1])
	} else {
		fs.source = ulUnmangle(g[1])
		if len(g) > 2 {
			fs.fsOpts = ulUnmangle(g[2])
		}
	}
	fs.optstr = ulMergeOptstr(fs.vfsOpts, fs.fsOpts)
	return fs
}

// ulUnmangle undoes the octal escapes (\040 and friends) of mount tables.
func ulUnmangle(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && ulIsOctal(s[i+1]) && ulIsOctal(s[i+2]) && ulIsOctal(s[i+3]) {
			b.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func ulIsOctal(c byte) bool { return c >= '0' && c <= '7' }

// ulMergeOptstr is libmount's merge_optstr: VFS and FS options as one
// string with a single leading "rw" or "ro".
func ulMergeOptstr(vfsOpts, fsOpts string) string {
	if vfsOpts == "" || fsOpts == "" {
		return vfsOpts + fsOpts
	}
	if vfsOpts == fsOpts {
		return vfsOpts
	}
	opts := ulSplitOpts(vfsOpts + "," + fsOpts)
	rw, ro := 0, 0
	opts, n := ulRemoveOpt(opts, "rw", 2)
	rw += n
	if rw != 2 {
		var m int
		opts, m = ulRemoveOpt(opts, "ro", 2-rw)
		ro += m
	}
	flag := "rw"
	if ro > 0 {
		flag = "ro"
	}
	return strings.Join(append([]string{flag}, opts...), ",")
}

// ulRemoveOpt removes up to max options named name (without a value).
func ulRemoveOpt(opts []string, name string, max int) ([]string, int) {
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

// ulSplitOpts splits an option string at commas outside double quotes.
func ulSplitOpts(s string) []string {
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

// ulOptName returns an option's name and value.
func ulOptName(o string) (name, val string, hasVal bool) {
	return strings.Cut(o, "=")
}

// ulParseFstab parses fstab text (LABEL=x /mnt type opts freq pass).
func ulParseFstab(t *vfs.Task, data string) *ulTable {
	tb := &ulTable{t: t}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			continue // see fstabBadLines
		}
		fs := &ulFS{source: ulUnmangle(f[0]), target: ulUnmangle(f[1])}
		if len(f) > 2 {
			fs.fstype = ulUnmangle(f[2])
		}
		if len(f) > 3 {
			fs.optstr = ulUnmangle(f[3])
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

// fstabBadLines numbers (from 1) the fstab lines ulParseFstab skips as
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
func (fs *ulFS) isPseudo() bool { return ulIsPseudoFstype(fs.fstype) }

func ulIsPseudoFstype(t string) bool {
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

// ulIsNetFstype is mnt_fstype_is_netfs.
func ulIsNetFstype(t string) bool {
	switch t {
	case "cifs", "smbfs", "ncpfs", "smb3", "afs", "auristorfs", "9p", "ceph",
		"glusterfs", "gfs", "gfs2", "ocfs2", "lustre", "nfs", "nfs4", "coda",
		"davfs", "sshfs", "fuse.sshfs", "fuse.glusterfs", "fuse.curlftpfs":
		return true
	}
	return strings.HasPrefix(t, "nfs")
}

// ulIsTag reports whether a source is a LABEL=, UUID=... tag.
func ulIsTag(s string) bool {
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

// srcpath is mnt_fs_get_srcpath: the source unless it is a tag.
func (fs *ulFS) srcpath() string {
	if ulIsTag(fs.source) {
		return ""
	}
	return fs.source
}

// streqSrcpath is mnt_fs_streq_srcpath.
func (fs *ulFS) streqSrcpath(path string) bool {
	p := fs.srcpath()
	if !fs.isPseudo() {
		return p != "" && path != "" && ulStreqPaths(p, path)
	}
	return p == path
}

// propagation is mnt_fs_get_propagation: MS_SHARED, MS_SLAVE and
// MS_UNBINDABLE from the optional fields, MS_PRIVATE when none.
func (fs *ulFS) propagation() uint64 {
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
func (tb *ulTable) iter(backward bool) []*ulFS {
	if !backward {
		return tb.fss
	}
	out := make([]*ulFS, len(tb.fss))
	for i, fs := range tb.fss {
		out[len(tb.fss)-1-i] = fs
	}
	return out
}

// findTarget is mnt_table_find_target: native path, absolute path, then
// the canonical path.
func (tb *ulTable) findTarget(path string, backward bool) *ulFS {
	if path == "" {
		return nil
	}
	for _, fs := range tb.iter(backward) {
		if ulStreqPaths(fs.target, path) {
			return fs
		}
	}
	if abs, ok := ulAbsolutePath(tb.t, path); ok {
		for _, fs := range tb.iter(backward) {
			if ulStreqPaths(fs.target, abs) {
				return fs
			}
		}
	}
	cn := ulCanonicalize(tb.t, path)
	for _, fs := range tb.iter(backward) {
		if ulStreqPaths(fs.target, cn) {
			return fs
		}
	}
	for _, fs := range tb.iter(backward) {
		if fs.kernel || fs.target == "" || fs.target == "/" {
			continue
		}
		if ulCanonicalize(tb.t, fs.target) == cn {
			return fs
		}
	}
	return nil
}

// findSource is mnt_table_find_source for paths (tags match literally).
func (tb *ulTable) findSource(src string, backward bool) *ulFS {
	if ulIsTag(src) {
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
	cn := ulCanonicalize(tb.t, src)
	if cn != src {
		for _, fs := range tb.iter(backward) {
			if fs.streqSrcpath(cn) {
				return fs
			}
		}
	}
	for _, fs := range tb.iter(backward) {
		if fs.isPseudo() || ulIsNetFstype(fs.fstype) || fs.srcpath() == "" {
			continue
		}
		if ulCanonicalize(tb.t, fs.srcpath()) == cn {
			return fs
		}
	}
	return nil
}

// findPair is mnt_table_find_pair.
func (tb *ulTable) findPair(src, tgt string, backward bool) *ulFS {
	for _, fs := range tb.iter(backward) {
		if fs.matchTarget(tb.t, tgt) && fs.matchSource(tb.t, src) {
			return fs
		}
	}
	return nil
}

// findMountpoint is mnt_table_find_mountpoint: the mount that contains path.
func (tb *ulTable) findMountpoint(path string, backward bool) *ulFS {
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
func (fs *ulFS) matchTarget(t *vfs.Task, target string) bool {
	if target == "" || fs.target == "" {
		return false
	}
	if ulStreqPaths(fs.target, target) {
		return true
	}
	cn := ulCanonicalize(t, target)
	if ulStreqPaths(fs.target, cn) {
		return true
	}
	if !fs.kernel {
		return ulCanonicalize(t, fs.target) == cn
	}
	return false
}

// matchSource is mnt_fs_match_source.
func (fs *ulFS) matchSource(t *vfs.Task, source string) bool {
	if fs.streqSrcpath(source) {
		return true
	}
	if source == "" || fs.source == "" {
		return false
	}
	if ulIsTag(fs.source) && source == fs.source {
		return true
	}
	if fs.isPseudo() || ulIsNetFstype(fs.fstype) {
		return false
	}
	cn := ulCanonicalize(t, source)
	src := fs.srcpath()
	if src != "" && fs.streqSrcpath(cn) {
		return true
	}
	return src != "" && ulCanonicalize(t, src) == cn
}

// root is mnt_table_get_root_fs: the entry with the smallest parent ID,
// then up through parents present in the table.
func (tb *ulTable) root() *ulFS {
	var root *ulFS
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

func (tb *ulTable) byID(id int) *ulFS {
	for _, fs := range tb.fss {
		if fs.id == id {
			return fs
		}
	}
	return nil
}

// children is mnt_table_next_child_fs over all children of fs: always
// in ascending mount ID order, whatever the iterator's direction.
func (tb *ulTable) children(fs *ulFS) []*ulFS {
	var out []*ulFS
	for _, c := range tb.fss {
		if c.parent == fs.id && c.id != fs.id {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// over is mnt_table_over_fs: the child mounted on fs's own root.
func (tb *ulTable) over(fs *ulFS) *ulFS {
	for _, c := range tb.fss {
		if c.parent == fs.id && ulStreqPaths(c.target, fs.target) {
			return c
		}
	}
	return nil
}
