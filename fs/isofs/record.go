// SPDX-License-Identifier: Apache-2.0

package isofs

import (
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

// isoDate is iso_date: a 7-byte date (years since 1900, month, day,
// hour, minute, second, then the zone in 15-minute steps, which High
// Sierra lacks) or the 17-byte long form of digits with hundredths.
// Zones beyond 13 hours are ignored as unreliable.
func isoDate(p []byte, highSierra, long bool) vfs.Timespec {
	var year, month, day, hour, minute, second, tz int
	var nsec int64
	if long {
		if len(p) < 17 {
			return vfs.Timespec{}
		}
		dig := func(i, n int) int {
			v := 0
			for _, c := range p[i : i+n] {
				v = v*10 + int(c) - '0'
			}
			return v
		}
		year, month, day = dig(0, 4)-1900, dig(4, 2), dig(6, 2)
		hour, minute, second = dig(8, 2), dig(10, 2), dig(12, 2)
		nsec = int64(dig(14, 2)) * 10000000
		tz = int(int8(p[16]))
	} else {
		if len(p) < 7 {
			return vfs.Timespec{}
		}
		year, month, day, hour, minute, second = int(p[0]), int(p[1]), int(p[2]), int(p[3]), int(p[4]), int(p[5])
		if !highSierra {
			tz = int(int8(p[6]))
		}
	}
	if year < 0 {
		return vfs.Timespec{Nsec: nsec}
	}
	sec := mktime64(year+1900, month, day, hour, minute, second)
	if -52 <= tz && tz <= 52 {
		sec -= int64(tz) * 15 * 60
	}
	return vfs.Timespec{Sec: sec, Nsec: nsec}
}

// mktime64 is the kernel's mktime64: Gauss's formula over whatever
// fields it is given (month 0 counts as 12 of the year before, as the
// kernel's arithmetic has it), without normalising them.
func mktime64(year, mon, day, hour, minute, sec int) int64 {
	mon -= 2
	if mon <= 0 {
		mon += 12
		year--
	}
	y, m := int64(year), int64(mon)
	days := y/4 - y/100 + y/400 + 367*m/12 + int64(day) + y*365 - 719499
	return ((days*24+int64(hour))*60+int64(minute))*60 + int64(sec)
}

// translateName is isofs_name_translate (map=normal): lower case, a
// trailing ".;1" or ";1" dropped, any other ';' or '/' made '.'; a NUL
// ends the name.
func translateName(name []byte) []byte {
	out := make([]byte, 0, len(name))
	n := len(name)
	for i := 0; i < n; i++ {
		c := name[i]
		if c == 0 {
			break
		}
		if c >= 'A' && c <= 'Z' {
			c |= 0x20
		}
		if c == '.' && i == n-3 && name[i+1] == ';' && name[i+2] == '1' {
			break
		}
		if c == ';' && i == n-2 && name[i+1] == '1' {
			break
		}
		if c == ';' || c == '/' {
			c = '.'
		}
		out = append(out, c)
	}
	return out
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
