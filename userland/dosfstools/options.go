// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// mkfs.fat's options: each is applied as getopt_long returns it, and a
// bad value is told on standard output before the usage, status 1.

// Option IDs of the long-only options.
const (
	optHelp = 1000 + iota
	optInvariant
	optMBR
	optVariant
	optCodepage
	optOffset
)

var mkfsOptions = func() []getopt.Option {
	opts := []getopt.Option{
		{Long: "codepage", Arg: getopt.RequiredArg, ID: optCodepage},
		{Long: "invariant", ID: optInvariant},
		{Long: "mbr", Arg: getopt.OptionalArg, ID: optMBR},
		{Long: "variant", Arg: getopt.RequiredArg, ID: optVariant},
		{Long: "offset", Arg: getopt.RequiredArg, ID: optOffset},
		{Long: "help", ID: optHelp},
	}
	for _, c := range "aAcCIv" {
		opts = append(opts, getopt.Option{Short: byte(c)})
	}
	for _, c := range "bfDFgil" + "mMnrRsSh" {
		opts = append(opts, getopt.Option{Short: byte(c), Arg: getopt.RequiredArg})
	}
	return opts
}()

// cNumber is strtol/strtoll as mkfs.fat checks them: the whole word, no
// leading space, in range of bits.
func cNumber(s string, base, bits int) (int64, bool) {
	n, whole, overflow := strtoll(s, base, bits)
	return n, whole && !overflow
}

// strtoll reads s as C's strtoll does with base 0 (C prefixes) or 16 (an
// optional 0x): whether the word is a number to its end after no leading
// space, and whether it overflowed bits (then clamped).
func strtoll(s string, base, bits int) (n int64, whole, overflow bool) {
	if s == "" || strings.ContainsRune(" \t\n\v\f\r", rune(s[0])) {
		return 0, false, false
	}
	t, neg := s, false
	if t[0] == '+' || t[0] == '-' {
		neg, t = t[0] == '-', t[1:]
	}
	if (base == 0 || base == 16) && len(t) > 2 && t[0] == '0' && (t[1]|0x20) == 'x' && isHex(t[2]) {
		t, base = t[2:], 16
	} else if base == 0 && len(t) > 1 && t[0] == '0' {
		base = 8
	} else if base == 0 {
		base = 10
	}
	end := 0
	for end < len(t) && digitValue(t[end]) < base {
		end++
	}
	if end == 0 {
		return 0, false, false
	}
	u, err := strconv.ParseUint(t[:end], base, 64)
	limit := uint64(1)<<(bits-1) - 1
	if neg {
		limit++
	}
	if err != nil || u > limit {
		overflow, u = true, limit
	}
	n = int64(u)
	if neg {
		n = -n
	}
	return n, end == len(t), overflow
}

func isHex(c byte) bool { return digitValue(c) < 16 }

// digitValue is c's value as a digit of any base up to 36.
func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return int(c|0x20-'a') + 10
	}
	return 99
}

// numberOption parses an option's value and checks it with ok.
func (m *mkfs) numberOption(v string, bits int, ok func(int64) bool, complaint string) (int64, error) {
	n, good := cNumber(v, 0, bits)
	if !good || !ok(n) {
		return 0, m.badUsage(complaint, v)
	}
	return n, nil
}

func between(lo, hi int64) func(int64) bool {
	return func(n int64) bool { return n >= lo && n <= hi }
}

func oneOf(set ...int64) func(int64) bool {
	return func(n int64) bool {
		for _, s := range set {
			if n == s {
				return true
			}
		}
		return false
	}
}

// option applies one option in command-line order, as mkfs.fat does.
func (m *mkfs) option(o getopt.Parsed) error {
	var n int64
	var err error
	v := o.Value
	switch o.ID {
	case 'a':
		m.align = false
	case 'A':
		m.atari = !m.atari
	case 'b':
		n, err = m.numberOption(v, 32, between(0, 0xffff), "Bad location for backup boot sector : %s")
		m.backupBoot, m.backupBootSet = int(n), true
	case 'c':
		m.check = true
	case 'l':
		m.badList = v
	case 'C':
		m.create = true
	case 'D':
		n, err = m.numberOption(v, 32, between(0, 0xff), "Bad drive number: %s")
		m.driveNumber, m.driveNumberSet = int(n), true
	case 'f':
		n, err = m.numberOption(v, 32, between(1, 4), "Bad number of FATs : %s")
		m.fats = int(n)
	case 'F':
		n, err = m.numberOption(v, 32, oneOf(12, 16, 32), "Bad FAT type : %s")
		m.fatBits, m.fatBitsByUser = int(n), true
	case 'g':
		err = m.geometryOption(v)
	case 'h':
		n, err = m.numberOption(v, 64, between(0, 1<<32-1), "Bad number of hidden sectors : %s")
		m.hidden, m.hiddenSet = uint32(n), true
	case 'I':
		m.ignoreSafety = true
	case 'i':
		err = m.volumeIDOption(v)
	case 'm':
		err = m.messageOption(v)
	case 'M':
		if n, err = m.numberOption(v, 32, func(int64) bool { return true }, "Bad number for media descriptor : %s"); err == nil {
			if n != 0xf0 && (n < 0xf8 || n > 0xff) {
				return m.badUsage("FAT Media byte must either be between 0xF8 and 0xFF or be 0xF0 : %s", v)
			}
			m.media = int(n)
		}
	case 'n':
		m.label = v
	case optCodepage:
		n, good := cNumber(v, 10, 32)
		if !good || n < 0 {
			m.warn("Invalid codepage : %s\n", v)
			return m.usage(1)
		}
		cp, complaint := lookupCodepage(n, m.UTF8())
		if complaint != "" {
			m.warn("%s", complaint)
			return m.usage(1)
		}
		m.codepage = cp
	case 'r':
		n, err = m.numberOption(v, 32, between(16, 32768), "Bad number of root directory entries : %s")
		m.rootEntries, m.rootEntriesSet = int(n), true
	case 'R':
		n, err = m.numberOption(v, 32, between(1, 0xffff), "Bad number of reserved sectors : %s")
		m.reserved = int(n)
	case 's':
		n, err = m.numberOption(v, 32, oneOf(1, 2, 4, 8, 16, 32, 64, 128), "Bad number of sectors per cluster : %s")
		m.clustersByUser = int(n)
	case 'S':
		n, err = m.numberOption(v, 32, oneOf(512, 1024, 2048, 4096, 8192, 16384, 32768), "Bad logical sector size : %s")
		m.sectorSize, m.sectorSizeSet = int(n), 1
	case 'v':
		m.verbose++
	case optHelp:
		return m.usage(0)
	case optInvariant:
		m.invariant = true
		m.volumeID = invariantID
		m.created = time.Unix(invariantTime, 0)
	case optMBR:
		err = m.mbrOption(v, o.HasValue)
	case optVariant:
		switch strings.ToLower(v) {
		case "standard":
			m.atari = false
		case "atari":
			m.atari = true
		default:
			return m.badUsage("Unknown variant: %s", v)
		}
	case optOffset:
		n, good := cNumber(v, 0, 64)
		if !good {
			return m.badUsage("Bad number for offset : %s", v)
		}
		if n < 0 {
			return m.badUsage("FAT offset must be between 0 and %d: %s", int64(1<<63-1), v)
		}
		m.offset = n
	}
	return err
}

// geometryOption is -g HEADS/SECTORS.
func (m *mkfs) geometryOption(v string) error {
	heads, secs, found := strings.Cut(v, "/")
	h, ok1 := cNumber(heads, 0, 64)
	s, ok2 := cNumber(secs, 0, 64)
	if !found || !ok1 || !ok2 || h <= 0 || h > 0xffff || s <= 0 || s > 0xffff {
		return m.badUsage("Bad format of geometry : %s", v)
	}
	m.heads, m.secsTrack = int(h), int(s)
	return nil
}

// volumeIDOption is -i: hexadecimal, 32 bits.
func (m *mkfs) volumeIDOption(v string) error {
	n, whole, overflow := strtoll(v, 16, 64)
	switch {
	case !whole || n < 0:
		return m.badUsage("Volume ID must be a hexadecimal number")
	case overflow || n > 1<<32-1:
		return m.badUsage("Volume ID does not fit in 32 bit")
	}
	m.volumeID = uint32(n)
	return nil
}

// mbrOption is --mbr[=y|n|a].
func (m *mkfs) mbrOption(v string, given bool) error {
	switch strings.ToLower(v) {
	case "y", "yes":
		m.mbr = 1
	case "n", "no":
		m.mbr = 0
	case "a", "auto":
		m.mbr = -1
	default:
		if !given {
			m.mbr = 1
			return nil
		}
		return m.badUsage("Unknown option for --mbr: '%s'", v)
	}
	return nil
}

// messageOption is -m: the boot message from a file or standard input,
// line feeds made CR LF and tabs expanded, as much as fits the boot code
// with its terminating zero. A file that cannot be opened is reported
// and the default message kept.
func (m *mkfs) messageOption(name string) error {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(m.Stdin)
	} else {
		var f *applet.File
		if f, err = applet.OpenFile(m.Task, name, linux.O_RDONLY, 0); err == nil {
			data, err = io.ReadAll(f)
			f.Close()
		}
	}
	if err != nil {
		m.warn("%s: %s\n", name, applet.ErrText(err))
		return nil
	}
	room := 448 - 1 - len(bootProgram) // the code area less the program and a zero
	var msg []byte
	col, i := 0, 0
	for ; i < len(data) && len(msg) < room; i++ {
		switch c := data[i]; c {
		case '\r', 0:
		case '\n':
			if col > 0 {
				msg = append(msg, '\r')
				col = 0
			}
			msg = append(msg, '\n')
		case '\t':
			for {
				msg = append(msg, ' ')
				col++
				if col%8 == 0 || len(msg) >= room {
					break
				}
			}
		default:
			msg = append(msg, c)
			col++
		}
	}
	if len(msg) > room {
		msg = msg[:room]
	}
	if i < len(data) || len(msg) >= room {
		m.printf("Warning: message too long; truncated\n")
	}
	m.message = msg
	return nil
}
