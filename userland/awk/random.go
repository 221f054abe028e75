// SPDX-License-Identifier: Apache-2.0

package awk

// randomGen is the additive feedback generator that glibc's random()
// uses by default (degree 31, separation 3), which mawk's rand() divides
// by RAND_MAX: srand(N) then gives the same numbers as mawk. The state
// is seeded by a Lehmer sequence (16807 modulo 2^31-1, kept in 32 bits
// with Schrage's method) and the first 310 outputs are dropped.
type randomGen struct {
	ring [34]uint32 // the last 34 values of the sequence
	n    int        // how many values were produced
}

const randMax = 2147483647

func newRandomGen(seed uint32) *randomGen {
	g := &randomGen{}
	if seed == 0 {
		seed = 1
	}
	w := int32(seed)
	g.ring[0] = uint32(w)
	for i := 1; i < 31; i++ {
		hi, lo := w/127773, w%127773
		w = 16807*lo - 2836*hi
		if w < 0 {
			w += randMax
		}
		g.ring[i] = uint32(w)
	}
	for i := 31; i < 34; i++ {
		g.ring[i] = g.ring[i-31]
	}
	g.n = 34
	for i := 0; i < 310; i++ {
		g.next()
	}
	return g
}

// next is the following 31-bit output.
func (g *randomGen) next() uint32 {
	at := func(i int) *uint32 { return &g.ring[i%34] }
	v := *at(g.n - 31) + *at(g.n - 3)
	*at(g.n) = v
	g.n++
	return v >> 1
}

// float is rand(): an output divided by RAND_MAX.
func (g *randomGen) float() float64 {
	return float64(g.next()) / randMax
}
