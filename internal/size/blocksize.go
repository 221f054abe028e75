// SPDX-License-Identifier: Apache-2.0

package size

import "strings"

// BlockSize is a --block-size setting (df, du, ls): the unit amounts are
// counted in, and how they are written.
type BlockSize struct {
	Size  uint64
	Style Style
}

// BlockSyntax is how --block-size and the *BLOCK_SIZE variables read a
// number: C numbers, K M G T P E Z Y (k m g t too) with B, D or iB.
var BlockSyntax = Syntax{Units: "eEgGkKmMpPtTyYzZ", Decimal: true, CNumbers: true}

// ParseBlockSize reads a block size: "human-readable" or "si" (or any
// prefix of them), else a size. A bare unit ("M", "kB", "KiB") also
// writes that unit after every amount; a "B" then, without "i", counts
// in thousands. A leading quote asks for digit grouping, which the C
// locale does not have. Zero is Invalid.
func ParseBlockSize(spec string) (BlockSize, Problem) {
	spec = strings.TrimPrefix(spec, "'")
	switch {
	case spec != "" && strings.HasPrefix("human-readable", spec):
		return BlockSize{1, Human}, 0
	case spec != "" && strings.HasPrefix("si", spec):
		return BlockSize{1, HumanSI}, 0
	}
	p := BlockSyntax.Parse(spec)
	if p.Problem != 0 {
		return BlockSize{Size: p.Value}, p.Problem
	}
	if p.Value == 0 {
		return BlockSize{}, Invalid
	}
	b := BlockSize{Size: p.Value}
	if p.UnitOnly {
		b.Style.Unit = true
		b.Style.Bytes = strings.HasSuffix(p.Unit, "B")
		b.Style.SI = b.Style.Bytes && !strings.HasSuffix(p.Unit, "iB")
	}
	return b, 0
}

// Env looks up an environment variable: its value and whether it is set
// (set and empty is not the same as unset).
type Env func(name string) (string, bool)

// DefaultBlockSize is the block size without any setting: 1024, or 512
// when POSIXLY_CORRECT is set.
func DefaultBlockSize(env Env) uint64 {
	if _, set := env("POSIXLY_CORRECT"); set {
		return 512
	}
	return 1024
}

// BlockSizeOption reads a --block-size value. On a problem the size is
// what was read (the default where that is zero), for the caller to
// complain about.
func BlockSizeOption(value string, env Env) (BlockSize, Problem) {
	b, problem := ParseBlockSize(value)
	if b.Size == 0 {
		b.Size = DefaultBlockSize(env)
	}
	return b, problem
}

// BlockSizeFromEnv is the block size the environment sets: the first set
// one of the tool's own variable (first; "" for none), BLOCK_SIZE and
// BLOCKSIZE, read as BlockSizeOption does; else the default.
func BlockSizeFromEnv(first string, env Env) (BlockSize, Problem) {
	for _, name := range []string{first, "BLOCK_SIZE", "BLOCKSIZE"} {
		if name == "" {
			continue
		}
		if v, set := env(name); set {
			return BlockSizeOption(v, env)
		}
	}
	return BlockSize{Size: DefaultBlockSize(env)}, 0
}
