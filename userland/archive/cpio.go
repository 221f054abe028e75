// SPDX-License-Identifier: Apache-2.0

package archive

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// cpio(1) as GNU cpio 2.13 does its common work in newc and crc
// formats: -o archives the names read from standard input (written by
// boot/initramfs' newc writer), -i extracts and -t lists an archive read
// from standard input. Other formats are not here.

type cpioRun struct {
	c                      *cmd
	mode                   byte // 'o', 'i' or 't'
	format                 string
	makeDirs, keepTimes    bool
	unconditional, verbose bool
	patterns               []string
	failed, fatal          bool
	bytes                  int64
}

func cpioApplet(c *cmd) int {
	r := &cpioRun{c: c}
	c.UsageStatus, c.TryFormat = argpUsage, applet.ArgpTry
	fs := c.FlagSet()
	fs.Synopsis = "-o|-i|-t [OPTION]... [PATTERN]..."
	fs.About = "Copy files into an archive (-o, names from standard input) or out of one\n(-i, -t, the archive on standard input)."
	setMode := func(m byte) func() { return func() { r.mode = m } }
	fs.Func("create", "o", "write an archive of the names read", setMode('o'))
	fs.Func("extract", "i", "take files out of an archive", setMode('i'))
	fs.Func("list", "t", "list an archive's members", func() {
		if r.mode == 0 {
			r.mode = 't'
		}
		if r.mode == 'i' {
			r.mode = 't'
		}
	})
	fs.StringVarP(&r.format, "format", "H", "", "archive `FORMAT`: newc or crc")
	fs.BoolVarP(&r.makeDirs, "make-directories", "d", false, "create leading directories")
	fs.BoolVarP(&r.keepTimes, "preserve-modification-time", "m", false, "keep the members' times")
	fs.BoolVarP(&r.unconditional, "unconditional", "u", false, "replace files even when not older")
	fs.BoolVarP(&r.verbose, "verbose", "v", false, "name the files (a long list with -t)")
	patterns, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	r.patterns = patterns
	switch r.format {
	case "", "newc", "NEWC", "crc", "CRC":
	default:
		c.Errorf("invalid archive format `%s'; valid formats are:\ncrc newc odc bin ustar tar (all-caps also recognized)", r.format)
		c.TryHelp()
		return 2
	}
	switch r.mode {
	case 'o':
		r.create()
	case 'i', 't':
		r.extract()
	default:
		c.Errorf("You must specify one of -oipt options.")
		c.TryHelp()
		return 2
	}
	if !r.fatal {
		r.reportBlocks()
	}
	if r.failed {
		return 2
	}
	return 0
}

func (r *cpioRun) errorf(format string, a ...any) {
	r.c.Errorf(format, a...)
	r.failed = true
}

// reportBlocks is cpio's closing word: the archive's size in 512-byte
// blocks, on standard error before what stdio still holds of standard
// output (a listing) is flushed at exit.
func (r *cpioRun) reportBlocks() {
	n := (r.bytes + 511) / 512
	if n == 1 {
		fmt.Fprintln(r.c.Errw, "1 block")
	} else {
		fmt.Fprintf(r.c.Errw, "%d blocks\n", n)
	}
}

// create is -o: an entry per name on standard input, the archive padded
// to a whole block.
func (r *cpioRun) create() {
	c := r.c
	counted := &countWriter{w: c.Out}
	w := initramfs.NewWriter(counted, strings.EqualFold(r.format, "crc"))
	sc := bufio.NewScanner(c.Stdin)
	for sc.Scan() {
		name := sc.Text()
		if name == "" {
			continue
		}
		e, ok := r.entry(name)
		if !ok {
			continue
		}
		if r.verbose {
			c.Out.Flush()
			fmt.Fprintln(c.Errw, name)
		}
		w.WriteEntry(e)
	}
	w.Close()
	if pad := (512 - counted.n%512) % 512; pad > 0 {
		counted.Write(make([]byte, pad))
	}
	r.bytes = counted.n
}

// entry describes one file for the archive.
func (r *cpioRun) entry(name string) (initramfs.Entry, bool) {
	t := r.c.Task
	st, err := t.Lstat(name)
	if err != nil {
		r.errorf("%s: Cannot stat: %s", name, applet.ErrText(err))
		return initramfs.Entry{}, false
	}
	e := initramfs.Entry{Name: name, Mode: uint32(st.Mode), UID: st.UID, GID: st.GID, Nlink: st.Nlink,
		Mtime: st.Mtime.Sec, Ino: uint32(st.Ino), Major: st.DevMajor, Minor: st.DevMinor,
		RdevMajor: st.RdevMajor, RdevMinor: st.RdevMinor}
	switch mode := uint32(st.Mode); {
	case applet.IsLink(mode):
		target, _ := t.Readlink(name)
		e.Data = []byte(target)
	case applet.IsReg(mode):
		data, err := r.c.ReadNamed(name)
		if err != nil {
			r.errorf("%s: Cannot open: %s", name, applet.ErrText(err))
			return initramfs.Entry{}, false
		}
		e.Data = data
	}
	return e, true
}

// cpioHeader is one newc header's fields.
type cpioHeader struct {
	name                 string
	ino, mode, uid, gid  uint32
	nlink, mtime         uint32
	rdevMajor, rdevMinor uint32
	data                 []byte
}

// next reads the next member; io.EOF after the trailer.
func (r *cpioRun) next(in *bufio.Reader) (*cpioHeader, error) {
	raw := make([]byte, 110)
	if _, err := io.ReadFull(in, raw); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	magic := string(raw[:6])
	if magic != "070701" && magic != "070702" {
		return nil, errors.New("bad magic")
	}
	field := func(i int) uint32 {
		n, _ := strconv.ParseUint(string(raw[6+8*i:14+8*i]), 16, 32)
		return uint32(n)
	}
	h := &cpioHeader{ino: field(0), mode: field(1), uid: field(2), gid: field(3), nlink: field(4),
		mtime: field(5), rdevMajor: field(9), rdevMinor: field(10)}
	size, nameLen := int(field(6)), int(field(11))
	r.bytes += 110
	name := make([]byte, align4(110+nameLen)-110)
	if _, err := io.ReadFull(in, name); err != nil || nameLen == 0 {
		return nil, io.ErrUnexpectedEOF
	}
	r.bytes += int64(len(name))
	h.name = string(bytes.TrimRight(name[:nameLen], "\x00"))
	h.data = make([]byte, align4(size))
	if _, err := io.ReadFull(in, h.data); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	r.bytes += int64(len(h.data))
	h.data = h.data[:size]
	if h.name == "TRAILER!!!" {
		return nil, io.EOF
	}
	return h, nil
}

func align4(n int) int { return (n + 3) &^ 3 }

// extract is -i and -t over the archive on standard input.
func (r *cpioRun) extract() {
	in := bufio.NewReader(r.c.Stdin)
	for {
		h, err := r.next(in)
		if err == io.EOF {
			// What follows the trailer up to a block's end is padding.
			r.bytes = (r.bytes + 511) / 512 * 512
			return
		}
		if err != nil {
			// Fatal: cpio exits at once, without its block count.
			r.errorf("premature end of archive")
			r.fatal = true
			return
		}
		if !r.selected(h.name) {
			continue
		}
		if r.mode == 't' {
			r.list(h)
			continue
		}
		if r.verbose {
			r.c.Out.Flush()
			fmt.Fprintln(r.c.Errw, h.name)
		}
		r.write(h)
	}
}

// selected is whether a member matches the patterns (all without any).
func (r *cpioRun) selected(name string) bool {
	if len(r.patterns) == 0 {
		return true
	}
	for _, p := range r.patterns {
		if ok, _ := pathMatch(p, name); ok {
			return true
		}
	}
	return false
}

// list is -t: the name, or with -v a line like ls -l's.
func (r *cpioRun) list(h *cpioHeader) {
	out := r.c.Out
	if !r.verbose {
		out.WriteString(h.name + "\n")
		return
	}
	t := r.c.Task
	when := time.Unix(int64(h.mtime), 0).UTC()
	stamp := when.Format("Jan _2  2006")
	if now := time.Unix(t.Kernel().Now().Sec, 0); now.Sub(when) < 182*24*time.Hour && when.Before(now.Add(time.Hour)) {
		stamp = when.Format("Jan _2 15:04")
	}
	size := strconv.Itoa(len(h.data))
	if applet.IsChr(h.mode) || applet.IsBlk(h.mode) {
		size = fmt.Sprintf("%d, %d", h.rdevMajor, h.rdevMinor)
	}
	line := fmt.Sprintf("%s %3d %-8s %-8s %8s %s %s", applet.ModeString(h.mode), h.nlink,
		applet.UserName(t, h.uid), applet.GroupName(t, h.gid), size, stamp, h.name)
	if applet.IsLink(h.mode) {
		line += " -> " + string(h.data)
	}
	out.WriteString(line + "\n")
}

// write creates one member, unless a file as new is in its way (-u
// replaces it anyway).
func (r *cpioRun) write(h *cpioHeader) {
	t := r.c.Task
	name := h.name
	if r.makeDirs {
		for i := 1; i < len(name); i++ {
			if name[i] == '/' {
				t.Mkdir(name[:i], 0o755)
			}
		}
	}
	if st, err := t.Lstat(name); err == nil {
		if applet.IsDir(uint32(st.Mode)) && applet.IsDir(h.mode) {
			r.finish(h)
			return
		}
		if !r.unconditional && st.Mtime.Sec >= int64(h.mtime) {
			r.c.Errorf("%s not created: newer or same age version exists", name)
			return
		}
		t.Unlink(name)
	}
	var err error
	switch perm := h.mode & 0o7777; {
	case applet.IsDir(h.mode):
		err = t.Mkdir(name, perm)
	case applet.IsLink(h.mode):
		err = t.Symlink(string(h.data), name)
	case applet.IsReg(h.mode):
		err = r.writeData(name, perm, h.data)
	default:
		err = t.Mknodat(linux.AT_FDCWD, name, h.mode, linux.Mkdev(h.rdevMajor, h.rdevMinor))
	}
	if err != nil {
		r.errorf("%s: Cannot open: %s", name, applet.ErrText(err))
		return
	}
	r.finish(h)
}

// finish gives a member its owner (as root), mode and, with -m, time.
func (r *cpioRun) finish(h *cpioHeader) {
	t := r.c.Task
	if t.Cred().EUID == 0 {
		t.Lchown(h.name, h.uid, h.gid)
	}
	if !applet.IsLink(h.mode) {
		t.Chmod(h.name, h.mode&0o7777)
	}
	// A symbolic link keeps the time of its making: cpio sets times
	// with utime, which would follow it.
	if r.keepTimes && !applet.IsLink(h.mode) {
		ts := vfs.Timespec{Sec: int64(h.mtime)}
		times := [2]vfs.Timespec{ts, ts}
		t.Utimensat(linux.AT_FDCWD, h.name, &times, 0)
	}
}

func (r *cpioRun) writeData(name string, perm uint32, data []byte) error {
	f, err := applet.OpenFile(r.c.Task, name, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// pathMatch is the patterns' matching: shell wildcards (where, unlike
// GNU cpio's fnmatch, '*' stops at a '/').
func pathMatch(pattern, name string) (bool, error) { return path.Match(pattern, name) }
