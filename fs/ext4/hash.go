// SPDX-License-Identifier: Apache-2.0

package ext4

import "math/bits"

// Directory hash versions (DX_HASH_*); the unsigned variants are the
// signed ones plus 3.
const (
	hashLegacy  = 0
	hashHalfMD4 = 1
	hashTea     = 2
	hashSiphash = 6
)

// htreeEOF is EXT4_HTREE_EOF_32BIT: a hash no name may have.
const htreeEOF = 0x7fffffff

// dirHash is ext4fs_dirhash: the (major, minor) hash that orders an
// indexed directory, for name under version and seed. ok is false for a
// version this driver does not know.
func dirHash(name []byte, version int, seed [4]uint32) (hash, minor uint32, ok bool) {
	state := [4]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}
	if seed != [4]uint32{} {
		state = seed
	}
	unsigned := version >= 3 && version <= 5
	if unsigned {
		version -= 3
	}
	switch version {
	case hashLegacy:
		hash = legacyHash(name, unsigned)
	case hashHalfMD4:
		for p := name; ; p = p[32:] {
			halfMD4(&state, packName(p, len(p), 8, unsigned))
			if len(p) <= 32 {
				break
			}
		}
		hash, minor = state[1], state[2]
	case hashTea:
		for p := name; ; p = p[16:] {
			tea(&state, packName(p, len(p), 4, unsigned))
			if len(p) <= 16 {
				break
			}
		}
		hash, minor = state[0], state[1]
	default:
		return 0, 0, false
	}
	hash &^= 1
	if hash == htreeEOF<<1 {
		hash = (htreeEOF - 1) << 1
	}
	return hash, minor, true
}

// char is a name byte as C's char on x86 (signed) or as unsigned char.
func char(b byte, unsigned bool) uint32 {
	if unsigned {
		return uint32(b)
	}
	return uint32(int32(int8(b)))
}

// legacyHash is dx_hack_hash.
func legacyHash(name []byte, unsigned bool) uint32 {
	h0, h1 := uint32(0x12a3fe2d), uint32(0x37abe8f9)
	for _, b := range name {
		h := h1 + (h0 ^ char(b, unsigned)*7152373)
		if h&0x80000000 != 0 {
			h -= 0x7fffffff
		}
		h1, h0 = h0, h
	}
	return h0 << 1
}

// packName is str2hashbuf: up to 4*words bytes of the name, four to a
// word, big end first, the words past the name filled with a pad made of
// the remaining length.
func packName(p []byte, length, words int, unsigned bool) []uint32 {
	pad := uint32(length) | uint32(length)<<8
	pad |= pad << 16
	out := make([]uint32, 0, words)
	val := pad
	n := min(length, 4*words)
	for i := range n {
		val = char(p[i], unsigned) + val<<8
		if i%4 == 3 {
			out = append(out, val)
			val = pad
		}
	}
	if len(out) < words && n%4 != 0 {
		out = append(out, val)
	}
	for len(out) < words {
		out = append(out, pad)
	}
	return out
}

// halfMD4 is half_md4_transform: three rounds of MD4 over eight words.
func halfMD4(buf *[4]uint32, in []uint32) {
	const k2, k3 = 0x5A827999, 0x6ED9EBA1
	a, b, c, d := buf[0], buf[1], buf[2], buf[3]
	f := func(x, y, z uint32) uint32 { return z ^ (x & (y ^ z)) }
	g := func(x, y, z uint32) uint32 { return (x & y) + ((x ^ y) & z) }
	h := func(x, y, z uint32) uint32 { return x ^ y ^ z }
	step := func(fn func(x, y, z uint32) uint32, a *uint32, b, c, d, x uint32, s int) {
		*a = bits.RotateLeft32(*a+fn(b, c, d)+x, s)
	}
	for i, s := range []int{3, 7, 11, 19, 3, 7, 11, 19} {
		switch i % 4 {
		case 0:
			step(f, &a, b, c, d, in[i], s)
		case 1:
			step(f, &d, a, b, c, in[i], s)
		case 2:
			step(f, &c, d, a, b, in[i], s)
		case 3:
			step(f, &b, c, d, a, in[i], s)
		}
	}
	for i, k := range []int{1, 3, 5, 7, 0, 2, 4, 6} {
		s := []int{3, 5, 9, 13}[i%4]
		switch i % 4 {
		case 0:
			step(g, &a, b, c, d, in[k]+k2, s)
		case 1:
			step(g, &d, a, b, c, in[k]+k2, s)
		case 2:
			step(g, &c, d, a, b, in[k]+k2, s)
		case 3:
			step(g, &b, c, d, a, in[k]+k2, s)
		}
	}
	for i, k := range []int{3, 7, 2, 6, 1, 5, 0, 4} {
		s := []int{3, 9, 11, 15}[i%4]
		switch i % 4 {
		case 0:
			step(h, &a, b, c, d, in[k]+k3, s)
		case 1:
			step(h, &d, a, b, c, in[k]+k3, s)
		case 2:
			step(h, &c, d, a, b, in[k]+k3, s)
		case 3:
			step(h, &b, c, d, a, in[k]+k3, s)
		}
	}
	buf[0] += a
	buf[1] += b
	buf[2] += c
	buf[3] += d
}

// tea is TEA_transform: sixteen rounds of the Tiny Encryption Algorithm
// with the name as key.
func tea(buf *[4]uint32, in []uint32) {
	const delta = 0x9E3779B9
	var sum uint32
	b0, b1 := buf[0], buf[1]
	a, b, c, d := in[0], in[1], in[2], in[3]
	for range 16 {
		sum += delta
		b0 += ((b1 << 4) + a) ^ (b1 + sum) ^ ((b1 >> 5) + b)
		b1 += ((b0 << 4) + c) ^ (b0 + sum) ^ ((b0 >> 5) + d)
	}
	buf[0] += b0
	buf[1] += b1
}
