// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// DirHashForTest is dirHash for a hash named as debugfs names them and a
// seed written as a UUID ("" for none).
func DirHashForTest(name, alg, seed string) (uint32, uint32) {
	versions := map[string]int{"legacy": 0, "half_md4": 1, "tea": 2, "legacy_unsigned": 3, "half_md4_unsigned": 4, "tea_unsigned": 5}
	var s [4]uint32
	if seed != "" {
		b, err := hex.DecodeString(strings.ReplaceAll(seed, "-", ""))
		if err != nil || len(b) != 16 {
			panic("bad seed " + seed)
		}
		for i := range s {
			s[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
	}
	h, m, _ := dirHash([]byte(name), versions[alg], s)
	return h, m
}
