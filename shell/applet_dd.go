// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

const ddHelp = `[OPERAND]...
Copy a file (standard input and output by default) block by block,
converting it on the way as the operands ask.

  if=FILE       read FILE instead of standard input
  of=FILE       write FILE instead of standard output (created mode 0666
                less the umask, truncated unless seek= or conv=notrunc)
  bs=N          read and write N bytes at a time (512)
  ibs=N, obs=N  read ibs bytes, write obs bytes at a time
  cbs=N         record size for conv=block and conv=unblock
  count=N       copy N input blocks (bytes with iflag=count_bytes or a B)
  skip=N        skip N input blocks first (iseek=N the same)
  seek=N        skip N output blocks first (oseek=N the same)
  conv=LIST     block, unblock, lcase, ucase, swab, sync (pad blocks with
                NULs), sparse, noerror, notrunc, excl, nocreat, fsync,
                fdatasync
  iflag=LIST, oflag=LIST
                append, fullblock (iflag), count_bytes, skip_bytes,
                seek_bytes, directory, dsync, sync, noatime, noctty,
                nofollow, nonblock, direct, nocache
  status=LEVEL  none (no summary), noxfer (records only), progress
      --help    show this help
      --version show the version

N may end in c (1), w (2), b (512), K (1024), kB (1000), M, MB, G, GB,
T, P, E, Z, Y and iB forms (KiB...), or be a product like 2x512. The
summary on standard error gives whole+partial records in and out and
the bytes copied.
`

// Conversion bits (conv=).
const (
	ddBlock = 1 << iota
	ddUnblock
	ddLcase
	ddUcase
	ddSwab
	ddSync
	ddSparse
	ddNoerror
	ddNotrunc
	ddExcl
	ddNocreat
	ddFsync
	ddFdatasync
	ddTwoBufs // no bs=: input gathered into output blocks
)

// dd's own input and output flag bits, above the open(2) flags.
const (
	ddFullblock = 1 << (32 + iota)
	ddCountBytes
	ddSkipBytes
	ddSeekBytes
	ddNocache
)

type ddSymbol struct {
	name  string
	value uint64
}

var ddConversions = []ddSymbol{
	{"block", ddBlock | ddTwoBufs}, {"lcase", ddLcase | ddTwoBufs}, {"unblock", ddUnblock | ddTwoBufs}, {"ucase", ddUcase | ddTwoBufs},
	{"sparse", ddSparse}, {"swab", ddSwab | ddTwoBufs}, {"sync", ddSync}, {"excl", ddExcl},
	{"nocreat", ddNocreat}, {"notrunc", ddNotrunc}, {"noerror", ddNoerror},
	{"fdatasync", ddFdatasync}, {"fsync", ddFsync},
}

var ddFlags = []ddSymbol{
	{"append", linux.O_APPEND}, {"direct", linux.O_DIRECT}, {"directory", linux.O_DIRECTORY},
	{"dsync", linux.O_DSYNC}, {"noatime", linux.O_NOATIME}, {"nocache", ddNocache},
	{"noctty", linux.O_NOCTTY}, {"nofollow", linux.O_NOFOLLOW}, {"nonblock", linux.O_NONBLOCK},
	{"sync", linux.O_SYNC}, {"count_bytes", ddCountBytes}, {"skip_bytes", ddSkipBytes},
	{"seek_bytes", ddSeekBytes}, {"fullblock", ddFullblock},
}

// Status levels.
const (
	ddStatusDefault = iota + 1
	ddStatusNone
	ddStatusNoxfer
	ddStatusProgress
)

var ddStatuses = []ddSymbol{{"none", ddStatusNone}, {"noxfer", ddStatusNoxfer}, {"progress", ddStatusProgress}}

// ddMaxBuffer bounds a block buffer: beyond it dd reports its
// allocation failure rather than take the memory of the whole process.
const ddMaxBuffer = 256 << 20

// ddRun is one dd invocation.
type ddRun struct {
	c                    *cmd
	inName, outName      string
	inFd, outFd          int // -1: standard input or output
	hasIn, hasOut        bool
	borrowed             bool // outFd is the shell's standard output
	killed               bool // by SIGPIPE
	ibs, obs, cbs        int64
	conv                 uint64
	iflag, oflag         uint64
	status               int
	skip, seek, count    int64 // in records, then the extra bytes:
	skipB, seekB, countB int64
	// Counters for the summary.
	rFull, rPartial, wFull, wPartial, rTruncate, wBytes int64
	start, nextReport                                   time.Time
	progressLen                                         int
	// Output gathering and the conversions' state.
	obuf                  []byte
	col, pendingSpaces    int64
	savedByte             int
	prevRead              int
	warnPartial, lastSeek bool
}

// ddApplet is dd(1).
func ddApplet(c *cmd) int {
	cl, status, ok := c.getopt(nil, false, ddHelp)
	if !ok {
		return status
	}
	d := &ddRun{c: c, inFd: -1, outFd: -1, status: ddStatusDefault, savedByte: -1,
		inName: "standard input", outName: "standard output"}
	if !d.operands(cl.operands) {
		return 1
	}
	if !d.open() {
		return 1
	}
	defer d.closeFiles()
	d.start = time.Now()
	d.nextReport = d.start.Add(time.Second)
	// conv=fsync and fdatasync have nothing to do: the virtual
	// kernel's filesystems keep their data in memory.
	code := d.copy()
	if d.killed {
		return 128 + 13
	}
	d.printStats()
	return code
}

func (d *ddRun) closeFiles() {
	if d.inFd >= 0 {
		d.c.t.Close(d.inFd)
	}
	if d.outFd >= 0 && !d.borrowed {
		d.c.t.Close(d.outFd)
	}
}

// operands reads dd's NAME=VALUE operands and settles the block sizes
// and counts.
func (d *ddRun) operands(ops []string) bool {
	c := d.c
	var bs int64
	count, skip, seek := int64(-1), int64(0), int64(0)
	var countB, skipB, seekB bool
	for _, op := range ops {
		name, val, ok := strings.Cut(op, "=")
		if !ok {
			c.usage("unrecognized operand %s", quoteL(op))
			return false
		}
		switch name {
		case "if":
			d.inName, d.hasIn = val, true
		case "of":
			d.outName, d.hasOut = val, true
		case "conv":
			v, ok := d.symbols(val, ddConversions, false, "invalid conversion")
			if !ok {
				return false
			}
			d.conv |= v
		case "iflag", "oflag":
			v, ok := d.symbols(val, ddFlags, false, "invalid "+map[string]string{"iflag": "input", "oflag": "output"}[name]+" flag")
			if !ok {
				return false
			}
			if name == "iflag" {
				d.iflag |= v
			} else {
				d.oflag |= v
			}
		case "status":
			v, ok := d.symbols(val, ddStatuses, true, "invalid status level")
			if !ok {
				return false
			}
			d.status = int(v)
		default:
			if !d.numberOperand(name, val, &bs, &count, &skip, &seek, &countB, &skipB, &seekB) {
				return false
			}
		}
	}
	return d.settle(bs, count, skip, seek, countB, skipB, seekB)
}

// numberOperand reads one of the numeric operands.
func (d *ddRun) numberOperand(name, val string, bs, count, skip, seek *int64, countB, skipB, seekB *bool) bool {
	c := d.c
	n, err := ddNumber(c, val)
	hasB := strings.Contains(val, "B")
	var min int64
	var target *int64
	switch name {
	case "ibs":
		min, target = 1, &d.ibs
	case "obs":
		min, target = 1, &d.obs
	case "bs":
		min, target = 1, bs
	case "cbs":
		min, target = 1, &d.cbs
	case "skip", "iseek":
		*skip, *skipB = n, hasB
	case "seek", "oseek":
		*seek, *seekB = n, hasB
	case "count":
		*count, *countB = n, hasB
	default:
		c.usage("unrecognized operand %s", quoteL(name+"="+val))
		return false
	}
	if err == 0 && n < min {
		err = dfLongintInvalid
	}
	if err != 0 {
		if err&dfLongintOverflow != 0 {
			c.errorf("invalid number: %s: %s", quoteL(val), linux.EOVERFLOW)
		} else {
			c.errorf("invalid number: %s", quoteL(val))
		}
		return false
	}
	if target != nil {
		*target = n
	}
	return true
}

// ddNumber is dd's parse_integer: a decimal count with a size suffix, a
// B suffix that only marks bytes, or a product N x M. The error is
// xstrtoumax's (0, or dfLongint* bits).
func ddNumber(c *cmd, s string) (int64, int) {
	const suffixes = "bcEGkKMPTwYZ0"
	n, end, err := xstrtoumax(s, 10, suffixes)
	if err&^dfLongintOverflow == dfLongintInvalidSuffix && end > 0 && s[end-1] != 'B' && s[end] == 'B' {
		end++
		if end == len(s) {
			err &^= dfLongintInvalidSuffix
		}
	}
	if err&^dfLongintOverflow == dfLongintInvalidSuffix && end < len(s) && s[end] == 'x' &&
		!(end > 0 && s[end-1] == 'B' && strings.Contains(s[end+1:], "B")) {
		m, _, err2 := xstrtoumax(s[end+1:], 10, suffixes)
		if err2&^dfLongintOverflow != 0 {
			return 0, err2
		}
		hi, prod := mulOverflow(n, m)
		if hi || prod > math.MaxInt64 || prod != 0 && (err|err2)&dfLongintOverflow != 0 {
			return math.MaxInt64, dfLongintOverflow
		}
		if prod == 0 && strings.HasPrefix(s, "0x") {
			c.errorf("warning: %s is a zero multiplier; use %s if that is intended", quoteL("0x"), quoteL("00x"))
		}
		return int64(prod), 0
	}
	if err == 0 && n > math.MaxInt64 {
		return math.MaxInt64, dfLongintOverflow
	}
	return int64(min(n, math.MaxInt64)), err
}

// mulOverflow multiplies, reporting overflow of 64 bits.
func mulOverflow(a, b uint64) (bool, uint64) {
	if a != 0 && b > math.MaxUint64/a {
		return true, 0
	}
	return false, a * b
}

// symbols reads a comma-separated list of names from table; exclusive
// keeps the last one, else they are or-ed.
func (d *ddRun) symbols(list string, table []ddSymbol, exclusive bool, what string) (uint64, bool) {
	var v uint64
	for _, word := range strings.Split(list, ",") {
		k := 0
		for k < len(table) && table[k].name != word {
			k++
		}
		if k == len(table) {
			d.c.usage("%s: %s", what, quoteL(word))
			return 0, false
		}
		if exclusive {
			v = table[k].value
		} else {
			v |= table[k].value
		}
	}
	return v, true
}

// settle applies bs=, the byte-counting flags and the conflicts.
func (d *ddRun) settle(bs, count, skip, seek int64, countB, skipB, seekB bool) bool {
	c := d.c
	if bs > 0 {
		d.ibs, d.obs = bs, bs
	} else {
		d.conv |= ddTwoBufs
	}
	if d.ibs == 0 {
		d.ibs = 512
	}
	if d.obs == 0 {
		d.obs = 512
	}
	if d.cbs == 0 {
		d.conv &^= ddBlock | ddUnblock
	}
	if d.oflag&ddFullblock != 0 {
		c.usage("invalid output flag: %s", quoteL("fullblock"))
		return false
	}
	if skipB {
		d.iflag |= ddSkipBytes
	}
	if countB {
		d.iflag |= ddCountBytes
	}
	if seekB {
		d.oflag |= ddSeekBytes
	}
	d.skip, d.skipB = inRecords(skip, d.ibs, d.iflag&ddSkipBytes != 0)
	d.seek, d.seekB = inRecords(seek, d.obs, d.oflag&ddSeekBytes != 0)
	if count < 0 {
		d.count = math.MaxInt64
	} else {
		d.count, d.countB = inRecords(count, d.ibs, d.iflag&ddCountBytes != 0)
	}
	d.warnPartial = d.conv&ddTwoBufs == 0 && d.iflag&ddFullblock == 0 &&
		(d.skip > 0 || d.count > 0 && d.count < math.MaxInt64 || (d.iflag|d.oflag)&linux.O_DIRECT != 0)
	for _, pair := range []struct {
		bits uint64
		msg  string
	}{
		{ddBlock | ddUnblock, "cannot combine block and unblock"},
		{ddLcase | ddUcase, "cannot combine lcase and ucase"},
		{ddExcl | ddNocreat, "cannot combine excl and nocreat"},
	} {
		if d.conv&pair.bits == pair.bits {
			c.errorf("%s", pair.msg)
			return false
		}
	}
	if d.iflag&(linux.O_DIRECT|ddNocache) == linux.O_DIRECT|ddNocache ||
		d.oflag&(linux.O_DIRECT|ddNocache) == linux.O_DIRECT|ddNocache {
		c.errorf("cannot combine direct and nocache")
		return false
	}
	if d.ibs > ddMaxBuffer || d.obs > ddMaxBuffer || d.cbs > ddMaxBuffer {
		c.errorf("memory exhausted")
		return false
	}
	return true
}

// inRecords splits a count into records of size and the bytes left
// over when it counts bytes.
func inRecords(n, size int64, inBytes bool) (int64, int64) {
	if inBytes {
		return n / size, n % size
	}
	return n, 0
}

// open opens if= and of= as dd does: of= is created 0666 (less the
// umask) unless conv=nocreat, truncated unless seek= or conv=notrunc,
// and cut to the seek= offset.
func (d *ddRun) open() bool {
	c, t := d.c, d.c.t
	if d.hasIn {
		fd, err := t.Open(d.inName, linux.O_RDONLY|uint32(d.iflag), 0)
		if err != nil {
			c.errorf("failed to open %s: %s", quote(d.inName), errText(err))
			return false
		}
		d.inFd = fd
	}
	if !d.hasOut {
		// A redirection to a file of the task gives dd a descriptor it
		// can seek, as in a real shell.
		if f, ok := d.c.hc.Stdout.(*vfsFile); ok {
			d.outFd, d.borrowed = f.fd, true
		}
		return true
	}
	flags := uint32(d.oflag)
	if d.conv&ddNocreat == 0 {
		flags |= linux.O_CREAT
	}
	if d.conv&ddExcl != 0 {
		flags |= linux.O_EXCL
	}
	if d.seek == 0 && d.conv&ddNotrunc == 0 {
		flags |= linux.O_TRUNC
	}
	var ofd int
	var err error
	if d.seek != 0 {
		ofd, err = t.Open(d.outName, linux.O_RDWR|flags, 0o666)
	}
	if d.seek == 0 || err != nil {
		ofd, err = t.Open(d.outName, linux.O_WRONLY|flags, 0o666)
	}
	if err != nil {
		c.errorf("failed to open %s: %s", quote(d.outName), errText(err))
		return false
	}
	d.outFd = ofd
	if d.seek != 0 && d.conv&ddNotrunc == 0 {
		size := d.seek*d.obs + d.seekB
		if err := t.Ftruncate(ofd, size); err != nil {
			if st, serr := t.Fstat(ofd); serr == nil && (isReg(uint32(st.Mode)) || isDir(uint32(st.Mode))) {
				c.errorf("failed to truncate to %d bytes in output file %s: %s", size, quote(d.outName), errText(err))
				return false
			}
		}
	}
	return true
}

// rawRead is read(2) on the input; 0 is the end of it.
func (d *ddRun) rawRead(p []byte) (int, error) {
	if d.inFd >= 0 {
		return d.c.t.Read(d.inFd, p)
	}
	n, err := d.c.stdin.Read(p)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// read reads up to len(p) bytes (all of them with iflag=fullblock) and
// warns once about a short read that makes counted blocks uneven.
func (d *ddRun) read(p []byte) (int, error) {
	total := 0
	for total < len(p) {
		n, err := d.rawRead(p[total:])
		if n > 0 && d.warnPartial && d.prevRead > 0 && d.prevRead < len(p) {
			if d.status != ddStatusNone {
				d.c.errorf("warning: partial read (%d byte%s); suggest iflag=fullblock", d.prevRead, plural(d.prevRead))
			}
			d.warnPartial = false
		}
		d.prevRead = n
		if err != nil {
			return total, err
		}
		total += n
		if n == 0 || d.iflag&ddFullblock == 0 {
			break
		}
	}
	return total, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// write writes all of p to the output, or seeks over it when it is all
// NUL and conv=sparse; it returns how much was done.
func (d *ddRun) write(p []byte) (int, error) {
	c := d.c
	d.lastSeek = false
	if d.conv&ddSparse != 0 && d.outFd >= 0 && !bytes.ContainsFunc(p, func(r rune) bool { return r != 0 }) {
		if _, err := c.t.Lseek(d.outFd, int64(len(p)), linux.SEEK_CUR); err == nil {
			d.lastSeek = true
			return len(p), nil
		}
		d.conv &^= ddSparse
	}
	if d.outFd >= 0 {
		f := &vfsFile{t: c.t, fd: d.outFd}
		return f.Write(p)
	}
	n, err := c.out.Write(p)
	if err == nil {
		err = c.out.Flush()
	}
	return n, err
}

// writeOutput writes one gathered output block.
func (d *ddRun) writeOutput() bool {
	n, err := d.write(d.obuf)
	d.wBytes += int64(n)
	if err != nil || n != len(d.obuf) {
		if n != 0 {
			d.wPartial++
		}
		return d.writeError(err)
	}
	d.wFull++
	d.obuf = d.obuf[:0]
	return true
}

// writeError reports a failed write and returns false; a closed pipe
// kills dd silently, as SIGPIPE would.
func (d *ddRun) writeError(err error) bool {
	if errors.Is(err, syscall.EPIPE) {
		d.killed = true
		return false
	}
	d.c.errorf("error writing %s: %s", quote(d.outName), errText(err))
	return false
}

// output adds bytes to the output block, writing it whenever it fills.
func (d *ddRun) output(p ...byte) bool {
	for len(p) > 0 {
		k := min(len(p), int(d.obs)-len(d.obuf))
		d.obuf = append(d.obuf, p[:k]...)
		p = p[k:]
		if len(d.obuf) == int(d.obs) && !d.writeOutput() {
			return false
		}
	}
	return true
}

// skipInput throws away skip= of the input: by seeking when it can, else
// by reading. Not reaching the offset is only a warning.
func (d *ddRun) skipInput() bool {
	c := d.c
	want := d.skip*d.ibs + d.skipB
	if d.inFd >= 0 {
		if st, err := c.t.Fstat(d.inFd); err == nil && isReg(uint32(st.Mode)) {
			pos, _ := c.t.Lseek(d.inFd, 0, linux.SEEK_CUR)
			to := min(pos+want, max(st.Size, pos))
			if _, err := c.t.Lseek(d.inFd, to, linux.SEEK_SET); err == nil {
				if to-pos < want && d.status != ddStatusNone {
					c.errorf("%s: cannot skip to specified offset", quotef(d.inName))
				}
				return true
			}
		}
	}
	buf := make([]byte, d.ibs)
	records, extra, got := d.skip, d.skipB, int64(0)
	for records > 0 || extra > 0 {
		size := d.ibs
		if records == 0 {
			size = extra
		}
		n, err := d.read(buf[:size])
		if err != nil {
			c.errorf("error reading %s: %s", quote(d.inName), errText(err))
			return false
		}
		if n == 0 {
			break
		}
		got += int64(n)
		if records > 0 {
			records--
		} else {
			extra = 0
		}
	}
	if (records > 0 || got != want) && d.status != ddStatusNone {
		c.errorf("%s: cannot skip to specified offset", quotef(d.inName))
	}
	return true
}

// seekOutput moves past seek= of the output; standard output cannot.
func (d *ddRun) seekOutput() bool {
	c := d.c
	if d.outFd < 0 {
		c.errorf("%s: cannot seek: %s", quotef(d.outName), linux.ESPIPE)
		return false
	}
	if _, err := c.t.Lseek(d.outFd, d.seek*d.obs+d.seekB, linux.SEEK_CUR); err != nil {
		c.errorf("%s: cannot seek: %s", quotef(d.outName), errText(err))
		return false
	}
	return true
}

// copy is the copy loop: blocks in, converted, blocks out.
func (d *ddRun) copy() int {
	if (d.skip != 0 || d.skipB != 0) && !d.skipInput() {
		return 1
	}
	if (d.seek != 0 || d.seekB != 0) && !d.seekOutput() {
		return 1
	}
	if d.count == 0 && d.countB == 0 {
		return 0
	}
	ibuf := make([]byte, d.ibs)
	d.obuf = make([]byte, 0, d.obs)
	pad := byte(0)
	if d.conv&(ddBlock|ddUnblock) != 0 {
		pad = ' '
	}
	status := 0
	for !d.c.cancelled() {
		d.progress()
		records := d.rFull + d.rPartial
		if records >= d.count+int64(boolInt(d.countB != 0)) {
			break
		}
		size := d.ibs
		if records >= d.count {
			size = d.countB
		}
		n, err := d.read(ibuf[:size])
		if err != nil {
			if d.conv&ddNoerror == 0 || d.status != ddStatusNone {
				d.c.errorf("error reading %s: %s", quote(d.inName), errText(err))
			}
			if d.conv&ddNoerror == 0 {
				status = 1
				break
			}
			d.printStats()
			if d.conv&ddSync == 0 || n != 0 {
				continue
			}
		} else if n == 0 {
			break
		}
		block := ibuf[:n]
		if int64(n) < d.ibs {
			d.rPartial++
			if d.conv&ddSync != 0 {
				block = ibuf[:d.ibs]
				for k := n; k < len(block); k++ {
					block[k] = pad
				}
			}
		} else {
			d.rFull++
		}
		if !d.put(block) {
			return 1
		}
	}
	if !d.finish() {
		return 1
	}
	return status
}

// put sends one input block on: written as it is with bs=, else
// converted and gathered into output blocks.
func (d *ddRun) put(block []byte) bool {
	if d.conv&ddTwoBufs == 0 {
		n, err := d.write(block)
		d.wBytes += int64(n)
		if err != nil || n != len(block) {
			return d.writeError(err)
		}
		if int64(n) == d.ibs {
			d.wFull++
		} else {
			d.wPartial++
		}
		return true
	}
	switch {
	case d.conv&ddLcase != 0:
		block = asciiCase(block, 'A', 'Z', 'a'-'A')
	case d.conv&ddUcase != 0:
		block = asciiCase(block, 'a', 'z', 256-('a'-'A'))
	}
	if d.conv&ddSwab != 0 {
		block = d.swab(block)
	}
	return d.convert(block)
}

// asciiCase is toupper or tolower in the C locale over a block.
func asciiCase(p []byte, lo, hi, shift byte) []byte {
	for k, b := range p {
		if b >= lo && b <= hi {
			p[k] = b + shift // wraps for the downward shift
		}
	}
	return p
}

// convert applies conv=block or unblock (or nothing) on the way out.
func (d *ddRun) convert(p []byte) bool {
	switch {
	case d.conv&ddBlock != 0:
		return d.block(p)
	case d.conv&ddUnblock != 0:
		return d.unblock(p)
	}
	return d.output(p...)
}

// swab swaps each pair of bytes of the stream; an odd byte waits for
// the next block (or the end).
func (d *ddRun) swab(p []byte) []byte {
	data := p
	if d.savedByte >= 0 {
		data = append([]byte{byte(d.savedByte)}, p...)
		d.savedByte = -1
	}
	if len(data)%2 == 1 {
		d.savedByte = int(data[len(data)-1])
		data = data[:len(data)-1]
	}
	out := make([]byte, len(data))
	for k := 0; k+1 < len(data); k += 2 {
		out[k], out[k+1] = data[k+1], data[k]
	}
	return out
}

// block is conv=block: each newline-ended line becomes a cbs-byte record
// padded with spaces; longer lines are cut (and counted).
func (d *ddRun) block(p []byte) bool {
	for _, b := range p {
		switch {
		case b == '\n':
			for ; d.col < d.cbs; d.col++ {
				if !d.output(' ') {
					return false
				}
			}
			d.col = 0
			continue
		case d.col == d.cbs:
			d.rTruncate++
		case d.col < d.cbs:
			if !d.output(b) {
				return false
			}
		}
		d.col++
	}
	return true
}

// unblock is conv=unblock: each cbs-byte record loses its trailing
// spaces and gains a newline.
func (d *ddRun) unblock(p []byte) bool {
	for k := 0; k < len(p); k++ {
		b := p[k]
		switch {
		case d.col >= d.cbs:
			d.col, d.pendingSpaces = 0, 0
			k--
			if !d.output('\n') {
				return false
			}
			continue
		case b == ' ':
			d.pendingSpaces++
		default:
			for ; d.pendingSpaces > 0; d.pendingSpaces-- {
				if !d.output(' ') {
					return false
				}
			}
			if !d.output(b) {
				return false
			}
		}
		d.col++
	}
	return true
}

// finish writes what the conversions hold back and the last, partial
// output block, and gives a file that ends in a sparse hole its size.
func (d *ddRun) finish() bool {
	if d.savedByte >= 0 {
		b := byte(d.savedByte)
		d.savedByte = -1
		if !d.convert([]byte{b}) {
			return false
		}
	}
	if d.conv&ddBlock != 0 && d.col > 0 {
		for ; d.col < d.cbs; d.col++ {
			if !d.output(' ') {
				return false
			}
		}
	}
	if d.conv&ddUnblock != 0 && d.col > 0 && !d.output('\n') {
		return false
	}
	if len(d.obuf) > 0 {
		n, err := d.write(d.obuf)
		d.wBytes += int64(n)
		if n != 0 {
			d.wPartial++
		}
		if err != nil || n != len(d.obuf) {
			return d.writeError(err)
		}
	}
	if d.lastSeek {
		t := d.c.t
		if st, err := t.Fstat(d.outFd); err == nil && isReg(uint32(st.Mode)) {
			if pos, err := t.Lseek(d.outFd, 0, linux.SEEK_CUR); err == nil && st.Size < pos {
				if err := t.Ftruncate(d.outFd, pos); err != nil {
					d.c.errorf("failed to truncate to %d bytes in output file %s: %s", pos, quote(d.outName), errText(err))
					return false
				}
			}
		}
	}
	return true
}

// progress prints status=progress's line once a second.
func (d *ddRun) progress() {
	if d.status != ddStatusProgress {
		return
	}
	if now := time.Now(); !now.Before(d.nextReport) {
		d.xferStats(now, true)
		d.nextReport = d.nextReport.Add(time.Second)
	}
}

// printStats is the summary on standard error.
func (d *ddRun) printStats() {
	if d.status == ddStatusNone {
		return
	}
	c := d.c
	c.out.Flush()
	if d.progressLen > 0 {
		fmt.Fprint(c.errw, "\n")
		d.progressLen = 0
	}
	fmt.Fprintf(c.errw, "%d+%d records in\n%d+%d records out\n", d.rFull, d.rPartial, d.wFull, d.wPartial)
	if d.rTruncate != 0 {
		fmt.Fprintf(c.errw, "%d truncated record%s\n", d.rTruncate, plural(int(min(d.rTruncate, 2))))
	}
	if d.status != ddStatusNoxfer {
		d.xferStats(time.Now(), false)
	}
}

// xferStats is the "N bytes (...) copied, T s, R/s" line; a progress
// line starts with a carriage return and is padded over the last one.
func (d *ddRun) xferStats(now time.Time, progress bool) {
	const opts = hrAutoscale | hrRoundToNearest | hrSpaceBeforeUnit | hrSI | hrB
	n := uint64(d.wBytes)
	si := dfHumanReadable(n, opts, 1, 1)
	iec := dfHumanReadable(n, opts|hrBase1024, 1, 1)
	elapsed := now.Sub(d.start)
	rate := "Infinity B/s"
	if elapsed > 0 {
		rate = dfHumanReadable(n, opts, uint64(time.Second), uint64(elapsed)) + "/s"
	}
	secs := strconvG(elapsed.Seconds()) + " s"
	if progress {
		secs = fmt.Sprintf("%.0f s", elapsed.Seconds())
	}
	noPrefix := func(s string) bool { return len(s) >= 2 && s[len(s)-2] == ' ' }
	var line string
	switch {
	case noPrefix(si):
		word := "bytes"
		if n == 1 {
			word = "byte"
		}
		line = fmt.Sprintf("%d %s copied, %s, %s", n, word, secs, rate)
	case noPrefix(iec):
		line = fmt.Sprintf("%d bytes (%s) copied, %s, %s", n, si, secs, rate)
	default:
		line = fmt.Sprintf("%d bytes (%s, %s) copied, %s, %s", n, si, iec, secs, rate)
	}
	c := d.c
	c.out.Flush()
	if !progress {
		fmt.Fprintln(c.errw, line)
		return
	}
	fmt.Fprintf(c.errw, "\r%s%s", line, strings.Repeat(" ", max(0, d.progressLen-len(line))))
	d.progressLen = len(line)
}

// strconvG is C's %g: six significant digits, trailing zeros dropped.
func strconvG(v float64) string {
	return strconv.FormatFloat(v, 'g', 6, 64)
}
