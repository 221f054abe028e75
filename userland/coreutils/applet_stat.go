// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// stat(1). This file reads the command line and prints a file's
// directives; stat_format.go walks a FORMAT, stat_time.go prints times,
// stat_mount.go finds %m, stat_fs.go is --file-system.

// statDefault is coreutils 9's default stat format; statDefaultDev is
// the one for device files.
const (
	statHead = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
	statTail = "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" +
		"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"
	statDefault    = statHead + "Device: %Hd,%Ld\tInode: %-10i  Links: %h\n" + statTail
	statDefaultDev = statHead + "Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n" + statTail
	statTerse      = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n"
)

// statFile is what a format directive may look at.
type statFile struct {
	name string
	st   vfs.Statx
	// quoteN quotes %N names: literally in the default format, else in
	// QUOTING_STYLE's style (shell-escape-always without one).
	quoteN func(string) string
	// sfs is set for stat --file-system.
	sfs *vfs.Statfs
}

// statRun is one stat command: the program and its settings.
type statRun struct {
	*cmd
	follow, fs, terse bool
	format            string // "" for the default one
	escapes           bool   // --printf's backslash escapes
	trailer           string // -c's newline
	quoteN            func(string) string
}

// statCachedWords are --cached's modes; none changes anything here.
var statCachedWords = [][]string{{"default"}, {"never"}, {"always"}}

// statApplet is stat(1).
func statApplet(cmd *cmd) int {
	c := &statRun{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... FILE..."
	fs.About = `Show the status of each FILE, or with -f of the file system holding it.
In a FORMAT, %[flags][width][.precision]LETTER prints, printf-style:
  for files: a/A the mode in octal/as text, b/B blocks and their size,
  C the SELinux context, d/D the device (Hd/Ld: major/minor), f the raw
  mode in hex, F the type, g/G the group, h links, i the inode, m the
  mount point, n/N the name (N quoted, with a link's target), o the I/O
  size hint, r/R the device type (Hr/Lr, t/T in hex), s the size, u/U
  the owner, w/x/y/z the birth/access/modify/change time and W/X/Y/Z
  the same in seconds since the Epoch;
  with -f: a/b/f available/total/free blocks, c/d total/free inodes,
  i the ID, l the longest name, n the name, s/S block sizes, t/T type.`
	fs.BoolVarP(&c.follow, "dereference", "L", false, "follow symbolic links")
	fs.BoolVarP(&c.fs, "file-system", "f", false, "show the file system's status instead")
	fs.ArgFunc("cached", "", "`MODE` (always, never, default) of using cached attributes", func(v string) error {
		if _, ok := c.argmatch("--cached", v, statCachedWords); !ok {
			return applet.ErrReported
		}
		return nil
	})
	fs.ArgFunc("format", "c", "print `FORMAT` and a newline for each FILE", func(v string) error {
		c.format, c.escapes, c.trailer = v, false, "\n"
		return nil
	})
	fs.ArgFunc("printf", "", "print `FORMAT` with backslash escapes and no newline added", func(v string) error {
		c.format, c.escapes, c.trailer = v, true, ""
		return nil
	})
	fs.BoolVarP(&c.terse, "terse", "t", false, "print the terse form")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	c.quoteN = func(s string) string { return s }
	if strings.Contains(c.format, "%N") {
		c.quoteN = c.quotingStyle()
	}
	status := 0
	for _, name := range ops {
		var good bool
		var err error
		if c.fs {
			good, err = c.fsOne(name)
		} else {
			good, err = c.one(name)
		}
		if err != nil {
			return 1
		}
		if !good {
			status = 1
		}
	}
	return status
}

// statQuotingStyle is how a FORMAT's %N quotes: as QUOTING_STYLE says
// (any unambiguous abbreviation), else shell-escape-always.
func (c *statRun) quotingStyle() func(string) string {
	style := qsShellEscapeAlways
	if c.EnvSet("QUOTING_STYLE") {
		v := c.Getenv("QUOTING_STYLE")
		if k, res := matchWord(v, qsWords); res == matchOK {
			style = k
		} else {
			c.Errorf("ignoring invalid value of environment variable QUOTING_STYLE: %s", c.QuoteArg(v))
		}
	}
	if style == qsShellEscapeAlways {
		return c.Quote // the locale's form of it
	}
	q := lsQuoter{style: style}
	return func(s string) string {
		shown, _ := q.quote(s)
		return shown
	}
}

// statOne prints one file's status; a false good is a failure, an error
// ends stat.
func (c *statRun) one(name string) (good bool, err error) {
	flags := linux.AT_SYMLINK_NOFOLLOW
	if c.follow {
		flags = 0
	}
	var st vfs.Statx
	var serr error
	if name == "-" {
		// coreutils 9 takes "-" for standard input: fstat of descriptor 0.
		if st, serr = c.Task.Fstat(0); serr != nil {
			c.Errorf("cannot stat standard input: %s", applet.ErrText(serr))
			return false, nil
		}
	} else if st, serr = c.Task.Fstatat(applet.AtCWD, name, flags); serr != nil {
		c.Errorf("cannot statx %s: %s", c.Quote(name), applet.ErrText(serr))
		return false, nil
	}
	f := &statFile{name: name, st: st, quoteN: c.quoteN}
	format := c.format
	switch {
	case format != "":
	case c.terse:
		format = statTerse
	case applet.IsChr(uint32(st.Mode)) || applet.IsBlk(uint32(st.Mode)):
		format = statDefaultDev
	default:
		format = statDefault
	}
	failed, err := c.formatRun(format, c.escapes, false, func(sp statSpec, mod, letter byte) bool {
		return c.directive(f, sp, mod, letter)
	})
	if err != nil {
		return false, err
	}
	c.Out.WriteString(c.trailer)
	return !failed, nil
}

// statDirective prints one directive about a file; true if it failed.
func (c *statRun) directive(f *statFile, sp statSpec, mod, letter byte) bool {
	st := &f.st
	switch letter {
	case 'n':
		c.str(sp, f.name)
	case 'N':
		return c.quotedName(f, sp)
	case 'a':
		c.oct(sp, uint64(st.Mode)&applet.ModeBits)
	case 'A':
		c.str(sp, applet.ModeString(uint32(st.Mode)))
	case 'f':
		c.hex(sp, uint64(st.Mode))
	case 'F':
		c.str(sp, applet.FileTypeName(uint32(st.Mode), st.Size))
	case 's':
		c.num(sp, st.Size)
	case 'b':
		c.unum(sp, uint64(st.Blocks))
	case 'B':
		c.unum(sp, 512)
	case 'o':
		c.unum(sp, uint64(st.Blksize))
	case 'h':
		c.unum(sp, uint64(st.Nlink))
	case 'i':
		c.unum(sp, st.Ino)
	case 'u':
		c.unum(sp, uint64(st.UID))
	case 'g':
		c.unum(sp, uint64(st.GID))
	case 'U':
		c.str(sp, userName(c.Task, st.UID, "UNKNOWN"))
	case 'G':
		c.str(sp, groupName(c.Task, st.GID, "UNKNOWN"))
	case 'm':
		return c.mountPoint(f, sp)
	case 'C':
		c.Errorf("failed to get security context of %s: %s", c.Quote(f.name), linux.ENODATA.Error())
		c.str(sp, "?")
		return true
	default:
		c.devOrTime(f, sp, mod, letter)
	}
	return false
}

// statDevOrTime prints the device and time directives.
func (c *statRun) devOrTime(f *statFile, sp statSpec, mod, letter byte) {
	st := &f.st
	switch letter {
	case 'd':
		c.unum(sp, pickDev(st.Dev(), st.DevMajor, st.DevMinor, mod))
	case 'D':
		c.hex(sp, st.Dev())
	case 'r':
		c.unum(sp, pickDev(st.Rdev(), st.RdevMajor, st.RdevMinor, mod))
	case 'R':
		c.hex(sp, st.Rdev())
	case 't':
		c.hex(sp, uint64(st.RdevMajor))
	case 'T':
		c.hex(sp, uint64(st.RdevMinor))
	case 'x', 'y', 'z', 'w':
		c.str(sp, statTime(st, letter))
	case 'X', 'Y', 'Z', 'W':
		c.epoch(sp, st, letter)
	default:
		c.Out.WriteByte('?')
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

// statQuotedName is %N: the quoted name and, for a symlink, " -> " and
// its quoted target, each padded on its own.
func (c *statRun) quotedName(f *statFile, sp statSpec) bool {
	c.str(sp, f.quoteN(f.name))
	if !applet.IsLink(uint32(f.st.Mode)) {
		return false
	}
	target, err := c.Task.Readlink(f.name)
	if err != nil {
		c.Errorf("cannot read symbolic link %s: %s", c.Quote(f.name), applet.ErrText(err))
		return true
	}
	c.Out.WriteString(" -> ")
	c.str(sp, f.quoteN(target))
	return false
}

// userName and groupName are the names of IDs in the task's user
// database (applet.UserByID); an ID without one is unknown, or its number
// when unknown is "".
func userName(t *vfs.Task, uid uint32, unknown string) string {
	return idName(applet.UserName(t, uid), uid, unknown)
}

func groupName(t *vfs.Task, gid uint32, unknown string) string {
	return idName(applet.GroupName(t, gid), gid, unknown)
}

func idName(name string, id uint32, unknown string) string {
	switch {
	case name != "":
		return name
	case unknown == "":
		return strconv.FormatUint(uint64(id), 10)
	}
	return unknown
}

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
