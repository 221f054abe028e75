// SPDX-License-Identifier: Apache-2.0

package glibc

import "testing"

// TestLookupVar: a name is found as itself or as the part after a
// "_POSIX_" prefix, the first in table order winning.
func TestLookupVar(t *testing.T) {
	for name, want := range map[string]string{
		"LINK_MAX": "LINK_MAX", "CHOWN_RESTRICTED": "_POSIX_CHOWN_RESTRICTED", "V7_LP64_OFF64": "_POSIX_V7_LP64_OFF64",
		"PATH": "PATH", "_POSIX_VERSION": "_POSIX_VERSION",
	} {
		v, ok := lookupVar(name)
		if !ok || v.name != want {
			t.Errorf("%s: %q %v, want %q", name, v.name, ok, want)
		}
	}
	if _, ok := lookupVar("POSIX_FOO"); ok {
		t.Error("POSIX_FOO found")
	}
}

// TestTableShape: -a lists 320 names on x86_64 glibc 2.36, each of a
// known kind.
func TestTableShape(t *testing.T) {
	vars := getconfTable()
	if len(vars) != 320 {
		t.Errorf("%d variables, want 320", len(vars))
	}
	for _, v := range vars {
		if v.kind != "p" && v.kind != "s" && v.kind != "c" {
			t.Errorf("%s: kind %q", v.name, v.kind)
		}
	}
}

func TestCPUListCount(t *testing.T) {
	for s, want := range map[string]int64{"0": 1, "0-1\n": 2, "0-3,5,7-8": 7, "": 0, "3-1": 0, "x": 0} {
		if got := cpuListCount(s); got != want {
			t.Errorf("%q: %d, want %d", s, got, want)
		}
	}
}
