// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strconv"
	"strings"
	"time"
)

// strftime formats t as C's strftime does in the C locale, with GNU's
// flags ('-' no padding, '_' spaces, '0' zeros, '^' upper case, '#'
// swapped case), field widths and %N for nanoseconds. t's location is
// the time zone.
func strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		start := i
		spec := strftimeSpec{width: -1}
		i++
		for ; i < len(format) && strings.IndexByte("-_0^#", format[i]) >= 0; i++ {
			spec.flags += string(format[i])
		}
		for ; i < len(format) && isDigit(format[i]); i++ {
			spec.width = max(spec.width, 0)*10 + int(format[i]-'0')
		}
		for ; i < len(format) && (format[i] == 'E' || format[i] == 'O'); i++ {
			spec.modifier = format[i]
		}
		colons := 0
		for ; i < len(format) && format[i] == ':'; i++ {
			colons++
		}
		if i >= len(format) {
			b.WriteString(format[start:])
			break
		}
		out, ok := spec.convert(format[i], colons, t)
		if !ok {
			out = format[start : i+1]
		}
		b.WriteString(out)
	}
	return b.String()
}

// strftimeSpec is one conversion's flags and width (-1: the default).
type strftimeSpec struct {
	flags    string
	width    int
	modifier byte // E or O: alternative forms, the same in the C locale
}

// strftimeModified are the conversions that take the E and O modifiers.
var strftimeModified = map[byte]string{'E': "cCnpPqrRstTuxXyYzZ", 'O': "bBCdeghGHIjklmMnNpPrRsStTuUVwWyzZ"}

// convert formats one conversion letter.
func (s strftimeSpec) convert(c byte, colons int, t time.Time) (string, bool) {
	if colons > 0 && c != 'z' || s.modifier != 0 && strings.IndexByte(strftimeModified[s.modifier], c) < 0 {
		return "", false
	}
	if n, width, pad, ok := strftimeNumber(c, t); ok {
		return s.number(n, width, pad), true
	}
	switch c {
	case 'N':
		return s.nanoseconds(t.Nanosecond()), true
	case 'z':
		return s.zone(t, colons), true
	case 'n':
		return s.text("\n", false), true
	case 't':
		return s.text("\t", false), true
	case '%':
		return s.text("%", false), true
	case 'p', 'P':
		ampm := "AM"
		if t.Hour() >= 12 {
			ampm = "PM"
		}
		if c == 'P' {
			ampm = strings.ToLower(ampm)
		}
		return s.text(ampm, false), true
	}
	if text, ok := strftimeText(c, t); ok {
		return s.text(text, c != 'Z'), true
	}
	if sub, ok := strftimeComposite[c]; ok {
		return s.text(strftime(sub, t), false), true
	}
	return "", false
}

// strftimeComposite are the conversions made of others.
var strftimeComposite = map[byte]string{
	'c': "%a %b %e %H:%M:%S %Y", 'D': "%m/%d/%y", 'x': "%m/%d/%y", 'F': "%Y-%m-%d",
	'T': "%H:%M:%S", 'X': "%H:%M:%S", 'R': "%H:%M", 'r': "%I:%M:%S %p",
}

// strftimeText are the conversions to words.
func strftimeText(c byte, t time.Time) (string, bool) {
	switch c {
	case 'a':
		return t.Format("Mon"), true
	case 'A':
		return t.Format("Monday"), true
	case 'b', 'h':
		return t.Format("Jan"), true
	case 'B':
		return t.Format("January"), true
	case 'Z':
		return t.Format("MST"), true
	}
	return "", false
}

// strftimeNumber are the numeric conversions: value, digits and padding.
func strftimeNumber(c byte, t time.Time) (int64, int, byte, bool) {
	isoYear, isoWeek := t.ISOWeek()
	hour12 := (t.Hour()+11)%12 + 1
	yday := t.YearDay() - 1
	table := map[byte]struct {
		v     int64
		width int
		pad   byte
	}{
		'C': {int64(t.Year() / 100), 2, '0'}, 'd': {int64(t.Day()), 2, '0'},
		'e': {int64(t.Day()), 2, ' '}, 'G': {int64(isoYear), 1, '0'},
		'g': {int64(isoYear % 100), 2, '0'}, 'H': {int64(t.Hour()), 2, '0'},
		'I': {int64(hour12), 2, '0'}, 'j': {int64(yday + 1), 3, '0'},
		'k': {int64(t.Hour()), 2, ' '}, 'l': {int64(hour12), 2, ' '},
		'm': {int64(t.Month()), 2, '0'}, 'M': {int64(t.Minute()), 2, '0'},
		'q': {int64((t.Month()-1)/3 + 1), 1, '0'}, 's': {t.Unix(), 1, '0'},
		'S': {int64(t.Second()), 2, '0'}, 'u': {int64((t.Weekday()+6)%7 + 1), 1, '0'},
		'U': {int64((yday + 7 - int(t.Weekday())) / 7), 2, '0'},
		'V': {int64(isoWeek), 2, '0'}, 'w': {int64(t.Weekday()), 1, '0'},
		'W': {int64((yday + 7 - (int(t.Weekday())+6)%7) / 7), 2, '0'},
		'y': {int64(t.Year() % 100), 2, '0'}, 'Y': {int64(t.Year()), 1, '0'},
	}
	n, ok := table[c]
	return n.v, n.width, n.pad, ok
}

// number pads a number to its digits or the given width.
func (s strftimeSpec) number(n int64, digits int, pad byte) string {
	neg := n < 0
	str := strconv.FormatInt(max(n, -n), 10)
	width := digits
	if s.width >= 0 {
		width = s.width
	}
	switch {
	case strings.Contains(s.flags, "-"):
		width = 0
	case strings.Contains(s.flags, "_"):
		pad = ' '
	case strings.Contains(s.flags, "0"):
		pad = '0'
	}
	if neg {
		width--
	}
	if len(str) < width {
		fill := strings.Repeat(string(pad), width-len(str))
		if pad == '0' {
			str = fill + str
		} else {
			return fill + sign(neg) + str
		}
	}
	return sign(neg) + str
}

func sign(neg bool) string {
	if neg {
		return "-"
	}
	return ""
}

// nanoseconds is %N: nine digits, or as many as the width, cut or filled
// with zeros on the right.
func (s strftimeSpec) nanoseconds(ns int) string {
	str := strconv.Itoa(1e9 + ns)[1:]
	width := 9
	if s.width > 0 {
		width = s.width
	}
	if width <= 9 {
		return str[:width]
	}
	return str + strings.Repeat("0", width-9)
}

// zone is %z, %:z and %::z.
func (s strftimeSpec) zone(t time.Time, colons int) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m, sec := off/3600, off/60%60, off%60
	switch colons {
	case 1:
		return s.text(sign+pad2(h)+":"+pad2(m), false)
	case 2:
		return s.text(sign+pad2(h)+":"+pad2(m)+":"+pad2(sec), false)
	}
	return s.text(sign+pad2(h)+pad2(m), false)
}

func pad2(n int) string { return strconv.Itoa(100 + n)[1:] }

// text pads a word on the left to the width and applies the case flags;
// '#' makes words upper case and zone names lower case.
func (s strftimeSpec) text(str string, upperOnSwap bool) string {
	switch {
	case strings.Contains(s.flags, "^"):
		str = strings.ToUpper(str)
	case strings.Contains(s.flags, "#") && upperOnSwap:
		str = strings.ToUpper(str)
	case strings.Contains(s.flags, "#"):
		str = strings.ToLower(str)
	}
	pad := " "
	if strings.Contains(s.flags, "0") {
		pad = "0"
	}
	if s.width > len(str) && !strings.Contains(s.flags, "-") {
		str = strings.Repeat(pad, s.width-len(str)) + str
	}
	return str
}
