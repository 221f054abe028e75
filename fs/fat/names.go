// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// cp437High is the upper half of code page 437 (nls_cp437's page00
// reversed): the characters of short-name bytes 0x80..0xff.
var cp437High = []rune("ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»" +
	"░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
	"αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0")

// cp437Lower is nls_cp437's charset2lower beyond ASCII.
var cp437Lower = map[byte]byte{0x80: 0x87, 0x8e: 0x84, 0x8f: 0x86, 0x90: 0x82, 0x92: 0x91, 0x99: 0x94, 0x9a: 0x81, 0xa5: 0xa4}

// cp437ToUni is nls_cp437's char2uni.
func cp437ToUni(c byte) uint16 {
	if c < 0x80 {
		return uint16(c)
	}
	return uint16(cp437High[c-0x80])
}

// cp437ToLowerUni is fat_short2lower_uni for code page 437.
func cp437ToLowerUni(c byte) uint16 {
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	} else if l, ok := cp437Lower[c]; ok {
		c = l
	}
	return cp437ToUni(c)
}

// charset is the part of an nls_table the driver uses for iocharset=:
// uni2char and charset2lower.
type charset struct {
	uni2char func(u uint16) ([]byte, bool)
	lower    func(c byte) byte
}

func asciiLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// ioCharset is load_nls for the character sets this kernel has built
// in; nil for any other.
func ioCharset(name string) *charset {
	switch name {
	case "ascii":
		return &charset{func(u uint16) ([]byte, bool) { return []byte{byte(u)}, u < 0x80 }, asciiLower}
	case "utf8":
		return &charset{func(u uint16) ([]byte, bool) {
			if u >= 0xd800 && u < 0xe000 {
				return nil, false
			}
			return utf8.AppendRune(nil, rune(u)), true
		}, func(c byte) byte { return c }}
	case "iso8859-1":
		return &charset{func(u uint16) ([]byte, bool) { return []byte{byte(u)}, u < 0x100 },
			func(c byte) byte {
				if c >= 0xc0 && c <= 0xde && c != 0xd7 {
					return c + 0x20
				}
				return asciiLower(c)
			}}
	case "cp437":
		return &charset{func(u uint16) ([]byte, bool) {
			if u < 0x80 {
				return []byte{byte(u)}, true
			}
			for i, r := range cp437High {
				if uint16(r) == u {
					return []byte{byte(0x80 + i)}, true
				}
			}
			return nil, false
		}, func(c byte) byte {
			if l, ok := cp437Lower[c]; ok {
				return l
			}
			return asciiLower(c)
		}}
	}
	return nil
}

// utf16ToUTF8 is utf16s_to_utf8s: up to the first NUL, pairs of
// surrogates joined, a lone surrogate dropped.
func utf16ToUTF8(u []uint16, max int) []byte {
	var out []byte
	for i := 0; i < len(u) && u[i] != 0 && len(out) < max; i++ {
		c := rune(u[i])
		if c >= 0xd800 && c < 0xe000 {
			if c >= 0xdc00 || i+1 >= len(u) || u[i+1] < 0xdc00 || u[i+1] >= 0xe000 {
				continue
			}
			c = 0x10000 + (c-0xd800)<<10 + rune(u[i+1]-0xdc00)
			i++
		}
		if n := utf8.RuneLen(c); len(out)+n > max {
			break
		}
		out = utf8.AppendRune(out, c)
	}
	return out
}

// uniToX8 is the name readdir shows for UTF-16 u, as fat_uni_to_x8
// makes it: UTF-8 with the utf8 option; otherwise each character through
// iocharset, stopping while a character of up to six bytes still fits
// in max. A name cut short there is warned of, as the kernel does.
func (fs *filesystem) uniToX8(u []uint16, max int) []byte {
	if fs.opts.utf8 {
		return utf16ToUTF8(u, max)
	}
	cs := fs.io
	var out []byte
	for ; len(u) > 0 && u[0] != 0; u = u[1:] {
		if len(out) >= max-6 {
			fs.msg(vfs.KernWarning, "filename was truncated while converting.")
			break
		}
		out = fs.appendChar(out, cs, u[0])
	}
	return out
}

// appendChar adds one character in iocharset; one the character set
// cannot show becomes '?', or ':' and its four hex digits with
// uni_xlate.
func (fs *filesystem) appendChar(out []byte, cs *charset, c uint16) []byte {
	if b, ok := cs.uni2char(c); ok {
		return append(out, b...)
	}
	if fs.opts.uniXlate {
		return append(out, ':', hex[c>>12], hex[c>>8&15], hex[c>>4&15], hex[c&15])
	}
	return append(out, '?')
}

const hex = "0123456789abcdef"

// checksum is fat_checksum: the short name's sum each long-name slot
// carries.
func checksum(name []byte) byte {
	s := name[0]
	for _, c := range name[1:11] {
		s = (s&1)<<7 + s>>1 + c
	}
	return s
}

// shortDisplay is fat_parse_short: the name a short entry shows. vfat
// converts it through code page 437 (lowercased as the entry's case
// bits and shortname= say); msdos shows its bytes, lowercased unless
// nocase, with a leading dot for a hidden file under dotsOK.
func (fs *filesystem) shortDisplay(de []byte, dotHidden bool) []byte {
	var work [11]byte
	copy(work[:], de[:11])
	if work[0] == 0x05 {
		work[0] = 0xe5
	}
	if !fs.opts.vfat {
		return fs.msdosDisplay(work[:], dotHidden && de[11]&attrHidden != 0)
	}
	lcase := de[12]
	var uni []uint16
	part := func(b []byte, lower bool) {
		keep := len(uni)
		for _, c := range b {
			if c == 0 {
				break
			}
			if fs.displayLower(lower) {
				uni = append(uni, cp437ToLowerUni(c))
			} else {
				uni = append(uni, cp437ToUni(c))
			}
			if c != ' ' {
				keep = len(uni)
			}
		}
		uni = uni[:keep]
	}
	part(work[:8], lcase&caseLowerBase != 0)
	base := len(uni)
	uni = append(uni, '.')
	part(work[8:], lcase&caseLowerExt != 0)
	if len(uni) == base+1 {
		uni = uni[:base]
	}
	if len(uni) == 0 {
		return nil
	}
	return fs.uniToX8(uni, 12*6+1)
}

// displayLower is fat_shortname2uni's choice between the two forms.
func (fs *filesystem) displayLower(lcaseBit bool) bool {
	s := fs.opts.shortname
	switch {
	case s&sfnDisplayLower != 0:
		return true
	case s&sfnDisplayWin95 != 0:
		return false
	case s&sfnDisplayWinNT != 0:
		return lcaseBit
	}
	return false
}

// msdosDisplay is fat_parse_short without vfat: bytes, not characters.
func (fs *filesystem) msdosDisplay(work []byte, hidden bool) []byte {
	var out []byte
	if hidden {
		out = append(out, '.')
	}
	start := len(out)
	part := func(b []byte) {
		keep := len(out)
		for _, c := range b {
			if c == 0 {
				break
			}
			if !fs.opts.nocase {
				c = asciiLower(c)
			}
			out = append(out, c)
			if c != ' ' {
				keep = len(out)
			}
		}
		out = out[:keep]
	}
	part(work[:8])
	base := len(out)
	out = append(out, '.')
	part(work[8:])
	if len(out) == base+1 {
		out = out[:base]
	}
	if len(out) == start {
		return nil
	}
	return out
}

// nameMatch is fat_name_match: case-insensitive by iocharset unless
// check=strict.
func (fs *filesystem) nameMatch(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if fs.opts.nameCheck == 's' {
		return string(a) == string(b)
	}
	lower := fs.io.lower
	for i := range a {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// Bytes a short name may not hold, by the check= level that refuses
// them; control characters, ':' and '\\' are refused at every level.
const (
	refusedUnlessRelaxed = "*?<>|\""
	refusedWhenStrict    = "+=,; "
)

// msdosFormat is the 11-byte short name that name stands for under
// msdos, or false for a name it refuses; it mirrors msdos_format_name in
// fs/fat/namei_msdos.c. A leading dot is dropped (dotsOK only; it is
// kept in ATTR_HIDDEN instead), the rest is split at its first dot into
// a base of up to 8 and an extension of up to 3 bytes, and each part is
// checked and then upper-cased (unless nocase) and padded with spaces.
func (fs *filesystem) msdosFormat(name []byte) ([11]byte, bool) {
	var res [11]byte
	if len(name) > 0 && name[0] == '.' {
		if !fs.opts.dotsOK {
			return res, false
		}
		name = name[1:]
	}
	base, ext, _ := bytes.Cut(name, []byte("."))
	base, baseOK := fs.shortPart(base, 8)
	ext, extOK := fs.shortPart(ext, 3)
	if !baseOK || !extOK || len(base) == 0 {
		return res, false
	}
	for i := range res {
		res[i] = ' '
	}
	fs.copyShortPart(res[:8], base)
	fs.copyShortPart(res[8:], ext)
	if res[0] == deletedFlag {
		res[0] = 0x05 // a first 0xe5 would read as a deleted entry
	}
	return res, true
}

// shortPart is the part of a base or extension a short name keeps, at
// most max bytes, and whether check= allows it. Relaxed and normal
// checking drop what does not fit (an extension ends at a further dot);
// strict checking refuses it. Neither part may end in a space.
func (fs *filesystem) shortPart(part []byte, max int) ([]byte, bool) {
	strict := fs.opts.nameCheck == 's'
	if dot := bytes.IndexByte(part, '.'); dot >= 0 {
		if strict {
			return nil, false
		}
		part = part[:dot]
	}
	if len(part) > max {
		if strict {
			return nil, false
		}
		part = part[:max]
	}
	for _, c := range part {
		if !fs.shortNameByte(c) {
			return nil, false
		}
	}
	return part, len(part) == 0 || part[len(part)-1] != ' '
}

// shortNameByte reports whether check= lets c into a short name.
func (fs *filesystem) shortNameByte(c byte) bool {
	switch check := fs.opts.nameCheck; {
	case c < ' ' || c == ':' || c == '\\':
		return false
	case check != 'r' && strings.IndexByte(refusedUnlessRelaxed, c) >= 0:
		return false
	case check == 's' && (strings.IndexByte(refusedWhenStrict, c) >= 0 || c >= 'A' && c <= 'Z'):
		return false
	}
	return true
}

// copyShortPart copies a checked part into its field, upper case
// unless nocase.
func (fs *filesystem) copyShortPart(field, part []byte) {
	for i, c := range part {
		if !fs.opts.nocase && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		field[i] = c
	}
}
