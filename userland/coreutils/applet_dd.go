// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"cmp"
	"errors"
	"math/big"
	"slices"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

const ddHelp = `[OPERAND]...
Copy a file (standard input and output by default) block by block,
converting it on the way as the operands ask.

  if=FILE       read FILE instead of standard input
  of=FILE       write FILE instead of standard output (created mode 0666
                less the umask, truncated unless seek= or conv=notrunc)
  bs=N          the block size of both input and output (512)
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

// ddOption is one word of a conv=, iflag=, oflag= or status= list.
type ddOption struct {
	word string
	bit  uint64
}

// conv= words. ddNeedsStaging marks the conversions that make dd copy
// through an output buffer of obs bytes instead of writing each input
// block as it came.
const (
	ddConvBlock = 1 << iota
	ddConvUnblock
	ddConvLcase
	ddConvUcase
	ddConvSwab
	ddConvSync
	ddConvSparse
	ddConvNoerror
	ddConvNotrunc
	ddConvExcl
	ddConvNocreat
	ddConvFsync
	ddConvFdatasync

	ddNeedsStaging = ddConvBlock | ddConvUnblock | ddConvLcase | ddConvUcase | ddConvSwab
)

// ddConvTable lists the accepted conv= words.
var ddConvTable = []ddOption{
	{"block", ddConvBlock}, {"unblock", ddConvUnblock},
	{"lcase", ddConvLcase}, {"ucase", ddConvUcase}, {"swab", ddConvSwab},
	{"sync", ddConvSync}, {"sparse", ddConvSparse}, {"noerror", ddConvNoerror},
	{"notrunc", ddConvNotrunc}, {"excl", ddConvExcl}, {"nocreat", ddConvNocreat},
	{"fsync", ddConvFsync}, {"fdatasync", ddConvFdatasync},
}

// Flags that only dd interprets sit above the open(2) bits they share
// the iflag=/oflag= words with.
const (
	ddFlagFullblock = 1 << (32 + iota)
	ddFlagCountBytes
	ddFlagSkipBytes
	ddFlagSeekBytes
	ddFlagNocache
)

var ddFlagTable = []ddOption{
	{"append", linux.O_APPEND}, {"direct", linux.O_DIRECT},
	{"directory", linux.O_DIRECTORY}, {"dsync", linux.O_DSYNC},
	{"sync", linux.O_SYNC}, {"noatime", linux.O_NOATIME},
	{"noctty", linux.O_NOCTTY}, {"nofollow", linux.O_NOFOLLOW},
	{"nonblock", linux.O_NONBLOCK}, {"nocache", ddFlagNocache},
	{"fullblock", ddFlagFullblock}, {"count_bytes", ddFlagCountBytes},
	{"skip_bytes", ddFlagSkipBytes}, {"seek_bytes", ddFlagSeekBytes},
}

// status= levels; the zero value prints the full summary.
const (
	ddShowAll = iota
	ddShowNone
	ddShowRecords
	ddShowProgress
)

var ddStatusTable = []ddOption{{"none", ddShowNone}, {"noxfer", ddShowRecords}, {"progress", ddShowProgress}}

// ddBufferLimit caps one block buffer: a larger bs= is refused as
// memory exhaustion instead of growing the process without bound.
const ddBufferLimit = 256 << 20

// ddSpan is an amount measured in input or output blocks: whole blocks,
// then a tail of bytes (non-zero only when the operand counted bytes).
type ddSpan struct {
	blocks, tail int64
}

// bytes is the span's length for a block size.
func (s ddSpan) bytes(size int64) int64 { return s.blocks*size + s.tail }

func (s ddSpan) empty() bool { return s.blocks == 0 && s.tail == 0 }

// spanOf turns an operand's value into a span of size-byte blocks.
func spanOf(n, size int64, inBytes bool) ddSpan {
	if !inBytes {
		return ddSpan{blocks: n}
	}
	return ddSpan{blocks: n / size, tail: n % size}
}

// ddPlan is everything the operands decide, settled before any file is
// opened.
type ddPlan struct {
	inName, outName string
	inGiven         bool
	outGiven        bool
	ibs, obs, cbs   int64
	staged          bool // copy through obs-sized output blocks
	conv            uint64
	iflag, oflag    uint64
	show            int
	skip, seek      ddSpan
	count           ddSpan
	unlimited       bool // no count=
}

// ddRaw gathers the numeric operands before the block sizes are known.
type ddRaw struct {
	bs                   int64
	skip, seek, count    int64
	skipB, seekB, countB bool
	countGiven           bool
}

// ddApplet is dd(1).
func ddApplet(c *cmd) int {
	cl, status, ok := c.Getopt(nil, false, ddHelp)
	if !ok {
		return status
	}
	p, ok := ddParse(c, cl.Operands)
	if !ok {
		return 1
	}
	j := &ddJob{c: c, p: p, inFd: -1, outFd: -1}
	if !j.openFiles() {
		return 1
	}
	defer j.closeFiles()
	// conv=fsync and fdatasync need no work: the virtual kernel's
	// filesystems hold their data in memory.
	return j.run()
}

// ddParse reads the NAME=VALUE operands into a plan.
func ddParse(c *cmd, ops []string) (*ddPlan, bool) {
	p := &ddPlan{inName: "standard input", outName: "standard output"}
	var raw ddRaw
	for _, op := range ops {
		name, val, ok := strings.Cut(op, "=")
		if !ok {
			c.Usage("unrecognized operand %s", c.QuoteArg(op))
			return nil, false
		}
		if !p.operand(c, &raw, name, val) {
			return nil, false
		}
	}
	return p, p.settle(c, raw)
}

// operand records one NAME=VALUE operand.
func (p *ddPlan) operand(c *cmd, raw *ddRaw, name, val string) bool {
	var ok bool
	switch name {
	case "if":
		p.inName, p.inGiven = val, true
		return true
	case "of":
		p.outName, p.outGiven = val, true
		return true
	case "conv":
		var v uint64
		v, ok = ddWords(c, val, ddConvTable, "invalid conversion")
		p.conv |= v
		return ok
	case "iflag":
		var v uint64
		v, ok = ddWords(c, val, ddFlagTable, "invalid input flag")
		p.iflag |= v
		return ok
	case "oflag":
		var v uint64
		v, ok = ddWords(c, val, ddFlagTable, "invalid output flag")
		p.oflag |= v
		return ok
	case "status":
		return p.statusWord(c, val)
	}
	return p.sizeOperand(c, raw, name, val)
}

// statusWord reads status=; the last word of a list wins.
func (p *ddPlan) statusWord(c *cmd, val string) bool {
	for _, w := range strings.Split(val, ",") {
		v, ok := ddWords(c, w, ddStatusTable, "invalid status level")
		if !ok {
			return false
		}
		p.show = int(v)
	}
	return true
}

// ddWords or-s together the bits of a comma-separated list of words.
func ddWords(c *cmd, list string, table []ddOption, what string) (uint64, bool) {
	var bits uint64
	for _, w := range strings.Split(list, ",") {
		i := slices.IndexFunc(table, func(o ddOption) bool { return o.word == w })
		if i < 0 {
			c.Usage("%s: %s", what, c.QuoteArg(w))
			return 0, false
		}
		bits |= table[i].bit
	}
	return bits, true
}

// sizeOperand reads the operands whose value is a number.
func (p *ddPlan) sizeOperand(c *cmd, raw *ddRaw, name, val string) bool {
	var dst *int64
	var marked *bool
	positive := false
	switch name {
	case "bs":
		dst, positive = &raw.bs, true
	case "ibs":
		dst, positive = &p.ibs, true
	case "obs":
		dst, positive = &p.obs, true
	case "cbs":
		dst, positive = &p.cbs, true
	case "skip", "iseek":
		dst, marked = &raw.skip, &raw.skipB
	case "seek", "oseek":
		dst, marked = &raw.seek, &raw.seekB
	case "count":
		dst, marked = &raw.count, &raw.countB
		raw.countGiven = true
	default:
		c.Usage("unrecognized operand %s", c.QuoteArg(name+"="+val))
		return false
	}
	n, err := ddSize(c, val)
	if err == nil && positive && n == 0 {
		err = errDDSyntax
	}
	if err != nil {
		if err == errDDTooBig {
			c.Errorf("invalid number: %s: %s", c.QuoteArg(val), linux.EOVERFLOW)
		} else {
			c.Errorf("invalid number: %s", c.QuoteArg(val))
		}
		return false
	}
	*dst = n
	if marked != nil {
		// A B anywhere in the value makes it count bytes.
		*marked = strings.Contains(val, "B")
	}
	return true
}

// settle fills in the defaults, converts the counts into spans and
// rejects the combinations dd refuses.
func (p *ddPlan) settle(c *cmd, raw ddRaw) bool {
	if raw.bs > 0 {
		p.ibs, p.obs = raw.bs, raw.bs
	}
	p.staged = raw.bs == 0 || p.conv&ddNeedsStaging != 0
	p.ibs = cmp.Or(p.ibs, 512)
	p.obs = cmp.Or(p.obs, 512)
	if p.cbs == 0 {
		// Without a record size block and unblock do nothing.
		p.conv &^= ddConvBlock | ddConvUnblock
	}
	if p.oflag&ddFlagFullblock != 0 {
		c.Usage("invalid output flag: %s", c.QuoteArg("fullblock"))
		return false
	}
	p.skip = spanOf(raw.skip, p.ibs, raw.skipB || p.iflag&ddFlagSkipBytes != 0)
	p.seek = spanOf(raw.seek, p.obs, raw.seekB || p.oflag&ddFlagSeekBytes != 0)
	p.count = spanOf(raw.count, p.ibs, raw.countB || p.iflag&ddFlagCountBytes != 0)
	p.unlimited = !raw.countGiven
	return p.consistent(c)
}

// consistent reports the conflicting operands.
func (p *ddPlan) consistent(c *cmd) bool {
	clash := func(bits uint64) bool { return p.conv&bits == bits }
	direct := func(f uint64) bool { return f&linux.O_DIRECT != 0 && f&ddFlagNocache != 0 }
	msg := ""
	switch {
	case clash(ddConvBlock | ddConvUnblock):
		msg = "cannot combine block and unblock"
	case clash(ddConvLcase | ddConvUcase):
		msg = "cannot combine lcase and ucase"
	case clash(ddConvExcl | ddConvNocreat):
		msg = "cannot combine excl and nocreat"
	case direct(p.iflag) || direct(p.oflag):
		msg = "cannot combine direct and nocache"
	case max(p.ibs, p.obs, p.cbs) > ddBufferLimit:
		msg = "memory exhausted"
	}
	if msg != "" {
		c.Errorf("%s", msg)
		return false
	}
	return true
}

var (
	errDDSyntax = errors.New("invalid number")
	errDDTooBig = errors.New("number too large")
)

// ddUnits maps a size suffix to its multiplier. The letters from k up
// alone or with iB are powers of 1024, with B (or D) powers of 1000;
// c, w and b are fixed sizes that may carry a B. A bare B is 1: it
// only marks the number as a byte count.
var ddUnits = func() map[string]*big.Int {
	u := map[string]*big.Int{"": big.NewInt(1), "B": big.NewInt(1)}
	for word, n := range map[string]int64{"c": 1, "w": 2, "b": 512} {
		u[word], u[word+"B"] = big.NewInt(n), big.NewInt(n)
	}
	for e, letter := range []string{"K", "M", "G", "T", "P", "E", "Z", "Y"} {
		bin := new(big.Int).Lsh(big.NewInt(1), uint(10*(e+1)))
		dec := new(big.Int).Exp(big.NewInt(1000), big.NewInt(int64(e+1)), nil)
		forms := []string{letter}
		if letter == "K" {
			forms = append(forms, "k")
		}
		for _, l := range forms {
			u[l], u[l+"iB"] = bin, bin
			u[l+"B"], u[l+"D"] = dec, dec
		}
	}
	return u
}()

// ddSize reads a dd number: digits with an optional unit, or the
// product of two of them written AxB (only the first may be a bare B).
// The result must fit in an int64.
func ddSize(c *cmd, s string) (int64, error) {
	left, right, product := strings.Cut(s, "x")
	a, ok := ddFactor(left, true)
	if !ok {
		return 0, errDDSyntax
	}
	if product {
		b, ok := ddFactor(right, false)
		if !ok {
			return 0, errDDSyntax
		}
		a.Mul(a, b)
		if a.Sign() == 0 && strings.HasPrefix(s, "0x") {
			c.Errorf("warning: %s is a zero multiplier; use %s if that is intended", c.QuoteArg("0x"), c.QuoteArg("00x"))
		}
	}
	if !a.IsInt64() {
		return 0, errDDTooBig
	}
	return a.Int64(), nil
}

// ddFactor reads one factor: blanks, an optional +, decimal digits and
// a unit from ddUnits.
func ddFactor(s string, bareB bool) (*big.Int, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	s = strings.TrimPrefix(s, "+")
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	unit, ok := ddUnits[s[digits:]]
	if digits == 0 || !ok || (!bareB && s[digits:] == "B") {
		return nil, false
	}
	n, _ := new(big.Int).SetString(s[:digits], 10)
	return n.Mul(n, unit), true
}
