// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestPrlimitRange: the forms of a resource option's value, and what
// each leaves to the current limit.
func TestPrlimitRange(t *testing.T) {
	inf := linux.RLIM_INFINITY
	for _, c := range []struct {
		in   string
		lim  linux.Rlimit
		set  int
		fail bool
	}{
		{in: "10", lim: linux.Rlimit{Cur: 10, Max: 10}, set: prlimSoft | prlimHard},
		{in: "10:20", lim: linux.Rlimit{Cur: 10, Max: 20}, set: prlimSoft | prlimHard},
		{in: "10:", lim: linux.Rlimit{Cur: 10}, set: prlimSoft},
		{in: ":20", lim: linux.Rlimit{Max: 20}, set: prlimHard},
		{in: "unlimited", lim: linux.Rlimit{Cur: inf, Max: inf}, set: prlimSoft | prlimHard},
		{in: "unlimited:5", lim: linux.Rlimit{Cur: inf, Max: 5}, set: prlimSoft | prlimHard},
		{in: "5:unlimited", lim: linux.Rlimit{Cur: 5, Max: inf}, set: prlimSoft | prlimHard},
		{in: ":unlimited", lim: linux.Rlimit{Max: inf}, set: prlimHard},
		{in: "-1", lim: linux.Rlimit{Cur: inf, Max: inf}, set: prlimSoft | prlimHard}, // strtoull wraps
		{in: "abc", fail: true},
		{in: "", fail: true},
		{in: "1:2:3", fail: true},
		{in: ":", fail: true},
		{in: "unlimitedx", lim: linux.Rlimit{Cur: inf, Max: inf}, set: prlimSoft | prlimHard}, // read as far as it goes
		{in: "7x", lim: linux.Rlimit{Cur: 7, Max: 7}, set: prlimSoft | prlimHard},
		{in: "5x:7", lim: linux.Rlimit{Cur: 5, Max: 5}, set: prlimSoft | prlimHard}, // no colon right after the number
		{in: "0x10", lim: linux.Rlimit{Cur: 0, Max: 0}, set: prlimSoft | prlimHard},
		{in: "5:7x", fail: true}, // the hard value must be whole
		{in: "x", fail: true},
		{in: "5:unlimitedx", fail: true},
		{in: "99999999999999999999", fail: true},
	} {
		lim, set, ok := parsePrlimitRange(c.in)
		if ok == c.fail || ok && (lim != c.lim || set != c.set) {
			t.Errorf("%q: %+v %b %v; want %+v %b, fail %v", c.in, lim, set, ok, c.lim, c.set, c.fail)
		}
	}
}
