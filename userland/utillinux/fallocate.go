// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// fallocateRun is one fallocate(1) command: the operation its options
// chose and the range it acts on.
type fallocateRun struct {
	*cmd
	mode           uint32 // FALLOC_FL_* bits
	dig, posix     bool
	verbose        bool
	offset, length int64
	haveLength     bool
}

// fallocateApplet is util-linux's fallocate(1): preallocate a range of a
// file (created if need be), or with a mode flag punch, zero, collapse or
// insert one, or dig holes where the data is all zeros.
func fallocateApplet(cmd *cmd) int {
	c := &fallocateRun{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[options] <filename>"
	fs.About = "Reserve disk blocks for part of a file, or free, zero, cut out or open up\na range of it (the file is created if it does not exist)."
	fs.ShortHelp = true
	mode := func(bit uint32) func() { return func() { c.mode |= bit } }
	fs.Func("collapse-range", "c", "cut the range out; later data moves down", mode(linux.FALLOC_FL_COLLAPSE_RANGE))
	fs.BoolVarP(&c.dig, "dig-holes", "d", false, "turn blocks that hold only zero bytes into holes")
	fs.Func("insert-range", "i", "open a hole at the range; later data moves up", mode(linux.FALLOC_FL_INSERT_RANGE))
	lengthArg := fs.StringP("length", "l", "", "the range spans `SIZE` bytes (K, M, G... allowed)")
	fs.Func("keep-size", "n", "leave the file's size as it is", mode(linux.FALLOC_FL_KEEP_SIZE))
	offsetArg := fs.StringP("offset", "o", "", "the range starts at byte `SIZE` (suffixes as -l)")
	fs.Func("punch-hole", "p", "free the range's blocks, leaving a hole (and -n)", mode(linux.FALLOC_FL_PUNCH_HOLE|linux.FALLOC_FL_KEEP_SIZE))
	fs.Func("zero-range", "z", "make the range read as zeros, blocks allocated", mode(linux.FALLOC_FL_ZERO_RANGE))
	fs.BoolVarP(&c.posix, "posix", "x", false, "reserve with posix_fallocate(3), not fallocate(2)")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "report the bytes each action changed")
	fs.Exclusive("collapse-range", "dig-holes", "punch-hole", "zero-range")
	ops, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	if !c.ranges(fs.Changed("length"), *lengthArg, fs.Changed("offset"), *offsetArg) {
		return 1
	}
	if len(ops) == 0 {
		c.warnf("no filename specified")
		return 1
	}
	if len(ops) > 1 {
		c.warnf("unexpected number of arguments")
		return 1
	}
	if !c.haveLength && !c.dig {
		c.warnf("no length argument specified")
		return 1
	}
	return c.run(ops[0])
}

// ranges reads -l and -o as util-linux's cvtnum does (sizes with units).
func (c *fallocateRun) ranges(haveLength bool, length string, haveOffset bool, offset string) bool {
	if haveLength {
		n, err := parseSizeArg(length)
		if err != nil || n == 0 || n > 1<<63-1 {
			c.warnf("invalid length value specified")
			return false
		}
		c.length, c.haveLength = int64(n), true
	}
	if haveOffset {
		n, err := parseSizeArg(offset)
		if err != nil || n > 1<<63-1 {
			c.warnf("invalid offset value specified")
			return false
		}
		c.offset = int64(n)
	}
	return true
}

// run opens the file (creating it only for a plain preallocation) and
// does the operation.
func (c *fallocateRun) run(name string) int {
	flags := uint32(linux.O_RDWR)
	if !c.dig && c.mode == 0 {
		flags |= linux.O_CREAT
	}
	fd, err := c.Task.Openat(applet.AtCWD, name, flags, 0o644)
	if err != nil {
		c.warnf("cannot open %s: %s", name, applet.ErrText(err))
		return 1
	}
	defer c.Task.Close(fd)
	if c.dig {
		return c.digHoles(fd, name)
	}
	if err := c.Task.Fallocate(fd, c.mode, c.offset, c.length); err != nil {
		c.warnf("fallocate failed: %s", applet.ErrText(err))
		return 1
	}
	if c.verbose {
		c.report(name, c.length, c.doneWhat())
	}
	return 0
}

// doneWhat is the verb of -v's line for the operation done.
func (c *fallocateRun) doneWhat() string {
	switch {
	case c.mode&linux.FALLOC_FL_PUNCH_HOLE != 0:
		return "hole created"
	case c.mode&linux.FALLOC_FL_COLLAPSE_RANGE != 0:
		return "removed"
	case c.mode&linux.FALLOC_FL_INSERT_RANGE != 0:
		return "inserted"
	case c.mode&linux.FALLOC_FL_ZERO_RANGE != 0:
		return "zeroed"
	}
	return "allocated"
}

// report is -v's "NAME: 4 KiB (4096 bytes) WHAT." line.
func (c *fallocateRun) report(name string, n int64, what string) {
	c.Out.WriteString(name + ": " + humanIEC(uint64(n)) + " (" + strconv.FormatInt(n, 10) + " bytes) " + what + ".\n")
}

// digHoles punches out the blocks of the data regions (SEEK_DATA) that
// hold only zeros, as dig_holes does block by block (st_blksize).
func (c *fallocateRun) digHoles(fd int, name string) int {
	t := c.Task
	st, err := t.Fstat(fd)
	if err != nil {
		c.warnf("stat of %s failed: %s", name, applet.ErrText(err))
		return 1
	}
	end := int64(st.Size)
	if c.haveLength && c.offset+c.length < end {
		end = c.offset + c.length
	}
	block := int64(4096)
	buf := make([]byte, block)
	var dug int64
	for pos := c.offset; pos < end; {
		data, err := t.Lseek(fd, pos, linux.SEEK_DATA)
		if err != nil {
			break // ENXIO: the rest is a hole
		}
		hole, err := t.Lseek(fd, data, linux.SEEK_HOLE)
		if err != nil || hole > end {
			hole = end
		}
		for off := data; off < hole; off += block {
			n := min(block, hole-off)
			got, err := t.Pread(fd, buf[:n], off)
			if err != nil || int64(got) != n || bytes.IndexFunc(buf[:n], func(r rune) bool { return r != 0 }) >= 0 {
				continue
			}
			// A last partial block is punched whole: past the end of the
			// file it holds zeros too, and only a whole page frees.
			if t.Fallocate(fd, linux.FALLOC_FL_PUNCH_HOLE|linux.FALLOC_FL_KEEP_SIZE, off, block) == nil {
				dug += n
			}
		}
		pos = hole
	}
	if c.verbose {
		c.report(name, dug, "converted to sparse holes")
	}
	return 0
}

// humanIEC is size_to_human_string with a space and three-letter
// suffixes: "512 B", "9.8 KiB".
func humanIEC(n uint64) string {
	s := size.UtilLinux.Format(n)
	if last := s[len(s)-1]; strings.IndexByte("KMGTPEZY", last) >= 0 {
		return s[:len(s)-1] + " " + string(last) + "iB"
	}
	return strings.TrimSuffix(s, "B") + " B"
}
