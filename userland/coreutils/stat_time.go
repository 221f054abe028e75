// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// stat's time directives: %x %y %z %w as text, %X %Y %Z %W as seconds
// since the Epoch with an optional fraction.

// statTimespec picks the time a letter names; ok is false for an unknown
// birth time.
func statTimespec(st *vfs.Statx, letter byte) (vfs.Timespec, bool) {
	switch letter {
	case 'x', 'X':
		return st.Atime, true
	case 'y', 'Y':
		return st.Mtime, true
	case 'z', 'Z':
		return st.Ctime, true
	}
	return st.Btime, st.Mask&linux.STATX_BTIME != 0
}

// statTime is a time as text: "2006-01-02 15:04:05.000000000 +0000", or
// "-" for an unknown birth time.
func statTime(st *vfs.Statx, letter byte) string {
	ts, ok := statTimespec(st, letter)
	if !ok {
		return "-"
	}
	return time.Unix(ts.Sec, ts.Nsec).In(time.UTC).Format("2006-01-02 15:04:05.000000000 -0700")
}

// statEpoch prints %X and friends as printf's %f would print seconds:
// the precision is the digits of the fraction (9 for a lone '.', more
// than 9 padded with zeros), and the width counts the whole of it.
func (c *statRun) epoch(sp statSpec, st *vfs.Statx, letter byte) {
	ts, ok := statTimespec(st, letter)
	if !ok {
		ts = vfs.Timespec{}
	}
	prec := 0
	if sp.prec != "" {
		prec = 9
		if len(sp.prec) > 1 {
			prec, _ = strconv.Atoi(sp.prec[1:])
		}
	}
	secs, width := statSecondsSpec(sp, prec)
	divisor := int64(1)
	for i := prec; i < 9; i++ {
		divisor *= 10
	}
	frac, sec := ts.Nsec/divisor, ts.Sec
	var n int
	if sec < 0 && ts.Nsec != 0 {
		// A time before the Epoch: the fraction counts back from the
		// second above.
		frac = 1e9/divisor - frac
		if ts.Nsec%divisor != 0 {
			frac--
		}
		if frac != 0 {
			sec++
		}
	}
	if sec == 0 && ts.Sec < 0 {
		// -0.25 printed without decimals: printf's way to a "-0".
		m := secs.keep("'-+ 0")
		m.prec = ".0"
		s := fmt.Sprintf(m.goVerb('f'), -0.25)
		c.Out.WriteString(s)
		n = len(s)
	} else {
		n = c.num(secs, sec)
	}
	if prec == 0 {
		return
	}
	shown := min(prec, 9)
	trailing := 0
	if n < width && width-n > 1 {
		trailing = width - n - 1 - shown
	}
	fmt.Fprintf(c.Out, ".%0*d", shown, frac)
	fmt.Fprintf(c.Out, "%-*s", trailing, strings.Repeat("0", prec-shown))
}

// statSecondsSpec is the spec the seconds of %X are printed with: with a
// fraction, a width covers the whole number, so the seconds get what
// the point and the fraction leave; a '-' then pads the fraction
// instead. width is the whole width (0 when it is not shared).
func statSecondsSpec(sp statSpec, prec int) (statSpec, int) {
	secs := statSpec{flags: sp.flags, width: sp.width}
	if prec == 0 || sp.width == "" && !strings.HasSuffix(sp.flags, "0") {
		return secs, 0
	}
	// The width's digits as printf would read them, a '0' flag just
	// before included.
	digits := sp.width
	flags := sp.flags
	for strings.HasSuffix(flags, "0") {
		flags, digits = flags[:len(flags)-1], "0"+digits
	}
	width, _ := strconv.Atoi(digits)
	if width <= 1 {
		return secs, 0
	}
	if digits[0] == '0' {
		flags += "0"
	}
	secs = statSpec{flags: flags}
	if w := width - 1 - prec; width-1 > 1 && w > 1 {
		left := strings.Contains(flags, "-")
		secs.flags = strings.ReplaceAll(flags, "-", "")
		if !left {
			secs.width = strconv.Itoa(w)
		}
	}
	return secs, width
}
