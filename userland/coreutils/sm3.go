// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"encoding/binary"
	"hash"
	"math/bits"
)

// SM3 (GB/T 32905-2016), for cksum -a sm3: a Merkle-Damgård hash of
// 64-byte blocks padded as SHA-256's are, with a 256-bit digest.

var sm3IV = [8]uint32{0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e}

type sm3 struct {
	v    [8]uint32
	buf  [64]byte
	used int
	n    uint64 // bytes written
}

func newSM3() hash.Hash {
	d := &sm3{}
	d.Reset()
	return d
}

func (d *sm3) Reset()         { d.v, d.used, d.n = sm3IV, 0, 0 }
func (d *sm3) Size() int      { return 32 }
func (d *sm3) BlockSize() int { return 64 }

func (d *sm3) Write(p []byte) (int, error) {
	d.n += uint64(len(p))
	total := len(p)
	for len(p) > 0 {
		k := copy(d.buf[d.used:], p)
		d.used += k
		p = p[k:]
		if d.used == 64 {
			d.block()
			d.used = 0
		}
	}
	return total, nil
}

// Sum pads a copy: a 1 bit, zeros, and the length in bits.
func (d *sm3) Sum(in []byte) []byte {
	c := *d
	var pad [72]byte
	pad[0] = 0x80
	k := (55 - c.used + 64) % 64
	binary.BigEndian.PutUint64(pad[1+k:], c.n*8)
	c.Write(pad[:1+k+8])
	var out [32]byte
	for i, v := range c.v {
		binary.BigEndian.PutUint32(out[4*i:], v)
	}
	return append(in, out[:]...)
}

// block compresses the buffered block into the state (CF).
func (d *sm3) block() {
	rotl := bits.RotateLeft32
	p0 := func(x uint32) uint32 { return x ^ rotl(x, 9) ^ rotl(x, 17) }
	p1 := func(x uint32) uint32 { return x ^ rotl(x, 15) ^ rotl(x, 23) }
	var w [68]uint32
	for i := range 16 {
		w[i] = binary.BigEndian.Uint32(d.buf[4*i:])
	}
	for j := 16; j < 68; j++ {
		w[j] = p1(w[j-16]^w[j-9]^rotl(w[j-3], 15)) ^ rotl(w[j-13], 7) ^ w[j-6]
	}
	a, b, c, dd, e, f, g, h := d.v[0], d.v[1], d.v[2], d.v[3], d.v[4], d.v[5], d.v[6], d.v[7]
	for j := range 64 {
		t, ff, gg := uint32(0x79cc4519), a^b^c, e^f^g
		if j >= 16 {
			t, ff, gg = 0x7a879d8a, a&b|a&c|b&c, e&f|^e&g
		}
		ss1 := rotl(rotl(a, 12)+e+rotl(t, j%32), 7)
		ss2 := ss1 ^ rotl(a, 12)
		tt1 := ff + dd + ss2 + (w[j] ^ w[j+4])
		tt2 := gg + h + ss1 + w[j]
		dd, c, b, a = c, rotl(b, 9), a, tt1
		h, g, f, e = g, rotl(f, 19), e, p0(tt2)
	}
	for i, x := range [8]uint32{a, b, c, dd, e, f, g, h} {
		d.v[i] ^= x
	}
}
