// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
)

// TestSignatures: every magic of every signature, each found again
// until its bytes are set aside, in probing order, with -t's filter;
// the device itself is never written.
func TestSignatures(t *testing.T) {
	b := make([]byte, 64*1024)
	le := binary.LittleEndian
	le.PutUint32(b[1024:], 1)
	le.PutUint32(b[1028:], 15)
	copy(b[1036:], bytes.Repeat([]byte{0xab}, 16))
	copy(b[1052:], "lab")
	copy(b[4096-10:], "SWAPSPACE2")
	copy(b[8192-10:], "SWAP-SPACE") // a second page size's signature too
	copy(b, "hsqs")
	b[28] = 4
	orig := append([]byte(nil), b...)
	dev := Device{R: bytes.NewReader(b), Size: int64(len(b))}
	sigs, err := Signatures(dev, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sigs {
		got = append(got, fmt.Sprintf("%s@%#x:%q:%s:%s:%s", s.Type, s.Offset, s.Magic, s.UUID, s.Label, s.Usage))
	}
	want := []string{
		`swap@0xff6:"SWAPSPACE2":abababab-abab-abab-abab-abababababab:lab:other`,
		`swap@0x1ff6:"SWAP-SPACE":::other`,
		`squashfs@0x0:"hsqs":::filesystem`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("signatures:\n got %q\nwant %q", got, want)
	}
	sigs, _ = Signatures(dev, func(typ string) bool { return typ == "squashfs" })
	if len(sigs) != 1 || sigs[0].Type != "squashfs" {
		t.Errorf("squashfs only: %+v", sigs)
	}
	if !bytes.Equal(b, orig) {
		t.Error("listing changed the device")
	}
}
