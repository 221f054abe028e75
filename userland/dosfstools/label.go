// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Volume labels: eleven bytes of the DOS code page (850), padded with
// spaces, "NO NAME" for none. In a UTF-8 locale a character outside
// CP850 cannot be converted, and one inside it above ASCII is a byte of
// 0x80 or more, which dosfstools 4.2 (comparing signed chars) refuses
// as a control character; the C locale converts ASCII only.

// labelProblem is what checkLabel finds wrong with an encoded label.
type labelProblem struct {
	lower, control, forbidden, leadingSpace bool
}

// encodeLabel turns the label as given into its eleven bytes, or says
// why it cannot; utf8Locale is whether the locale's charset is UTF-8.
func encodeLabel(s string, cp *charmap.Charmap, utf8Locale bool) (label [11]byte, problem labelProblem, err error) {
	valid := utf8Locale && utf8.ValidString(s) || !utf8Locale && isASCII(s)
	if valid && utf8.RuneCountInString(s) > 11 {
		return label, problem, errLabelTooLong
	}
	var dos []byte
	for i, r := range s {
		c, ok := cp.EncodeRune(r)
		switch {
		case !utf8Locale && s[i] >= 0x80:
			return label, problem, &conversionError{s[i], "ANSI_X3.4-1968", 0}
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"), !ok:
			return label, problem, &conversionError{s[i], "UTF-8", 0}
		}
		dos = append(dos, c)
	}
	if len(dos) > 11 {
		return label, problem, errLabelLong
	}
	for i := range label {
		label[i] = ' '
	}
	copy(label[:], dos)
	if string(label[:]) == "           " {
		copy(label[:], noName)
	}
	for _, c := range label {
		if unicode.IsLower(cp.DecodeByte(c)) {
			problem.lower = true
		}
		if c < 0x20 || c >= 0x80 {
			problem.control = true
		}
		if strings.IndexByte(`"*+,./:;<=>?[\]|`, c) >= 0 {
			problem.forbidden = true
		}
	}
	problem.leadingSpace = label[0] == ' '
	return label, problem, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// labelError is a label refused before it is checked.
type labelError string

func (e labelError) Error() string { return string(e) }

const (
	errLabelTooLong = labelError("Label can be no longer than 11 characters")
	// errLabelLong is a label whose conversion runs out of room.
	errLabelLong = labelError("Error when processing label")
)

// conversionError is the first byte of a character the locale's
// charset cannot convert to CP850.
type conversionError struct {
	b       byte
	codeset string
	cp      int
}

func (e *conversionError) Error() string {
	return fmt.Sprintf("Cannot convert input sequence '\\x%02X' from codeset '%s' to 'CP%d': Invalid or incomplete multibyte or wide character", e.b, e.codeset, e.cp)
}

// makeLabel encodes -n's label and checks it as mkfs.fat does: a
// lowercase letter is a warning, the rest are fatal.
func (m *mkfs) makeLabel() error {
	label, problem, err := encodeLabel(m.label, m.codepage.table, m.UTF8())
	if err != nil {
		if ce, ok := err.(*conversionError); ok {
			ce.cp = m.codepage.number
			m.warn("%s\n", ce)
			return m.die("%s", errLabelLong)
		}
		if err == errLabelLong {
			m.warn("Cannot convert input string '%s' to 'CP%d': String is too long\n", m.label, m.codepage.number)
		}
		return m.die("%s", err)
	}
	if problem.lower {
		m.warn("mkfs.fat: Warning: lowercase labels might not work properly on some systems\n")
	}
	switch {
	case problem.control:
		return m.die("Labels with characters below 0x20 are not allowed\n")
	case problem.forbidden:
		return m.die("Labels with characters *?.,;:/\\|+=<>[]\" are not allowed\n")
	case problem.leadingSpace:
		return m.die("Label can't start with a space character")
	}
	m.dosLabel = label
	m.labelled = string(label[:]) != noName
	return nil
}

// codepage is a DOS code page labels are encoded in.
type codepage struct {
	number int
	table  *charmap.Charmap
}

// defaultCodepage is dosfstools' default.
var defaultCodepage = codepage{850, charmap.CodePage850}

// codepages are the DOS code pages linuxvfs has tables for.
var codepages = map[int64]*charmap.Charmap{
	437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852,
	855: charmap.CodePage855, 858: charmap.CodePage858, 860: charmap.CodePage860,
	862: charmap.CodePage862, 863: charmap.CodePage863, 865: charmap.CodePage865,
	866: charmap.CodePage866,
}

// lookupCodepage is --codepage's (or fatlabel -c's) code page, or the
// two complaints iconv_open's failures make.
func lookupCodepage(n int64, utf8Locale bool) (codepage, string) {
	if t, ok := codepages[n]; ok {
		return codepage{int(n), t}, ""
	}
	local := "ANSI_X3.4-1968"
	if utf8Locale {
		local = "UTF-8"
	}
	return codepage{}, fmt.Sprintf("Cannot initialize conversion from codepage %d to %s: Invalid argument\n"+
		"Cannot initialize conversion from %s to codepage %d: Invalid argument\n", n, local, local, n)
}
