// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"bytes"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// recordLen is sizeof(struct iso_directory_record): the fixed part of a
// directory record before its name.
const recordLen = 33

// Flag bits of a directory record.
const (
	flagHidden   = 1
	flagDir      = 2
	flagAssoc    = 4
	flagMultiExt = 0x80
)

// record is one directory record, whole (its length byte first).
type record []byte

func (r record) extent() uint32     { return le32(r[2:]) + uint32(r[1]) }
func (r record) size() uint32       { return le32(r[10:]) }
func (r record) nameLen() int       { return int(r[32]) }
func (r record) interleave() byte   { return r[27] }
func (r record) date() []byte       { return r[18:25] }
func (r record) flags(hs bool) byte { return r[25-b2i(hs)] }

// name is the record's name bytes, cut at the record's end.
func (r record) name() []byte {
	end := min(recordLen+r.nameLen(), len(r))
	return r[recordLen:end]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Time limits of the superblock (s_time_min and s_time_max): ECMA-119
// dates from 1900 to 2155, give or take the largest time zone offset.
const maxTZOffset = 52 * 15 * 60

var (
	timeMin = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - maxTZOffset
	timeMax = time.Date(255+1900, 12, 31, 23, 59, 59, 0, time.UTC).Unix() + maxTZOffset
)

// isoTime is a recorded date's fields as stored, unchecked: ECMA-119
// dates are local time with the zone's offset in quarter hours.
type isoTime struct {
	year, month, day     int // year in full
	hour, minute, second int
	nsec                 int64
	zone                 int // quarter hours east of UTC
}

// shortDate decodes the 7-byte form of directory records: years since
// 1900, month, day, hour, minute, second, then the signed zone, which
// High Sierra discs do not have.
func shortDate(p []byte, highSierra bool) (isoTime, bool) {
	if len(p) < 7 {
		return isoTime{}, false
	}
	t := isoTime{year: 1900 + int(p[0]), month: int(p[1]), day: int(p[2]),
		hour: int(p[3]), minute: int(p[4]), second: int(p[5])}
	if !highSierra {
		t.zone = int(int8(p[6]))
	}
	return t, true
}

// longDate decodes the 17-byte form (Rock Ridge TF entries with
// TF_LONG_FORM): sixteen digits YYYYMMDDhhmmsscc, then the signed zone.
// Each byte counts as its distance from '0', digit or not, as the
// kernel reads them.
func longDate(p []byte) (isoTime, bool) {
	if len(p) < 17 {
		return isoTime{}, false
	}
	num := func(from, to int) int {
		n := 0
		for _, c := range p[from:to] {
			n = n*10 + int(c) - '0'
		}
		return n
	}
	return isoTime{year: num(0, 4), month: num(4, 6), day: num(6, 8),
		hour: num(8, 10), minute: num(10, 12), second: num(12, 14),
		nsec: int64(num(14, 16)) * 10_000_000, zone: int(int8(p[16]))}, true
}

// isoDate is a recorded date in Unix time, zero for a truncated one; it
// mirrors iso_date in fs/isofs/util.c, long selecting the 17-byte form.
func isoDate(p []byte, highSierra, long bool) vfs.Timespec {
	t, ok := shortDate(p, highSierra)
	if long {
		t, ok = longDate(p)
	}
	if !ok {
		return vfs.Timespec{}
	}
	return t.unix()
}

// unix converts the fields. A year before 1900 keeps only the
// hundredths. A zone more than 13 hours (52 quarters) from UTC is taken
// to be garbage and ignored, as some discs record nonsense there.
func (t isoTime) unix() vfs.Timespec {
	if t.year < 1900 {
		return vfs.Timespec{Nsec: t.nsec}
	}
	sec := mktime64(t.year, t.month, t.day, t.hour, t.minute, t.second)
	if t.zone >= -52 && t.zone <= 52 {
		sec -= int64(t.zone) * 15 * 60
	}
	return vfs.Timespec{Sec: sec, Nsec: t.nsec}
}

// mktime64 is the kernel's mktime64 of fields it does not check. For
// months 0 to 14 that is time.Date: mktime64 too counts month 0 as the
// December before and 13 and 14 as the next January and February. It
// does not carry further months into the year but steps on from those
// by 367/12 days a month, which the day offset below reproduces.
func mktime64(year, month, day, hour, minute, sec int) int64 {
	switch {
	case month > 14:
		day += 367*(month-2)/12 - 367
		month = 14
	case month < 0:
		day += 367*(month+10)/12 - 305
		month = 0
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC).Unix()
}

// translateName is a plain ISO 9660 name as map=normal shows it; it
// mirrors isofs_name_translate. A NUL ends the name; a name without one
// loses its version suffix ";1" (with the empty extension's dot
// before it, ".;1"), and what remains is lowered, with ';' and '/'
// shown as '.'.
func translateName(name []byte) []byte {
	if nul := bytes.IndexByte(name, 0); nul >= 0 {
		name = name[:nul]
	} else if n, ok := bytes.CutSuffix(name, []byte(".;1")); ok {
		name = n
	} else {
		name = bytes.TrimSuffix(name, []byte(";1"))
	}
	out := make([]byte, len(name))
	for i, c := range name {
		out[i] = shownByte(c)
	}
	return out
}

// shownByte is how map=normal shows one byte of a name. Names are
// bytes, not UTF-8, so this works byte by byte (bytes.Map would turn
// invalid UTF-8 into U+FFFD).
func shownByte(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	case c == ';' || c == '/':
		return '.'
	}
	return c
}

// acornName is get_acorn_filename: the normal mapping, then the Acorn
// extension's '!' for a leading '_' and ",xyz" file type.
func acornName(r record) []byte {
	name := translateName(r.name())
	if len(name) == 0 {
		return name
	}
	std := recordLen + r.nameLen()
	std += std & 1
	if int(r[0])-std != 32 || len(r) < std+32 {
		return name
	}
	chr := r[std:]
	if string(chr[:10]) != "ARCHIMEDES" {
		return name
	}
	if name[0] == '_' && chr[19]&1 == 1 {
		name[0] = '!'
	}
	if r[25]&flagDir == 0 && chr[13] == 0xff && chr[12]&0xf0 == 0xf0 {
		name = append(name, []byte(",")...)
		name = append(name, []byte(hex3(int(chr[12]&0xf)<<8|int(chr[11])))...)
	}
	return name
}

func hex3(v int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>8&0xf], digits[v>>4&0xf], digits[v&0xf]})
}

// jolietName is get_joliet_filename with the utf8 table: the UCS-2 name
// (big endian, up to a NUL) in UTF-8, ";1" and trailing dots dropped. The
// length is kept in a byte, as the kernel's is.
func jolietName(r record) []byte {
	raw := r.name()
	units := make([]uint16, 0, len(raw)/2)
	for i := 0; i+1 < len(raw); i += 2 {
		u := uint16(raw[i])<<8 | uint16(raw[i+1])
		if u == 0 {
			break
		}
		units = append(units, u)
	}
	var out []byte
	for _, c := range utf16.Decode(units) {
		if c == utf8.RuneError {
			continue // utf16s_to_utf8s drops what does not convert
		}
		out = utf8.AppendRune(out, c)
	}
	n := int(uint8(len(out)))
	out = out[:n]
	if n > 2 && out[n-2] == ';' && out[n-1] == '1' {
		n -= 2
	}
	for n >= 2 && out[n-1] == '.' {
		n--
	}
	return out[:n]
}
