// SPDX-License-Identifier: Apache-2.0

package blkprobe

import "bytes"

// The superblocks chain: every known signature is tried in libblkid's
// order (its idinfos table, of which we know a subset); a signature is
// first found by its magic bytes, then its probe function checks the
// superblock and sets the values.

// usage is what a signature is for (BLKID_USAGE_*).
type usage int

const (
	usageFilesystem usage = iota
	usageRaid
	usageCrypto
	usageOther
)

func (u usage) String() string {
	return [...]string{"filesystem", "raid", "crypto", "other"}[u]
}

// magic is one place a signature's magic bytes may be: at kb KiB plus
// off bytes.
type magic struct {
	text string
	kb   int64
	off  int64
}

func (m magic) at() int64 { return m.kb*1024 + m.off }

// prober is one signature of the chain (struct blkid_idinfo).
type prober struct {
	name  string
	usage usage
	// tolerant signatures may share a device with another one (iso9660
	// with a hybrid image's other filesystem) without ambivalence.
	tolerant bool
	minSize  int64
	magics   []magic
	// probe checks the superblock found by its magic (nil if the
	// signature has none) and sets the values; false rejects it.
	probe func(p *Probe, m *magic) bool
}

// probers are the signatures, in libblkid's order.
var probers []*prober

func init() {
	probers = []*prober{
		vfatProber, swapProber, xfsProber,
		extProber("ext4dev", usageFilesystem, ext4devMatch),
		extProber("ext4", usageFilesystem, ext4Match),
		extProber("ext3", usageFilesystem, ext3Match),
		extProber("ext2", usageFilesystem, ext2Match),
		extProber("jbd", usageOther, jbdMatch),
		iso9660Prober, romfsProber, squashfsProber, squashfs3Prober, btrfsProber,
	}
}

// Names lists the signatures known, in probing order (blkid -k).
func Names() []string {
	var out []string
	for _, pr := range probers {
		out = append(out, pr.name)
	}
	return out
}

// findMagic is blkid_probe_get_idmag: the first of pr's magics present,
// nil if none is; ok is false when pr has magics and none matched.
func (p *Probe) findMagic(pr *prober) (m *magic, ok bool) {
	if len(pr.magics) == 0 {
		return nil, true
	}
	for i := range pr.magics {
		mg := &pr.magics[i]
		b := p.read(mg.at(), len(mg.text))
		if b != nil && string(b) == mg.text {
			return mg, true
		}
	}
	return nil, false
}

// tryProber runs one signature's check; on success its TYPE and USAGE
// follow the values it set, on failure they are dropped.
func (p *Probe) tryProber(pr *prober) bool {
	if pr.minSize > 0 && pr.minSize > p.dev.Size {
		return false
	}
	m, ok := p.findMagic(pr)
	if !ok {
		return false
	}
	mark := len(p.values)
	if pr.probe != nil && !pr.probe(p, m) {
		p.values = p.values[:mark]
		return false
	}
	p.magic = m
	if p.want(Type) {
		p.set("TYPE", pr.name)
	}
	if p.want(Usage) {
		p.set("USAGE", pr.usage.String())
	}
	return true
}

// superblocks is superblocks_safeprobe: the first signature found is the
// result; on a device larger than a floppy the others are tried too, and
// a second one that is not tolerant makes the result ambivalent.
func (p *Probe) superblocks() Status {
	// Very small devices hold nothing (an extended partition's stub).
	if p.dev.Size <= 1024 {
		return Nothing
	}
	var first []Value
	count, intolerant := 0, 0
	for _, pr := range probers {
		if p.skip != nil && p.skip(pr) {
			continue
		}
		mark := len(p.values)
		found := p.tryProber(pr)
		if p.err != nil {
			return Failed
		}
		if !found {
			continue
		}
		if p.tiny() && count == 0 {
			return Found
		}
		count++
		if !pr.tolerant {
			intolerant++
		}
		if count == 1 {
			first = append([]Value(nil), p.values[mark:]...)
		}
		p.values = p.values[:mark]
	}
	switch {
	case count > 1 && intolerant > 0:
		return Ambivalent
	case count == 0:
		return Nothing
	}
	p.values = append(p.values, first...)
	return Found
}

// Helpers for the values the probes set.

// cstring is the bytes up to the first NUL.
func cstring(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func rtrim(b []byte) []byte {
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func ltrim(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// setLabel is blkid_probe_set_label: the text up to a NUL, trailing
// blanks dropped; an empty one is not set.
func (p *Probe) setLabel(raw []byte) {
	if !p.want(Label) {
		return
	}
	if s := rtrim(cstring(raw)); len(s) > 0 {
		p.set("LABEL", string(s))
	}
}

// setIDLabel is blkid_probe_set_id_label: a named text, blanks dropped
// on both sides.
func (p *Probe) setIDLabel(name string, raw []byte) {
	if !p.want(Label) {
		return
	}
	if s := ltrim(rtrim(cstring(raw))); len(s) > 0 {
		p.set(name, string(s))
	}
}

// setUTF16Label is blkid_probe_set_utf8label / set_utf8_id_label for
// UTF-16 text (big-endian unless le): converted, then trimmed (both
// sides for a named one).
func (p *Probe) setUTF16Label(name string, raw []byte, le bool) {
	if !p.want(Label) {
		return
	}
	s := rtrim(utf16ToUTF8(raw, le))
	if name != "LABEL" {
		s = ltrim(s)
	}
	if len(s) > 0 {
		p.set(name, string(s))
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// formatUUID is the DCE form of 16 bytes.
func formatUUID(u []byte) string {
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range u[:16] {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&15])
	}
	return string(out)
}

// setUUIDAs is blkid_probe_set_uuid_as: a DCE UUID that is not all
// zeros, as UUID (when asked for) or under its own name.
func (p *Probe) setUUIDAs(u []byte, name string) {
	if allZero(u[:16]) {
		return
	}
	if name == "" {
		if !p.want(UUID) {
			return
		}
		name = "UUID"
	}
	p.set(name, formatUUID(u))
}

// setUUIDText sets a UUID made of the raw bytes' text form, unless the
// raw bytes are all zeros (blkid_probe_sprintf_uuid).
func (p *Probe) setUUIDText(raw []byte, text string) {
	if allZero(raw) || !p.want(UUID) {
		return
	}
	p.set("UUID", text)
}

func (p *Probe) setVersion(v string) {
	if p.want(Version) {
		p.set("VERSION", v)
	}
}

func (p *Probe) setBlockSize(n uint64) {
	p.set("BLOCK_SIZE", uitoa(n))
}

func uitoa(n uint64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// utf16ToUTF8 is ul_encode_to_utf8 for UTF-16: pairs decoded, a NUL ends
// the text, an odd last byte is dropped.
func utf16ToUTF8(b []byte, le bool) []byte {
	unit := func(i int) uint32 {
		if le {
			return uint32(b[i]) | uint32(b[i+1])<<8
		}
		return uint32(b[i])<<8 | uint32(b[i+1])
	}
	var out []byte
	for i := 0; i+2 <= len(b); i += 2 {
		c := unit(i)
		if c >= 0xD800 && c <= 0xDBFF && i+4 <= len(b) {
			if c2 := unit(i + 2); c2 >= 0xDC00 && c2 <= 0xDFFF {
				c = 0x10000 + (c-0xD800)<<10 + (c2 - 0xDC00)
				i += 2
			}
		}
		if c == 0 {
			break
		}
		out = appendUTF8(out, c)
	}
	return out
}

// appendUTF8 encodes c as the converter does, lone surrogates included.
func appendUTF8(out []byte, c uint32) []byte {
	switch {
	case c < 0x80:
		return append(out, byte(c))
	case c < 0x800:
		return append(out, byte(0xc0|c>>6), byte(0x80|c&0x3f))
	case c < 0x10000:
		return append(out, byte(0xe0|c>>12), byte(0x80|(c>>6)&0x3f), byte(0x80|c&0x3f))
	}
	return append(out, byte(0xf0|c>>18), byte(0x80|(c>>12)&0x3f), byte(0x80|(c>>6)&0x3f), byte(0x80|c&0x3f))
}

// Match is one signature found on a device.
type Match struct {
	Usage, Type, Version string
}

// Matches are every signature found, in probing order (what blkid's
// udev output lists when the result is ambivalent).
func (p *Probe) Matches() []Match {
	saved, flags := p.values, p.flags
	defer func() { p.values, p.flags = saved, flags }()
	p.flags |= Type | Usage | Version
	var out []Match
	for _, pr := range probers {
		if p.skip != nil && p.skip(pr) {
			continue
		}
		p.values = nil
		if p.dev.Size > 1024 && p.tryProber(pr) {
			v, _ := p.Lookup("VERSION")
			out = append(out, Match{Usage: pr.usage.String(), Type: pr.name, Version: v})
		}
	}
	return out
}
