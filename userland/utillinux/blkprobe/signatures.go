// SPDX-License-Identifier: Apache-2.0

package blkprobe

// Signature is one signature's magic found on a device: what wipefs
// lists and erases, and what mkswap wipes before writing its header.
type Signature struct {
	Type, UUID, Label, Usage string
	// Offset is where the magic bytes are; Magic are those bytes.
	Offset int64
	Magic  []byte
}

// Signatures lists the superblock signatures on dev as wipefs sees
// them: each signature is tried again once its magic has been set aside,
// so a filesystem with several magics (vfat's name, jump byte and 55AA)
// shows each, in probing order. want, if not nil, picks the types.
func Signatures(dev Device, want func(typ string) bool) ([]Signature, error) {
	p := New(dev, Label|UUID|Type|Usage)
	var out []Signature
	if dev.Size <= 1024 {
		return nil, nil
	}
	for _, pr := range probers {
		if want != nil && !want(pr.name) {
			continue
		}
		for {
			p.values, p.magic = nil, nil
			found := p.tryProber(pr)
			if p.err != nil {
				return out, p.err
			}
			if !found || p.magic == nil {
				break
			}
			m := p.magic
			s := Signature{Type: pr.name, Usage: pr.usage.String(), Offset: m.at(), Magic: []byte(m.text)}
			s.UUID, _ = p.Lookup("UUID")
			s.Label, _ = p.Lookup("LABEL")
			out = append(out, s)
			p.hidden = append(p.hidden, [2]int64{m.at(), m.at() + int64(len(m.text))})
		}
	}
	return out, nil
}
