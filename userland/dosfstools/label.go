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
func encodeLabel(s string, utf8Locale bool) (label [11]byte, problem labelProblem, err error) {
	valid := utf8Locale && utf8.ValidString(s) || !utf8Locale && isASCII(s)
	if valid && utf8.RuneCountInString(s) > 11 {
		return label, problem, errLabelTooLong
	}
	var dos []byte
	for i, r := range s {
		c, ok := charmap.CodePage850.EncodeRune(r)
		switch {
		case !utf8Locale && s[i] >= 0x80:
			return label, problem, &conversionError{s[i], "ANSI_X3.4-1968"}
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"), !ok:
			return label, problem, &conversionError{s[i], "UTF-8"}
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
		if unicode.IsLower(charmap.CodePage850.DecodeByte(c)) {
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
}

func (e *conversionError) Error() string {
	return fmt.Sprintf("Cannot convert input sequence '\\x%02X' from codeset '%s' to 'CP850': Invalid or incomplete multibyte or wide character", e.b, e.codeset)
}

// makeLabel encodes -n's label and checks it as mkfs.fat does: a
// lowercase letter is a warning, the rest are fatal.
func (m *mkfs) makeLabel() error {
	label, problem, err := encodeLabel(m.label, m.UTF8())
	if err != nil {
		if ce, ok := err.(*conversionError); ok {
			m.warn("%s\n", ce)
			return m.die("%s", errLabelLong)
		}
		if err == errLabelLong {
			m.warn("Cannot convert input string '%s' to 'CP850': String is too long\n", m.label)
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
