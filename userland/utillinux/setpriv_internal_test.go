// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestCStrto checks strtoul/strtol's reading of whole strings.
func TestCStrto(t *testing.T) {
	for _, tc := range []struct {
		s        string
		unsigned bool
		want     uint64
		err      error
	}{
		{"42", true, 42, nil},
		{"  +7", true, 7, nil},
		{"-1", true, ^uint64(0), nil},
		{"-1", false, ^uint64(0), nil},
		{"-9223372036854775808", false, 1 << 63, nil},
		{"-9223372036854775809", false, 0, linux.ERANGE},
		{"9223372036854775808", false, 0, linux.ERANGE},
		{"18446744073709551615", true, ^uint64(0), nil},
		{"18446744073709551616", true, 0, linux.ERANGE},
		{"", true, 0, linux.EINVAL},
		{"-", true, 0, linux.EINVAL},
		{"12x", true, 0, linux.EINVAL},
		{"12 ", true, 0, linux.EINVAL},
	} {
		got, err := cStrto(tc.s, tc.unsigned)
		if got != tc.want || !errors.Is(err, tc.err) && (err != nil || tc.err != nil) {
			t.Errorf("cStrto(%q, %v) = %d, %v; want %d, %v", tc.s, tc.unsigned, got, err, tc.want, tc.err)
		}
	}
}

// TestSignalByName checks util-linux's signal names.
func TestSignalByName(t *testing.T) {
	// glibc's real-time signals run from 34 to 64.
	for s, want := range map[string]int{"HUP": 1, "sigterm": 15, "SigKill": 9, "iot": 6, "cld": 17,
		"poll": 29, "io": 29, "RTMIN+2": 36, "rtmax-1": 63, "RT3": 37, "rtmin+30": 64, "rtmin+31": -1,
		"RTMAX-30": 34, "RTMAX-31": -1, "9": -1, "": -1, "bogus": -1, "RTMIN+x": -1} {
		if got := signalByName(s); got != want {
			t.Errorf("signalByName(%q) = %d, want %d", s, got, want)
		}
	}
	if signalName(29) != "IO" || signalName(6) != "ABRT" || signalName(40) != "" {
		t.Errorf("signalName: %q %q %q", signalName(29), signalName(6), signalName(40))
	}
}

// TestCapByName checks libcap-ng's capability names and cap_N.
func TestCapByName(t *testing.T) {
	for s, want := range map[string]int{"kill": 5, "SYS_ADMIN": 21, "cap_21": 21, "cap_21x": 21,
		"cap_ 5": 5, "cap_40": 40, "cap_41": -1, "cap_-1": -1, "cap_kill": -1, "21": -1, "": -1} {
		c, ok := capByName(s)
		got := int(c)
		if !ok {
			got = -1
		}
		if got != want {
			t.Errorf("capByName(%q) = %d, want %d", s, got, want)
		}
	}
}
