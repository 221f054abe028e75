// SPDX-License-Identifier: Apache-2.0

package archive

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// tar(1) as GNU tar 1.34 does its everyday work: create (-c), list (-t)
// and extract (-x) GNU-format archives, in a file (-f) or on the
// standard streams, gzip-compressed with -z (and recognised as such
// when read), verbose with -v, from or into another directory with -C.
// Members are stored in the order the directories list them.

type tarRun struct {
	c                *cmd
	op               byte // 'c', 't' or 'x'
	file, dir        string
	gzip, verbose    bool
	toStdout         bool
	oneFS            bool // --one-file-system
	members          []string
	found            []bool
	failed           bool
	warnedLeadingDir bool
}

// tarOptions are the short options and which take an argument; the old
// style ("tar czf x.tgz d") takes those arguments from the words after.
var tarOptions = []getopt.Option{
	{Short: 'c', Long: "create"}, {Short: 't', Long: "list"}, {Short: 'x', Long: "extract"},
	{Long: "get", ID: 'x'},
	{Short: 'f', Long: "file", Arg: getopt.RequiredArg}, {Short: 'C', Long: "directory", Arg: getopt.RequiredArg},
	{Short: 'z', Long: "gzip"}, {Long: "gunzip", ID: 'z'}, {Short: 'v', Long: "verbose"},
	{Short: 'O', Long: "to-stdout"}, {Long: "one-file-system", ID: idOneFS},
}

// idOneFS is --one-file-system's ID: it has no short option.
const idOneFS = 0x100

func tarApplet(c *cmd) int {
	r := &tarRun{c: c}
	// GNU tar words its messages with argv[0] as given, its usage lines
	// with the short name.
	c.HelpName = c.Name
	c.GivenName()
	c.UsageStatus, c.TryFormat = argpUsage, applet.ArgpTry
	args := oldStyle(c.Args)
	c.Args = args
	cl, status, ok := c.Getopt(withIDs(tarOptions), false, tarHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		switch o.ID {
		case 'c', 't', 'x':
			if r.op != 0 && r.op != byte(o.ID) {
				c.Errorf("You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option")
				c.TryHelp()
				return 2
			}
			r.op = byte(o.ID)
		case 'f':
			r.file = o.Value
		case 'C':
			r.dir = o.Value
		case 'z':
			r.gzip = true
		case 'v':
			r.verbose = true
		case 'O':
			r.toStdout = true
		case idOneFS:
			r.oneFS = true
		}
	}
	if r.op == 0 {
		c.Errorf("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options")
		c.TryHelp()
		return 2
	}
	if r.file == "" {
		r.file = "-"
	}
	r.members = cl.Operands
	if r.op == 'c' && len(r.members) == 0 {
		c.Errorf("Cowardly refusing to create an empty archive")
		c.TryHelp()
		return 2 // a usage error: no "Exiting with failure status"
	}
	r.found = make([]bool, len(r.members))
	if r.op == 'c' {
		r.create()
	} else if !r.read() {
		return 2
	}
	if r.failed {
		c.Errorf("Exiting with failure status due to previous errors")
		return 2
	}
	return 0
}

// withIDs gives each option its letter as ID.
func withIDs(opts []getopt.Option) []getopt.Option {
	out := append([]getopt.Option(nil), opts...)
	for i := range out {
		if out[i].ID == 0 {
			out[i].ID = int(out[i].Short)
		}
	}
	return out
}

// oldStyle turns "czf x.tgz d" into "-c -z -f x.tgz d": a first word
// without a dash is letters, whose arguments are the words that follow.
func oldStyle(args []string) []string {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return args
	}
	out, rest := []string{}, args[1:]
	for _, l := range args[0] {
		out = append(out, "-"+string(l))
		if (l == 'f' || l == 'C') && len(rest) > 0 {
			out, rest = append(out, rest[0]), rest[1:]
		}
	}
	return append(out, rest...)
}

func (r *tarRun) errorf(format string, a ...any) {
	r.c.Errorf(format, a...)
	r.failed = true
}

// fatal is an error tar cannot go on after.
func (r *tarRun) fatal(format string, a ...any) {
	r.c.Errorf(format, a...)
	r.c.Errorf("Error is not recoverable: exiting now")
}

// create writes the archive of the operands.
func (r *tarRun) create() {
	c := r.c
	var out io.Writer = c.Out
	var file *applet.File
	if r.file != "-" {
		f, err := applet.OpenFile(c.Task, r.file, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o666)
		if err != nil {
			r.fatal("%s: Cannot open: %s", r.file, applet.ErrText(err))
			r.failed = true
			return
		}
		file = f
		out = f
	}
	bw := bufio.NewWriter(out)
	var zw *gzip.Writer
	var w io.Writer = bw
	if r.gzip {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	tw := tar.NewWriter(w)
	if r.dir != "" {
		if err := c.Task.Chdir(r.dir); err != nil {
			r.fatal("%s: Cannot open: %s", r.dir, applet.ErrText(err))
			r.failed = true
			return
		}
	}
	for _, m := range r.members {
		r.add(tw, m, nil)
	}
	tw.Close()
	if zw != nil {
		zw.Close()
	}
	bw.Flush()
	if file != nil {
		file.Close()
	}
}

// verboseOut is where -v's names go: standard error when the archive
// itself is on standard output.
func (r *tarRun) verboseOut() io.Writer {
	if r.op == 'c' && r.file == "-" || r.toStdout {
		r.c.Out.Flush()
		return r.c.Errw
	}
	return r.c.Out
}

// add stores name and, for a directory, what is below it.
//
// With --one-file-system, a directory below an operand on another
// device than its parent (parent's stat) is stored without its contents.
func (r *tarRun) add(tw *tar.Writer, name string, parent *vfs.Statx) {
	t := r.c.Task
	st, err := t.Lstat(name)
	if err != nil {
		r.errorf("%s: Cannot stat: %s", name, applet.ErrText(err))
		return
	}
	hdr := &tar.Header{
		Name: r.memberName(name), Mode: int64(st.Mode & 0o7777), Uid: int(st.UID), Gid: int(st.GID),
		Uname: applet.UserName(t, st.UID), Gname: applet.GroupName(t, st.GID),
		ModTime: time.Unix(st.Mtime.Sec, 0), Format: tar.FormatGNU,
	}
	mode := uint32(st.Mode)
	switch {
	case applet.IsDir(mode):
		hdr.Typeflag = tar.TypeDir
		hdr.Name = strings.TrimSuffix(hdr.Name, "/") + "/"
	case applet.IsLink(mode):
		hdr.Typeflag = tar.TypeSymlink
		hdr.Linkname, _ = t.Readlink(name)
	case applet.IsReg(mode):
		hdr.Typeflag, hdr.Size = tar.TypeReg, int64(st.Size)
	case applet.IsChr(mode), applet.IsBlk(mode):
		hdr.Typeflag = tar.TypeChar
		if applet.IsBlk(mode) {
			hdr.Typeflag = tar.TypeBlock
		}
		hdr.Devmajor, hdr.Devminor = int64(st.RdevMajor), int64(st.RdevMinor)
	case mode&linux.S_IFMT == linux.S_IFIFO:
		hdr.Typeflag = tar.TypeFifo
	default:
		r.c.Errorf("%s: socket ignored", name)
		return
	}
	if r.verbose {
		fmt.Fprintln(r.verboseOut(), hdr.Name)
	}
	if err := tw.WriteHeader(hdr); err != nil {
		r.errorf("%s: %s", name, err)
		return
	}
	if hdr.Typeflag == tar.TypeReg {
		f, err := applet.OpenFile(t, name, linux.O_RDONLY, 0)
		if err != nil {
			r.errorf("%s: Cannot open: %s", name, applet.ErrText(err))
			return
		}
		io.Copy(tw, io.LimitReader(f, hdr.Size))
		f.Close()
	}
	if hdr.Typeflag == tar.TypeDir && r.oneFS && parent != nil && parent.Dev() != st.Dev() {
		if r.verbose {
			r.c.Errorf("%s: file is on a different filesystem; not dumped", strings.TrimSuffix(name, "/")+"/")
		}
		return
	}
	if hdr.Typeflag == tar.TypeDir {
		ents, err := applet.ReadDirents(t, name)
		if err != nil {
			r.errorf("%s: Cannot open: %s", name, applet.ErrText(err))
			return
		}
		for _, e := range ents {
			r.add(tw, applet.JoinPath(name, e.Name), &st)
		}
	}
}

// memberName drops leading slashes, saying so once.
func (r *tarRun) memberName(name string) string {
	trimmed := strings.TrimLeft(name, "/")
	if trimmed != name && !r.warnedLeadingDir {
		r.c.Errorf("Removing leading `/' from member names")
		r.warnedLeadingDir = true
	}
	if trimmed == "" {
		return "./"
	}
	return trimmed
}

// read lists or extracts; false is a fatal error already reported.
func (r *tarRun) read() bool {
	c := r.c
	var in io.Reader = c.Stdin
	if r.file != "-" {
		f, err := applet.OpenFile(c.Task, r.file, linux.O_RDONLY, 0)
		if err != nil {
			r.fatal("%s: Cannot open: %s", r.file, applet.ErrText(err))
			return false
		}
		defer f.Close()
		in = f
	}
	br := bufio.NewReader(in)
	var src io.Reader = br
	if magic, _ := br.Peek(2); r.gzip || len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			c.Errorf("This does not look like a tar archive")
			r.failed = true
			return true
		}
		src = zr
	}
	if r.dir != "" && r.op == 'x' {
		if err := c.Task.Chdir(r.dir); err != nil {
			r.fatal("%s: Cannot open: %s", r.dir, applet.ErrText(err))
			return false
		}
	}
	tr := tar.NewReader(src)
	var dirs []*tar.Header
	for n := 0; ; n++ {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if n == 0 {
				c.Errorf("This does not look like a tar archive")
			} else {
				c.Errorf("Unexpected EOF in archive")
			}
			r.failed = true
			break
		}
		if !r.wanted(hdr.Name) {
			continue
		}
		if r.verbose || r.op == 't' {
			r.list(hdr)
		}
		if r.op == 'x' {
			if hdr.Typeflag == tar.TypeDir {
				dirs = append(dirs, hdr)
			}
			r.extract(hdr, tr)
		}
	}
	// Directories get their times last, once nothing more goes in them.
	for _, hdr := range dirs {
		r.setTimes(hdr)
	}
	for i, m := range r.members {
		if !r.found[i] {
			r.errorf("%s: Not found in archive", m)
		}
	}
	return true
}

// wanted is whether a member is one the operands name (or below one).
func (r *tarRun) wanted(name string) bool {
	if len(r.members) == 0 {
		return true
	}
	clean := strings.TrimSuffix(name, "/")
	for i, m := range r.members {
		m = strings.TrimSuffix(m, "/")
		if clean == m || strings.HasPrefix(clean, m+"/") {
			r.found[i] = true
			return true
		}
	}
	return false
}

// list is -t's line (and -x -v's): the name, or with -t -v ls -l's
// fields.
func (r *tarRun) list(hdr *tar.Header) {
	w := r.verboseOut()
	if !r.verbose || r.op != 't' {
		fmt.Fprintln(w, hdr.Name)
		return
	}
	owner := hdr.Uname
	if owner == "" {
		owner = fmt.Sprint(hdr.Uid)
	}
	group := hdr.Gname
	if group == "" {
		group = fmt.Sprint(hdr.Gid)
	}
	ug := owner + "/" + group
	size := fmt.Sprint(hdr.Size)
	if hdr.Typeflag == tar.TypeChar || hdr.Typeflag == tar.TypeBlock {
		size = fmt.Sprintf("%d,%d", hdr.Devmajor, hdr.Devminor)
	}
	// GNU tar pads owner, group and size together to 19 columns.
	pad := max(1, 19-len(ug)-len(size))
	line := fmt.Sprintf("%s %s%s%s %s %s", applet.ModeString(tarMode(hdr)), ug, strings.Repeat(" ", pad), size,
		hdr.ModTime.UTC().Format("2006-01-02 15:04"), hdr.Name)
	switch hdr.Typeflag {
	case tar.TypeSymlink:
		line += " -> " + hdr.Linkname
	case tar.TypeLink:
		line += " link to " + hdr.Linkname
	}
	fmt.Fprintln(w, line)
}

// tarMode is a member's mode with its file type bits.
func tarMode(hdr *tar.Header) uint32 {
	perm := uint32(hdr.Mode) & 0o7777
	switch hdr.Typeflag {
	case tar.TypeDir:
		return linux.S_IFDIR | perm
	case tar.TypeSymlink:
		return linux.S_IFLNK | perm
	case tar.TypeChar:
		return linux.S_IFCHR | perm
	case tar.TypeBlock:
		return linux.S_IFBLK | perm
	case tar.TypeFifo:
		return linux.S_IFIFO | perm
	}
	return linux.S_IFREG | perm
}

// extract makes one member, replacing a file in its way.
func (r *tarRun) extract(hdr *tar.Header, data io.Reader) {
	t := r.c.Task
	name := strings.TrimSuffix(hdr.Name, "/")
	if r.toStdout {
		if hdr.Typeflag == tar.TypeReg {
			io.Copy(r.c.Out, data)
		}
		return
	}
	r.makeParents(name)
	var err error
	switch hdr.Typeflag {
	case tar.TypeDir:
		err = t.Mkdir(name, uint32(hdr.Mode)&0o7777)
		if errors.Is(err, linux.EEXIST) {
			err = nil
		}
	case tar.TypeSymlink:
		t.Unlink(name)
		err = t.Symlink(hdr.Linkname, name)
	case tar.TypeLink:
		t.Unlink(name)
		err = t.Link(strings.TrimSuffix(hdr.Linkname, "/"), name)
	case tar.TypeReg:
		err = r.writeFile(name, hdr, data)
	default:
		t.Unlink(name)
		err = t.Mknodat(linux.AT_FDCWD, name, tarMode(hdr), linux.Mkdev(uint32(hdr.Devmajor), uint32(hdr.Devminor)))
	}
	if err != nil {
		r.errorf("%s: Cannot open: %s", name, applet.ErrText(err))
		return
	}
	if r.c.Task.Cred().EUID == 0 {
		t.Lchown(name, uint32(hdr.Uid), uint32(hdr.Gid))
		if hdr.Typeflag != tar.TypeSymlink {
			t.Chmod(name, uint32(hdr.Mode)&0o7777)
		}
	}
	if hdr.Typeflag != tar.TypeDir {
		r.setTimes(hdr)
	}
}

// makeParents creates missing directories above a member.
func (r *tarRun) makeParents(name string) {
	for i := 1; i < len(name); i++ {
		if name[i] == '/' {
			r.c.Task.Mkdir(name[:i], 0o755)
		}
	}
}

func (r *tarRun) writeFile(name string, hdr *tar.Header, data io.Reader) error {
	t := r.c.Task
	t.Unlink(name)
	f, err := applet.OpenFile(t, name, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, uint32(hdr.Mode)&0o7777)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// setTimes gives a member its modification time (and the same access
// time), without following a symbolic link.
func (r *tarRun) setTimes(hdr *tar.Header) {
	ts := vfs.Timespec{Sec: hdr.ModTime.Unix()}
	times := [2]vfs.Timespec{ts, ts}
	r.c.Task.Utimensat(linux.AT_FDCWD, strings.TrimSuffix(hdr.Name, "/"), &times, linux.AT_SYMLINK_NOFOLLOW)
}

const tarHelp = `[OPTION]... [FILE]...
Store files in an archive, list an archive, or take files out of one.

  -c, --create           make an archive of FILEs (directories whole)
  -t, --list             list the members (those named, or all)
  -x, --extract, --get   take the members out
  -f, --file ARCHIVE     the archive (- or none: standard input/output)
  -z, --gzip             gzip the archive (read: recognised anyway)
  -C, --directory DIR    work in DIR
  -v, --verbose          name each member (twice as detailed with -t)
  -O, --to-stdout        extract to standard output
      --one-file-system  keep to each FILE's file system: a directory
                         mounted below one is stored empty
      --help             show this help
      --version          show the version
`
