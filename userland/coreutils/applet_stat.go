// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// statDefault is coreutils 9's default stat format; statDefaultDev is
// the one for device files.
const (
	statHead = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
	statTail = "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" +
		"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"
	statDefault    = statHead + "Device: %Hd,%Ld\tInode: %-10i  Links: %h\n" + statTail
	statDefaultDev = statHead + "Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n" + statTail
)

// statFile is what a format directive may look at.
type statFile struct {
	name string
	st   vfs.Statx
	// quoteN quotes %N names; the default format shows them literally.
	quoteN func(string) string
	// sfs is set for stat --file-system (see statfsDirective).
	sfs *vfs.Statfs
}

// statApplet is stat(1); --file-system is statfsOne.
func statApplet(c *cmd) int {
	fs := c.FlagSet()
	deref := fs.BoolP("dereference", "L", false, "follow links")
	format := fs.StringP("format", "c", "", "format, newline added")
	printf := fs.String("printf", "", "format with escapes, no newline")
	terse := fs.BoolP("terse", "t", false, "terse")
	fsys := fs.BoolP("file-system", "f", false, "file system status")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	flags := linux.AT_SYMLINK_NOFOLLOW
	if *deref {
		flags = 0
	}
	status := 0
	for _, name := range ops {
		if *fsys {
			fsFormat, custom, trailer := "", true, ""
			switch {
			case fs.Changed("printf"):
				fsFormat = unescape(*printf)
			case fs.Changed("format"):
				fsFormat, trailer = *format, "\n"
			default:
				custom = false
			}
			if !c.statfsOne(name, fsFormat, trailer, custom, *terse) {
				status = 1
			}
			continue
		}
		st, err := c.Task.Fstatat(applet.AtCWD, name, flags)
		if err != nil {
			c.Errorf("cannot statx %s: %s", c.Quote(name), applet.ErrText(err))
			status = 1
			continue
		}
		f := &statFile{name: name, st: st, quoteN: c.Quote}
		switch {
		case fs.Changed("printf"):
			c.statFormat(f, unescape(*printf))
		case fs.Changed("format"):
			c.statFormat(f, *format)
			c.Out.WriteByte('\n')
		case *terse:
			c.statFormat(f, "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n")
		default:
			f.quoteN = func(s string) string { return s }
			if applet.IsChr(uint32(st.Mode)) || applet.IsBlk(uint32(st.Mode)) {
				c.statFormat(f, statDefaultDev)
			} else {
				c.statFormat(f, statDefault)
			}
		}
	}
	return status
}

// statFormat expands a format: %[flags][width][.precision][H|L]letter.
func (c *cmd) statFormat(f *statFile, format string) {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			c.Out.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ #0'", format[j]) >= 0 {
			j++
		}
		for j < len(format) && (format[j] >= '0' && format[j] <= '9' || format[j] == '.') {
			j++
		}
		if j < len(format) && (format[j] == 'H' || format[j] == 'L') && j+1 < len(format) && strings.IndexByte("dr", format[j+1]) >= 0 {
			j++
		}
		if j >= len(format) {
			c.Out.WriteString(format[i:])
			return
		}
		spec := strings.ReplaceAll(format[i+1:j], "'", "")
		if format[j] == '%' && j == i+1 {
			c.Out.WriteByte('%')
		} else {
			c.statDirective(f, spec, format[j])
		}
		i = j
	}
}

// statDirective prints one directive; spec holds flags, width, precision
// and an H/L modifier.
func (c *cmd) statDirective(f *statFile, spec string, letter byte) {
	mod := byte(0)
	if n := len(spec); n > 0 && (spec[n-1] == 'H' || spec[n-1] == 'L') {
		mod, spec = spec[n-1], spec[:n-1]
	}
	if f.sfs != nil {
		c.statfsDirective(f, spec, mod, letter)
		return
	}
	st := &f.st
	num := func(v uint64) { c.Out.WriteString(fmt.Sprintf("%"+spec+"d", v)) }
	str := func(s string) { c.Out.WriteString(fmt.Sprintf("%"+spec+"s", s)) }
	switch letter {
	case 'n':
		str(f.name)
	case 'N':
		str(c.statQuotedName(f))
	case 'a':
		c.Out.WriteString(fmt.Sprintf("%"+spec+"o", uint32(st.Mode)&applet.ModeBits))
	case 'A':
		str(applet.ModeString(uint32(st.Mode)))
	case 'f':
		c.Out.WriteString(fmt.Sprintf("%"+spec+"x", st.Mode))
	case 'F':
		str(applet.FileTypeName(uint32(st.Mode), st.Size))
	case 's':
		num(uint64(st.Size))
	case 'b':
		num(uint64(st.Blocks))
	case 'B':
		num(512)
	case 'o':
		num(uint64(st.Blksize))
	case 'h':
		num(uint64(st.Nlink))
	case 'i':
		num(st.Ino)
	case 'u':
		num(uint64(st.UID))
	case 'g':
		num(uint64(st.GID))
	case 'U':
		str(userName(st.UID, "UNKNOWN"))
	case 'G':
		str(groupName(st.GID, "UNKNOWN"))
	case 'm':
		str("/")
	default:
		c.statDevOrTime(f, spec, mod, letter)
	}
}

// statDevOrTime handles the device and time directives.
func (c *cmd) statDevOrTime(f *statFile, spec string, mod, letter byte) {
	st := &f.st
	num := func(v uint64) { c.Out.WriteString(fmt.Sprintf("%"+spec+"d", v)) }
	hex := func(v uint64) { c.Out.WriteString(fmt.Sprintf("%"+spec+"x", v)) }
	switch letter {
	case 'd':
		num(pickDev(st.Dev(), st.DevMajor, st.DevMinor, mod))
	case 'D':
		hex(st.Dev())
	case 'r':
		num(pickDev(st.Rdev(), st.RdevMajor, st.RdevMinor, mod))
	case 'R':
		hex(st.Rdev())
	case 't':
		hex(uint64(st.RdevMajor))
	case 'T':
		hex(uint64(st.RdevMinor))
	case 'x', 'y', 'z', 'w':
		c.Out.WriteString(fmt.Sprintf("%"+stripPrecision(spec)+"s", statTime(st, letter)))
	case 'X', 'Y', 'Z', 'W':
		c.Out.WriteString(statEpoch(st, letter, spec))
	default:
		c.Out.WriteString("?")
	}
}

// pickDev chooses the whole number, its major (H) or its minor (L).
func pickDev(dev uint64, major, minor uint32, mod byte) uint64 {
	switch mod {
	case 'H':
		return uint64(major)
	case 'L':
		return uint64(minor)
	}
	return dev
}

func stripPrecision(spec string) string {
	if i := strings.IndexByte(spec, '.'); i >= 0 {
		return spec[:i]
	}
	return spec
}

// statQuotedName is %N: the quoted name, and for a symlink its target.
func (c *cmd) statQuotedName(f *statFile) string {
	s := f.quoteN(f.name)
	if applet.IsLink(uint32(f.st.Mode)) {
		if target, err := c.Task.Readlink(f.name); err == nil {
			s += " -> " + f.quoteN(target)
		}
	}
	return s
}

// statTimespec picks the time a letter names; ok is false for an unknown
// birth time.
func statTimespec(st *vfs.Statx, letter byte) (vfs.Timespec, bool) {
	switch letter {
	case 'x', 'X':
		return st.Atime, true
	case 'y', 'Y':
		return st.Mtime, true
	case 'z', 'Z':
		return st.Ctime, true
	}
	return st.Btime, st.Mask&linux.STATX_BTIME != 0 && (st.Btime.Sec != 0 || st.Btime.Nsec != 0)
}

// statTime is a human-readable time: "2006-01-02 15:04:05.000000000 +0000".
func statTime(st *vfs.Statx, letter byte) string {
	ts, ok := statTimespec(st, letter)
	if !ok {
		return "-"
	}
	return time.Unix(ts.Sec, ts.Nsec).In(time.UTC).Format("2006-01-02 15:04:05.000000000 -0700")
}

// statEpoch is %X and friends: seconds, with a precision that many
// digits of the fraction.
func statEpoch(st *vfs.Statx, letter byte, spec string) string {
	ts, ok := statTimespec(st, letter)
	if !ok {
		ts = vfs.Timespec{}
	}
	s := strconv.FormatInt(ts.Sec, 10)
	if i := strings.IndexByte(spec, '.'); i >= 0 {
		prec, _ := strconv.Atoi(spec[i+1:])
		if prec == 0 && i+1 == len(spec) {
			prec = 9
		}
		if prec > 0 {
			frac := fmt.Sprintf("%09d", ts.Nsec)
			for len(frac) < prec {
				frac += "0"
			}
			s += "." + frac[:prec]
		}
		spec = spec[:i]
	}
	return fmt.Sprintf("%"+spec+"s", s)
}

// userName and groupName are the names of IDs: linuxvfs has no user
// database, so only root has one.
func userName(uid uint32, unknown string) string {
	if uid == 0 {
		return "root"
	}
	if unknown == "" {
		return strconv.FormatUint(uint64(uid), 10)
	}
	return unknown
}

func groupName(gid uint32, unknown string) string { return userName(gid, unknown) }

// unescape interprets stat --printf's backslash escapes.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'e':
			b.WriteByte(0x1b)
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '"', '\\':
			b.WriteByte(s[i])
		case '0', '1', '2', '3', '4', '5', '6', '7':
			i += octalEscape(&b, s[i:]) - 1
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// octalEscape writes the byte of up to three octal digits at the start of
// s and returns how many it used.
func octalEscape(b *strings.Builder, s string) int {
	n, v := 0, 0
	for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
		v = v*8 + int(s[n]-'0')
		n++
	}
	b.WriteByte(byte(v))
	return n
}
