// SPDX-License-Identifier: Apache-2.0

package blkprobe

import "fmt"

// ISO 9660, with the Joliet supplementary descriptor's UTF-16 names, and
// the old High Sierra format. The descriptors start at 32 KiB, one per
// 2 KiB sector; the UUID is the modification (else creation) date.

const (
	isoSector      = 2048
	isoFirstDesc   = 0x8000
	isoMaxDescs    = 16
	isoBootRecord  = 0
	isoPrimary     = 1
	isoSupplement  = 2
	isoTerminator  = 0xff
	isoDescReadLen = 0x371 // through the modification date
)

var iso9660Prober = &prober{name: "iso9660", usage: usageFilesystem, tolerant: true, probe: probeISO9660,
	magics: []magic{{text: "CD001", kb: 32, off: 1}, {text: "CDROM", kb: 32, off: 9}}}

// Fields of a primary or supplementary descriptor: offset and length.
var isoFields = []struct {
	name     string
	off, len int
}{
	{"SYSTEM_ID", 8, 32},
	{"VOLUME_SET_ID", 190, 128},
	{"PUBLISHER_ID", 318, 128},
	{"DATA_PREPARER_ID", 446, 128},
	{"APPLICATION_ID", 574, 128},
}

const (
	isoVolumeID   = 40
	isoEscapes    = 88
	isoCreated    = 813
	isoModified   = 830
	isoBootSysID  = 7
	isoHSVolumeID = 48
)

func probeISO9660(p *Probe, m *magic) bool {
	if m.text == "CDROM" {
		b := p.read(m.kb*1024, 80)
		if b == nil {
			return false
		}
		p.setBlockSize(isoSector)
		p.setVersion("High Sierra")
		p.setLabel(b[isoHSVolumeID : isoHSVolumeID+32])
		return true
	}
	var boot, pvd, joliet []byte
	off := int64(isoFirstDesc)
	for i := 0; i < isoMaxDescs && (boot == nil || pvd == nil || joliet == nil); i, off = i+1, off+isoSector {
		d := p.read(off, isoDescReadLen)
		if d == nil || d[0] == isoTerminator {
			break
		}
		switch {
		case boot == nil && d[0] == isoBootRecord:
			boot = d
		case pvd == nil && d[0] == isoPrimary:
			pvd = d
		case joliet == nil && d[0] == isoSupplement:
			if esc := string(d[isoEscapes : isoEscapes+3]); esc == "%/@" || esc == "%/C" || esc == "%/E" {
				joliet = d
			}
		}
	}
	if pvd == nil {
		return false
	}
	p.setBlockSize(isoSector)
	for i, f := range isoFields {
		ascii := pvd[f.off : f.off+f.len]
		var uni []byte
		if joliet != nil {
			uni = joliet[f.off : f.off+f.len]
		}
		if i < 2 {
			p.isoText(f.name, ascii, uni)
		} else {
			p.isoOptionalText(f.name, ascii, uni)
		}
	}
	if !p.isoDateUUID(pvd[isoModified:]) {
		p.isoDateUUID(pvd[isoCreated:])
	}
	if boot != nil {
		p.setIDLabel("BOOT_SYSTEM_ID", boot[isoBootSysID:isoBootSysID+32])
	}
	if joliet != nil {
		p.setVersion("Joliet Extension")
	}
	ascii := pvd[isoVolumeID : isoVolumeID+32]
	switch {
	case joliet == nil:
		p.setLabel(ascii)
	default:
		uni := joliet[isoVolumeID : isoVolumeID+32]
		if merged := mergeJoliet(uni, ascii); merged != nil {
			uni = merged
		}
		p.setUTF16Label("LABEL", uni, false)
	}
	return true
}

// isoText sets a field that is always reported: from Joliet when there
// is a supplementary descriptor (merged with the primary's text where
// that one is longer), else from the primary.
func (p *Probe) isoText(name string, ascii, uni []byte) {
	switch {
	case uni == nil:
		p.setIDLabel(name, ascii)
	case mergeJoliet(uni, ascii) != nil:
		p.setUTF16Label(name, mergeJoliet(uni, ascii), false)
	default:
		p.setUTF16Label(name, uni, false)
	}
}

// isoOptionalText is the same for a field left out when blank or "_"
// (a reference to a file, which is not text to show).
func (p *Probe) isoOptionalText(name string, ascii, uni []byte) {
	asciiEmpty := isoBlank(ascii) || ascii[0] == '_'
	uniEmpty := uni == nil || utf16Blank(uni) || uni[0] == 0 && uni[1] == '_'
	switch {
	case !uniEmpty && !asciiEmpty && mergeJoliet(uni, ascii) != nil:
		p.setUTF16Label(name, mergeJoliet(uni, ascii), false)
	case !uniEmpty:
		p.setUTF16Label(name, uni, false)
	case !asciiEmpty:
		p.setIDLabel(name, ascii)
	}
}

func isoBlank(b []byte) bool {
	if len(b) == 0 || b[0] == 0 {
		return true
	}
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

func utf16Blank(b []byte) bool {
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] != 0 || !isSpace(b[i+1]) {
			return false
		}
	}
	return true
}

// mergeJoliet rebuilds a text from its Joliet form (UTF-16BE, at most
// half as many characters) and its primary form (upper-case ASCII with
// '_' for what it cannot hold): when the Joliet text is a prefix of the
// primary one, the result takes each character from the form that has
// it right and the primary's rest after Joliet's end. nil if they
// differ.
func mergeJoliet(uni, ascii []byte) []byte {
	n := len(ascii)
	var out []byte
	a, u := 0, 0
	for ; u+1 < n && a < n; a, u = a+1, u+2 {
		if uni[u] >= 0xD8 && uni[u] <= 0xDB && u+3 < n && uni[u+2] >= 0xDC && uni[u+2] <= 0xDF {
			out = append(out, uni[u], uni[u+1])
			u += 2
			if u+1 >= len(uni) {
				return nil
			}
		}
		switch {
		case ascii[a] == '_':
			out = append(out, uni[u], uni[u+1])
		case uni[u] == 0 && uni[u+1] == '_':
			out = append(out, 0, ascii[a])
		case uni[u] == 0 && upperASCII(ascii[a]) == upperASCII(uni[u+1]):
			c := ascii[a]
			if c >= 'A' && c <= 'Z' {
				c = uni[u+1]
			}
			out = append(out, 0, c)
		default:
			return nil
		}
	}
	for ; a < n; a++ {
		out = append(out, 0, ascii[a])
	}
	return out
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 32
	}
	return c
}

// isoDateUUID sets the UUID from a descriptor date (16 digits and a zone
// byte) unless it is unset: all '0' with a zero zone.
func (p *Probe) isoDateUUID(d []byte) bool {
	digits := d[:16]
	zeros := 0
	for _, c := range digits {
		if c == '0' {
			zeros++
		}
	}
	if zeros == 16 && d[16] == 0 {
		return false
	}
	p.setUUIDText(digits, fmt.Sprintf("%s-%s-%s-%s-%s-%s-%s", digits[0:4], digits[4:6], digits[6:8],
		digits[8:10], digits[10:12], digits[12:14], digits[14:16]))
	return true
}
