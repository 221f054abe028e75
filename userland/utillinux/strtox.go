// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// cStrto reads s whole as C's strtoul (unsigned) or strtol does in base
// 10 on a 64-bit system: leading white space, a sign, digits. A minus
// sign negates an unsigned value modulo 2^64 rather than failing. No
// digits or anything after them is EINVAL, overflow ERANGE.
func cStrto(s string, unsigned bool) (uint64, error) {
	rest := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if rest != "" && (rest[0] == '+' || rest[0] == '-') {
		neg = rest[0] == '-'
		rest = rest[1:]
	}
	i := 0
	var v uint64
	overflow := false
	for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
		d := uint64(rest[i] - '0')
		if v > (math.MaxUint64-d)/10 {
			overflow = true
		}
		v = v*10 + d
	}
	switch {
	case i == 0 || i != len(rest):
		return 0, linux.EINVAL
	case overflow:
		return 0, linux.ERANGE
	case unsigned && neg:
		return -v, nil
	case unsigned:
		return v, nil
	case !neg && v > math.MaxInt64, neg && v > 1<<63:
		return 0, linux.ERANGE
	case neg:
		return uint64(-int64(v-1) - 1), nil
	}
	return v, nil
}

// numberOrErr is util-linux's strtoul_or_err (unsigned) and
// strtol_or_err: the error is "MSG: 'S'", with the errno's text after
// it for a number out of range.
func numberOrErr(s, msg string, unsigned bool) (uint64, error) {
	v, err := cStrto(s, unsigned)
	switch {
	case errors.Is(err, linux.ERANGE):
		return 0, fmt.Errorf("%s: '%s': %s", msg, s, applet.ErrText(err))
	case err != nil:
		return 0, fmt.Errorf("%s: '%s'", msg, s)
	}
	return v, nil
}

// int32OrErr is util-linux's strtos32_or_err: numberOrErr's signed
// number, which must also fit 32 bits.
func int32OrErr(s, msg string) (int32, error) {
	v, err := numberOrErr(s, msg, false)
	if err != nil {
		return 0, err
	}
	if n := int64(v); n < math.MinInt32 || n > math.MaxInt32 {
		return 0, fmt.Errorf("%s: '%s': %s", msg, s, applet.ErrText(linux.ERANGE))
	}
	return int32(v), nil
}
