// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// cksum(1) of coreutils 9.1: the POSIX CRC by default; -a picks the old
// sum(1) checksums or one of the digests, printed BSD-style ("MD5 (f) =
// ...") unless --untagged.

const cksumHelp = `[OPTION]... [FILE]...
Print the checksum of each FILE (standard input without one, or for -),
by default the 32-bit CRC of POSIX, or check the digests listed in FILEs.

  -a, --algorithm=TYPE  bsd, sysv, crc (the default), md5, sha1, sha224,
                        sha256, sha384, sha512, blake2b, sm3
  -c, --check           check the digests the FILEs list
  -l, --length=BITS     blake2b's digest length
      --tag             BSD-style lines, ALGO (FILE) = DIGEST (the default)
      --untagged        DIGEST  FILE lines
  -z, --zero            end lines with NUL, and never escape names
With --check: --ignore-missing, --quiet, --status, --strict, -w/--warn,
as md5sum has them.
      --debug           accepted
      --help            show this help
      --version         show the version
`

const (
	cksumTag = 0x200 + iota
	cksumUntagged
	cksumDebug
)

var cksumOptions = []getopt.Option{
	{Short: 'a', Long: "algorithm", Arg: getopt.RequiredArg},
	{Short: 'c', Long: "check"},
	{Short: 'l', Long: "length", Arg: getopt.RequiredArg},
	{Long: "tag", ID: cksumTag},
	{Long: "untagged", ID: cksumUntagged},
	{Short: 'z', Long: "zero"},
	{Long: "ignore-missing", ID: digestIgnoreMissing},
	{Long: "quiet", ID: digestQuiet},
	{Long: "status", ID: digestStatus},
	{Long: "strict", ID: digestStrict},
	{Short: 'w', Long: "warn"},
	{Long: "debug", ID: cksumDebug},
}

// cksumAlgos are -a's words, in the order cksum lists them.
var cksumAlgos = [][]string{{"bsd"}, {"sysv"}, {"crc"}, {"md5"}, {"sha1"}, {"sha224"}, {"sha256"}, {"sha384"}, {"sha512"}, {"blake2b"}, {"sm3"}}

var (
	sha224Algo = digestAlgo{"SHA224", sha256.New224, sha256.Size224}
	sha384Algo = digestAlgo{"SHA384", sha512.New384, sha512.Size384}
)

// cksumDigests are the digests of -a, by word.
var cksumDigests = map[string]digestAlgo{
	"md5": md5Algo, "sha1": sha1Algo, "sha224": sha224Algo, "sha256": sha256Algo,
	"sha384": sha384Algo, "sha512": sha512Algo, "sm3": {"SM3", newSM3, 32},
}

// blake2bAlgo is BLAKE2b with a digest of bits; its tag names the
// length unless it is the full 512.
func blake2bAlgo(bits int) digestAlgo {
	tag := "BLAKE2b"
	if bits != 512 {
		tag += "-" + strconv.Itoa(bits)
	}
	return digestAlgo{tag, func() hash.Hash { return newBlake2b(bits / 8) }, bits / 8}
}

// tagAlgo is the digest a tagged checksum line names, or def.
func tagAlgo(line string, def digestAlgo) digestAlgo {
	line = strings.TrimPrefix(strings.TrimLeft(line, " \t"), "\\")
	if rest, ok := strings.CutPrefix(line, "BLAKE2b"); ok {
		bits := 512
		if n, ok := strings.CutPrefix(rest, "-"); ok {
			end := leadingDigitCount(n)
			bits, _ = strconv.Atoi(n[:end])
		}
		if bits > 0 && bits <= 512 && bits%8 == 0 {
			return blake2bAlgo(bits)
		}
	}
	best := def
	for _, a := range cksumDigests {
		rest, ok := strings.CutPrefix(line, a.tag)
		if ok && (strings.HasPrefix(rest, " (") || strings.HasPrefix(rest, "(")) {
			best = a
		}
	}
	return best
}

// cksumApplet is cksum(1).
func cksumApplet(c *cmd) int {
	algo, untagged, length := "crc", false, ""
	d := &digestRun{c: c, binary: -1, delim: '\n', bsdReversed: -1}
	explicit := false
	cl, status, ok := c.Getopt(cksumOptions, false, cksumHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		switch o.ID {
		case 'a':
			k, ok := c.argmatchExact("--algorithm", o.Value, cksumAlgos)
			if !ok {
				return 1
			}
			algo, explicit = cksumAlgos[k][0], true
		case 'l':
			length = o.Value
		case cksumTag:
			untagged = false
		case cksumUntagged:
			untagged = true
		case cksumDebug:
		default:
			d.option(o.ID)
		}
	}
	if length != "" && algo != "blake2b" {
		c.Errorf("--length is only supported with --algorithm=blake2b")
		return 1
	}
	if msg := d.conflict(); msg != "" {
		return c.Usage("%s", msg)
	}
	if d.check && explicit && (algo == "crc" || algo == "bsd" || algo == "sysv") {
		c.Errorf("--check is not supported with --algorithm={bsd,sysv,crc}")
		return 1
	}
	if d.check && !explicit {
		d.auto, algo = true, "md5"
	}
	if algo == "blake2b" {
		bits, ok := c.blake2bLength(length)
		if !ok {
			return 1
		}
		// Checking, a line's tag may give another length.
		d.algo, d.tag, d.auto = blake2bAlgo(bits), !untagged, d.check
		return d.run(cl.Operands)
	}
	if a, ok := cksumDigests[algo]; ok {
		d.algo, d.tag = a, !untagged
		return d.run(cl.Operands)
	}
	return cksumOld(c, algo, cl.Operands)
}

// blake2bLength reads -l: bits, a multiple of 8 up to 512; 0 or none
// is 512.
func (c *cmd) blake2bLength(s string) (int, bool) {
	if s == "" {
		return 512, true
	}
	n, err := strconv.ParseUint(s, 10, 64)
	switch {
	case err != nil:
		c.Errorf("invalid length: %s", c.QuoteArg(s))
	case n > 512:
		c.Errorf("invalid length: %s", c.QuoteArg(s))
		c.Errorf("maximum digest length for %s is 512 bits", c.QuoteArg("BLAKE2b"))
	case n%8 != 0:
		c.Errorf("invalid length: %s", c.QuoteArg(s))
		c.Errorf("length is not a multiple of 8")
	case n == 0:
		return 512, true
	default:
		return int(n), true
	}
	return 0, false
}

func leadingDigitCount(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// run sums or checks each operand with a digest.
func (d *digestRun) run(operands []string) int {
	good := true
	for _, name := range operandsOrStdin(operands) {
		if d.check {
			good = d.checkFile(name) && good
			continue
		}
		if sum, err := d.sum(name); err == nil {
			d.output(name, sum)
		} else {
			good = false
		}
	}
	if !good {
		return 1
	}
	return 0
}

// cksumOld prints the CRC or sum(1)'s checksums: value, size (bytes for
// the CRC, blocks for the others) and the name when files were named.
func cksumOld(c *cmd, algo string, operands []string) int {
	status := 0
	for _, name := range operandsOrStdin(operands) {
		r, err := c.openInput(name)
		if err != nil {
			c.Errorf("%s: %s", applet.QuoteName(name), applet.ErrText(err))
			status = 1
			continue
		}
		var line string
		line, err = oldChecksum(algo, r)
		r.Close()
		if err != nil {
			c.Errorf("%s: %s", applet.QuoteName(name), applet.ErrText(err))
			status = 1
			continue
		}
		if len(operands) > 0 {
			line += " " + name
		}
		c.Out.WriteString(line + "\n")
	}
	return status
}

// oldChecksum reads r whole and formats its checksum.
func oldChecksum(algo string, r io.Reader) (string, error) {
	var crc uint32
	var sysv uint32
	var bsd uint16
	var n uint64
	buf := make([]byte, 64<<10)
	for {
		k, err := r.Read(buf)
		for _, b := range buf[:k] {
			crc = crc<<8 ^ crcTable[byte(crc>>24)^b]
			sysv += uint32(b)
			bsd = (bsd>>1 | bsd<<15) + uint16(b)
		}
		n += uint64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	switch algo {
	case "sysv":
		s := sysv&0xffff + sysv>>16
		return fmt.Sprintf("%d %d", s&0xffff+s>>16, (n+511)/512), nil
	case "bsd":
		return fmt.Sprintf("%05d %5d", bsd, (n+1023)/1024), nil
	}
	// The CRC goes on over the length, low byte first, as few bytes as
	// it takes.
	for l := n; l != 0; l >>= 8 {
		crc = crc<<8 ^ crcTable[byte(crc>>24)^byte(l)]
	}
	return fmt.Sprintf("%d %d", ^crc, n), nil
}

// crcTable is the table of the POSIX CRC's polynomial 0x04C11DB7, most
// significant bit first.
var crcTable = func() (t [256]uint32) {
	for i := range t {
		v := uint32(i) << 24
		for range 8 {
			if v&0x80000000 != 0 {
				v = v<<1 ^ 0x04C11DB7
			} else {
				v <<= 1
			}
		}
		t[i] = v
	}
	return t
}()
