// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"fmt"
	"math"
	"strings"
)

// CFloat formats x as C's printf does one floating-point conversion:
// spec is what stands between '%' and conv (flags, width, precision),
// conv one of f F e E g G a A. Infinities and NaN read "inf" and "nan"
// (upper case for the upper-case conversions), as glibc writes them.
func CFloat(spec string, conv byte, x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		s := map[bool]string{true: "-inf", false: "inf"}[x < 0]
		if math.IsNaN(x) {
			s = "nan"
		}
		if conv >= 'A' && conv <= 'Z' {
			s = strings.ToUpper(s)
		}
		return fmt.Sprintf("%"+strings.ReplaceAll(spec, "0", "")+"s", s)
	}
	verb := string(conv)
	switch conv {
	case 'F':
		verb = "f"
	case 'a', 'A':
		verb = map[byte]string{'a': "x", 'A': "X"}[conv]
	case 'g', 'G', 'e', 'E', 'f':
		if !strings.Contains(spec, ".") {
			spec += ".6"
		}
	}
	return fmt.Sprintf("%"+spec+verb, x)
}
