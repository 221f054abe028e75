// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// touchOpts are touch's parsed options; times nil means "now".
// toucher is one touch command: the program and its settings.
type toucher struct {
	*cmd
	*touchOpts
}

// touchOpts are touch's settings.
type touchOpts struct {
	noCreate, noDeref bool
	times             *[2]vfs.Timespec
}

// touchApplet is touch(1).
func touchApplet(cmd *cmd) int {
	c := &toucher{cmd: cmd, touchOpts: &touchOpts{}}
	o := c.touchOpts
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... FILE..."
	fs.About = `Set the access and modification times of each FILE to now (or the
time -d, -t or -r give), making an empty FILE if it does not exist.`
	atime := fs.BoolP("a", "a", false, "set the access time alone")
	mtime := fs.BoolP("m", "m", false, "set the modification time alone")
	fs.BoolVarP(&o.noCreate, "no-create", "c", false, "leave a FILE that does not exist uncreated")
	fs.BoolVarP(&o.noDeref, "no-dereference", "h", false, "change symbolic links themselves")
	date := fs.StringP("date", "d", "", "use the time described by STRING")
	stamp := fs.StringP("t", "t", "", "the time `STAMP`, written [[CC]YY]MMDDhhmm[.ss]")
	ref := fs.StringP("reference", "r", "", "use FILE's times")
	fs.BoolP("f", "f", false, "(ignored, as by coreutils)")
	fs.ArgFunc("time", "", "which time to set: atime (access, use) as -a, or mtime (modify) as -m (`WORD`)", func(v string) error {
		k, ok := c.argmatch("--time", v, [][]string{{"atime", "access", "use"}, {"mtime", "modify"}})
		if !ok {
			return applet.ErrReported
		}
		if k == 0 {
			*atime = true
		} else {
			*mtime = true
		}
		return nil
	})
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	// -t goes with neither -d nor -r; -d with -r is relative to its times.
	if fs.Changed("t") && (fs.Changed("date") || *ref != "") {
		return c.Usage("cannot specify times from more than one source")
	}
	if len(ops) == 0 {
		c.Errorf("missing file operand")
		c.TryHelp()
		return 1
	}
	if !c.times(*date, *stamp, *ref, fs.Changed("date"), fs.Changed("t")) {
		return 1
	}
	omitUnwanted(o, *atime, *mtime)
	status := 0
	for _, name := range ops {
		if !c.one(name) {
			status = 1
		}
	}
	return status
}

// touchTimes works out the times from -d, -t or -r.
func (c *toucher) times(date, stamp, ref string, haveDate, haveStamp bool) bool {
	o := c.touchOpts
	switch {
	case ref != "":
		st, err := c.Task.Stat(ref)
		if err != nil {
			c.Errorf("failed to get attributes of %s: %s", c.Quote(ref), applet.ErrText(err))
			return false
		}
		o.times = &[2]vfs.Timespec{st.Atime, st.Mtime}
		if haveDate {
			for i, base := range o.times {
				ts, ok := parseDate(date, base)
				if !ok {
					c.Errorf("invalid date format %s", c.QuoteArg(date))
					return false
				}
				o.times[i] = ts
			}
		}
	case haveDate:
		ts, ok := parseDate(date, c.Task.Kernel().Now())
		if !ok {
			c.Errorf("invalid date format %s", c.QuoteArg(date))
			return false
		}
		o.times = &[2]vfs.Timespec{ts, ts}
	case haveStamp:
		ts, ok := parseStamp(stamp, c.Task.Kernel().Now())
		if !ok {
			c.Errorf("invalid date format %s", c.QuoteArg(stamp))
			return false
		}
		o.times = &[2]vfs.Timespec{ts, ts}
	}
	return true
}

// omitUnwanted turns -a or -m into UTIME_OMIT for the other time.
func omitUnwanted(o *touchOpts, atime, mtime bool) {
	if atime == mtime {
		return
	}
	if o.times == nil {
		now := vfs.Timespec{Nsec: vfs.UTIME_NOW}
		o.times = &[2]vfs.Timespec{now, now}
	}
	if atime {
		o.times[1] = vfs.Timespec{Nsec: vfs.UTIME_OMIT}
	} else {
		o.times[0] = vfs.Timespec{Nsec: vfs.UTIME_OMIT}
	}
}

// touchOne is coreutils' touch(): open with O_CREAT, set the times on the
// descriptor (or by name when the open failed), and blame the open only
// if it failed for a reason other than the name being a directory.
func (c *toucher) one(name string) bool {
	o := c.touchOpts
	fd, openErr := -1, error(nil)
	if !o.noCreate && !o.noDeref {
		fd, openErr = c.Task.Openat(applet.AtCWD, name, linux.O_WRONLY|linux.O_CREAT|linux.O_NONBLOCK|linux.O_NOCTTY, 0o666)
	}
	var err error
	if fd >= 0 {
		err = c.Task.Utimensat(fd, "", o.times, linux.AT_EMPTY_PATH)
		c.Task.Close(fd)
	} else {
		flags := 0
		if o.noDeref {
			flags = linux.AT_SYMLINK_NOFOLLOW
		}
		err = c.Task.Utimensat(applet.AtCWD, name, o.times, flags)
	}
	if err == nil {
		return true
	}
	if openErr != nil && !errors.Is(openErr, linux.EISDIR) {
		c.Errorf("cannot touch %s: %s", c.Quote(name), applet.ErrText(openErr))
		return false
	}
	if o.noCreate && errors.Is(err, linux.ENOENT) {
		return true
	}
	c.Errorf("setting times of %s: %s", c.Quote(name), applet.ErrText(err))
	return false
}

// parseEpoch reads SECONDS[.FRAC].
func parseEpoch(s string) (vfs.Timespec, bool) {
	secStr, frac, _ := strings.Cut(s, ".")
	sec, err := strconv.ParseInt(secStr, 10, 64)
	if err != nil {
		return vfs.Timespec{}, false
	}
	var nsec int64
	if frac != "" {
		frac = (frac + "000000000")[:9]
		if nsec, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return vfs.Timespec{}, false
		}
	}
	return vfs.Timespec{Sec: sec, Nsec: nsec}, true
}

// parseStamp reads -t's [[CC]YY]MMDDhhmm[.ss].
func parseStamp(s string, now vfs.Timespec) (vfs.Timespec, bool) {
	main, secs, hasSecs := strings.Cut(s, ".")
	if hasSecs && len(secs) != 2 {
		return vfs.Timespec{}, false
	}
	year := now.Time().UTC().Year()
	switch len(main) {
	case 8:
	case 10:
		yy, _ := strconv.Atoi(main[:2])
		year = 1900 + yy
		if yy < 69 {
			year = 2000 + yy
		}
		main = main[2:]
	case 12:
		year, _ = strconv.Atoi(main[:4])
		main = main[4:]
	default:
		return vfs.Timespec{}, false
	}
	if secs == "" {
		secs = "00"
	}
	t, err := time.ParseInLocation("2006 01021504 05", strconv.Itoa(year)+" "+main+" "+secs, time.UTC)
	if err != nil {
		return vfs.Timespec{}, false
	}
	return vfs.TimespecOf(t), true
}

// truncateApplet is truncate(1): -s [<>/%+-]SIZE, -r RFILE (its size, or
// the base of a relative -s), -o (SIZE in the file's I/O blocks) and -c.
func truncateApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "OPTION... FILE..."
	fs.About = `Set the size of each FILE with -s SIZE: an exact size, or +, -, <, >,
/ or % followed by a size; or to RFILE's size; created unless -c.`
	size := fs.StringP("size", "s", "", "the new size, or with a +-<>/% prefix a change (`SIZE`)")
	ref := fs.StringP("reference", "r", "", "base the size on RFILE's (`RFILE`)")
	blocks := fs.BoolP("io-blocks", "o", false, "SIZE counts each FILE's I/O blocks, not bytes")
	noCreate := fs.BoolP("no-create", "c", false, "leave a FILE that does not exist uncreated")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	t := truncation{base: -1, blocks: *blocks, noCreate: *noCreate}
	gotSize, gotRef := fs.Changed("size"), fs.Changed("reference")
	if gotSize {
		if t.rel, t.n, ok = c.truncateSize(*size); !ok {
			return 1
		}
	}
	switch {
	case !gotSize && !gotRef:
		return c.Usage("you must specify either %s or %s", c.Quote("--size"), c.Quote("--reference"))
	case gotRef && gotSize && t.rel == 0:
		return c.Usage("you must specify a relative %s with %s", c.Quote("--size"), c.Quote("--reference"))
	case t.blocks && !gotSize:
		return c.Usage("%s was specified but %s was not", c.Quote("--io-blocks"), c.Quote("--size"))
	case len(ops) == 0:
		return c.missingFileOperand()
	}
	if gotRef {
		rsize, ok := c.referenceSize(*ref)
		if !ok {
			return 1
		}
		if gotSize {
			t.base = rsize
		} else {
			t.n = rsize
		}
	}
	status := 0
	for _, name := range ops {
		if !c.truncateOne(name, t) {
			status = 1
		}
	}
	return status
}

// truncation is what truncate does to each file: n bytes (I/O blocks
// with blocks), or n relative to the file's size (to base instead, when
// -r gave one) as rel says.
type truncation struct {
	n, base          int64
	rel              byte
	blocks, noCreate bool
}

// referenceSize is -r's size: st_size, or for a file without a usable
// one, where lseek finds its end.
func (c *cmd) referenceSize(name string) (int64, bool) {
	st, err := c.Task.Stat(name)
	if err != nil {
		c.Errorf("cannot stat %s: %s", c.Quote(name), applet.ErrText(err))
		return 0, false
	}
	if applet.IsReg(uint32(st.Mode)) {
		return st.Size, true
	}
	fd, err := c.Task.Openat(applet.AtCWD, name, linux.O_RDONLY, 0)
	var end int64
	if err == nil {
		end, err = c.Task.Lseek(fd, 0, linux.SEEK_END)
		c.Task.Close(fd)
	}
	if err != nil {
		c.Errorf("cannot get the size of %s: %s", c.Quote(name), applet.ErrText(err))
		return 0, false
	}
	return end, true
}

func (c *cmd) truncateOne(name string, t truncation) bool {
	flags := uint32(linux.O_WRONLY | linux.O_CREAT | linux.O_NONBLOCK)
	if t.noCreate {
		flags = linux.O_WRONLY | linux.O_NONBLOCK
	}
	fd, err := c.Task.Openat(applet.AtCWD, name, flags, 0o666)
	if err != nil {
		if t.noCreate && errors.Is(err, linux.ENOENT) {
			return true
		}
		c.Errorf("cannot open %s for writing: %s", c.Quote(name), applet.ErrText(err))
		return false
	}
	defer c.Task.Close(fd)
	n, rel := t.n, t.rel
	var st vfs.Statx
	if t.blocks || (rel != 0 && t.base < 0) {
		if st, err = c.Task.Fstat(fd); err != nil {
			c.Errorf("cannot fstat %s: %s", c.Quote(name), applet.ErrText(err))
			return false
		}
	}
	if t.blocks {
		bs := int64(st.Blksize)
		if n != 0 && (n > math.MaxInt64/bs || n < math.MinInt64/bs) {
			c.Errorf("overflow in %d * %d byte blocks for file %s", n, bs, c.Quote(name))
			return false
		}
		n *= bs
	}
	if rel != 0 {
		fsize := t.base
		if fsize < 0 {
			fsize = st.Size
			if !applet.IsReg(uint32(st.Mode)) {
				if fsize, err = c.Task.Lseek(fd, 0, linux.SEEK_END); err != nil {
					c.Errorf("cannot get the size of %s: %s", c.Quote(name), applet.ErrText(err))
					return false
				}
			}
		}
		switch rel {
		case '<':
			n = min(fsize, n)
		case '>':
			n = max(fsize, n)
		case '/':
			n = fsize / n * n
		case '%':
			if r := fsize % n; r != 0 {
				n -= r
			} else {
				n = 0
			}
			fallthrough
		default:
			if n > math.MaxInt64-fsize {
				c.Errorf("overflow extending size of file %s", c.Quote(name))
				return false
			}
			n = fsize + n
		}
	}
	n = max(n, 0)
	if err := c.Task.Ftruncate(fd, n); err != nil {
		c.Errorf("failed to truncate %s at %d bytes: %s", c.Quote(name), n, applet.ErrText(err))
		return false
	}
	return true
}

// truncateSyntax is -s's number: decimal, K M G T P E Z Y (k m g t too)
// in powers of 1024, with B or D in powers of 1000.
var truncateSyntax = size.Syntax{Units: "EgGkKmMPtTYZ", Decimal: true}

// truncateSize parses truncate's -s: an optional '<', '>', '/' or '%'
// (at most, at least, round down, round up to a multiple), or '+' or '-'
// (extend, reduce), then a size (xdectoimax with "EgGkKmMPtTYZ0").
func (c *cmd) truncateSize(s string) (byte, int64, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	rel := byte(0)
	if s != "" && strings.IndexByte("<>/%", s[0]) >= 0 {
		rel, s = s[0], s[1:]
	}
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if rel != 0 {
			c.Errorf("multiple relative modifiers specified")
			c.TryHelp()
			return 0, 0, false
		}
		rel = '+'
	}
	n, problem := truncateSyntax.ParseSigned(s)
	switch {
	case problem == size.TooBig:
		c.Errorf("Invalid number: %s: %s", c.QuoteArg(s), linux.EOVERFLOW)
		return 0, 0, false
	case problem != 0:
		c.Errorf("Invalid number: %s", c.QuoteArg(s))
		return 0, 0, false
	case (rel == '/' || rel == '%') && n == 0:
		c.Errorf("division by zero")
		return 0, 0, false
	}
	return rel, n, true
}
