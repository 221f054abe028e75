// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"
)

// hexdump's format language (hexdump(1), "Formats"): a format string is
// units of `[iterations][/bytes] "text"`; each text is cut into pieces,
// each a run of literal text with at most one conversion at its end, or
// text alone.

// hexUnit is one format unit.
type hexUnit struct {
	reps, bytes int // bytes: 0 when not given
	pieces      []hexPiece
	// trailingBlank: the text ends in a blank that the unit's last
	// iteration does not print (when iterations were given).
	trailingBlank bool
}

// hexPiece is literal text then maybe one conversion.
type hexPiece struct {
	text string
	conv byte   // 0: text only; 'a' 'A' address, 'c' 'p' 'U' (%_u) special chars, 'C' %c, else printf's
	spec string // the printf flags, width and precision
	size int    // bytes the conversion reads
	base byte   // d o x for an address
}

// hexFormat is one format string: its units, and the bytes it reads.
type hexFormat struct {
	units []*hexUnit
	bytes int
}

// parseHexFormat reads one -e argument.
func parseHexFormat(s string) (*hexFormat, error) {
	f := &hexFormat{}
	for {
		s = strings.TrimLeft(s, " \t\n")
		if s == "" {
			return f, nil
		}
		u := &hexUnit{reps: 1}
		explicit := false
		if n := leadingDigits(s); n > 0 {
			u.reps, _ = strconv.Atoi(s[:n])
			s, explicit = strings.TrimLeft(s[n:], " \t"), true
		}
		if strings.HasPrefix(s, "/") {
			s = strings.TrimLeft(s[1:], " \t")
			n := leadingDigits(s)
			if n == 0 {
				return nil, fmt.Errorf("bad byte count for conversion character %s", s)
			}
			u.bytes, _ = strconv.Atoi(s[:n])
			s = strings.TrimLeft(s[n:], " \t")
		}
		if !strings.HasPrefix(s, `"`) {
			return nil, fmt.Errorf("bad format {%s}", s)
		}
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return nil, fmt.Errorf("bad format {%s}", s)
		}
		text := unescapeHexText(s[1 : 1+end])
		s = s[end+2:]
		if err := u.cut(text); err != nil {
			return nil, err
		}
		if explicit || u.reps > 1 {
			last := u.pieces[len(u.pieces)-1]
			u.trailingBlank = last.conv == 0 && strings.HasSuffix(last.text, " ")
		}
		f.units = append(f.units, u)
		f.bytes += u.reps * u.size()
	}
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// unescapeHexText turns the backslash escapes of a format's text into
// their characters.
func unescapeHexText(s string) string {
	r := strings.NewReplacer(`\\`, `\`, `\a`, "\a", `\b`, "\b", `\f`, "\f", `\n`, "\n", `\r`, "\r", `\t`, "\t", `\v`, "\v", `\0`, "\x00")
	return r.Replace(s)
}

// size is the bytes one iteration of u reads.
func (u *hexUnit) size() int {
	n := 0
	for _, p := range u.pieces {
		n += p.size
	}
	return n
}

// cut splits a unit's text into pieces.
func (u *hexUnit) cut(text string) error {
	for text != "" {
		i := strings.IndexByte(text, '%')
		for i >= 0 && strings.HasPrefix(text[i:], "%%") {
			j := strings.IndexByte(text[i+2:], '%')
			if j < 0 {
				i = -1
			} else {
				i += 2 + j
			}
		}
		if i < 0 {
			u.pieces = append(u.pieces, hexPiece{text: strings.ReplaceAll(text, "%%", "%")})
			return nil
		}
		p := hexPiece{text: strings.ReplaceAll(text[:i], "%%", "%")}
		j := i + 1
		for j < len(text) && strings.IndexByte("#-+ 0123456789.", text[j]) >= 0 {
			j++
		}
		p.spec = text[i+1 : j]
		if j >= len(text) {
			return fmt.Errorf("bad format {%s}", text)
		}
		conv := text[j]
		j++
		if conv == '_' {
			if j >= len(text) {
				return fmt.Errorf("bad conversion character %%_")
			}
			conv = text[j]
			j++
			switch conv {
			case 'a', 'A':
				if j >= len(text) || strings.IndexByte("dox", text[j]) < 0 {
					p.base = 'x'
				} else {
					p.base = text[j]
					j++
				}
			case 'c', 'p':
				p.size = 1
			case 'u':
				p.size, conv = 1, 'U' // apart from printf's %u
			default:
				return fmt.Errorf("bad conversion character %%_%c", conv)
			}
			p.conv = conv
		} else if err := u.plainConv(&p, conv); err != nil {
			return err
		}
		u.pieces = append(u.pieces, p)
		text = text[j:]
	}
	return nil
}

// plainConv sets a printf conversion's size: the unit's byte count, or
// 4 for integers and 8 for floating point.
func (u *hexUnit) plainConv(p *hexPiece, conv byte) error {
	p.conv = conv
	switch conv {
	case 'c':
		p.conv, p.size = 'C', 1
	case 'd', 'i', 'o', 'u', 'x', 'X':
		p.size = 4
		if u.bytes != 0 {
			if u.bytes != 1 && u.bytes != 2 && u.bytes != 4 && u.bytes != 8 {
				return fmt.Errorf("bad byte count for conversion character %c", conv)
			}
			p.size = u.bytes
		}
	case 'e', 'E', 'f', 'g', 'G':
		p.size = 8
		if u.bytes != 0 {
			if u.bytes != 4 && u.bytes != 8 {
				return fmt.Errorf("bad byte count for conversion character %c", conv)
			}
			p.size = u.bytes
		}
	default:
		return fmt.Errorf("bad conversion character %%%c", conv)
	}
	return nil
}

// fieldWidth is the width a blank field of p takes.
func (p *hexPiece) fieldWidth() int {
	w := strings.TrimLeft(p.spec, "#-+ 0")
	w, _, _ = strings.Cut(w, ".")
	n, _ := strconv.Atoi(w)
	return n
}
