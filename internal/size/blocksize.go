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

// DefaultBlockSize is the block size without any setting: 1024, or 512
// when POSIXLY_CORRECT is set.
func DefaultBlockSize(getenv func(string) string) uint64 {
	if getenv("POSIXLY_CORRECT") != "" {
		return 512
	}
	return 1024
}

// BlockSizeSetting is a block size from an option value, or where that is
// empty from the first set one of the tool's variable (first, may be "")
// BLOCK_SIZE and BLOCKSIZE, or else the default. On a problem the default
// size is returned with it.
func BlockSizeSetting(value, first string, getenv func(string) string) (BlockSize, Problem) {
	spec := value
	for _, name := range []string{first, "BLOCK_SIZE", "BLOCKSIZE"} {
		if spec != "" {
			break
		}
		if name != "" {
			spec = getenv(name)
		}
	}
	if spec == "" {
		return BlockSize{Size: DefaultBlockSize(getenv)}, 0
	}
	b, problem := ParseBlockSize(spec)
	if b.Size == 0 {
		b.Size = DefaultBlockSize(getenv)
	}
	return b, problem
}
