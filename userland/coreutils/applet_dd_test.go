// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// TestDDSize checks dd's number syntax against values GNU dd 9.1 gave on
// this machine for the same strings.
func TestDDSize(t *testing.T) {
	ok := map[string]int64{
		"1": 1, "1c": 1, "1w": 2, "1b": 512, "1cB": 1, "1wB": 2, "1bB": 512,
		"1k": 1024, "1K": 1024, "1kB": 1000, "1KD": 1000, "1KiB": 1024,
		"1MiB": 1 << 20, "2B": 2, "1Bx2": 2, "2x1kB": 2000, "1x0": 0,
		"99999999999999999999x0": 0, "0Y": 0, "+1": 1, " 1": 1, "0010": 10,
	}
	c := &cmd{&applet.Cmd{Name: "dd", Errw: nopWriter{}}}
	for s, want := range ok {
		if got, err := ddSize(c, s); err != nil || got != want {
			t.Errorf("ddSize(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	bad := map[string]error{
		"2x3x4": errDDSyntax, "2x1B": errDDSyntax, "1x": errDDSyntax, "1Q": errDDSyntax,
		"": errDDSyntax, "-1": errDDSyntax, "1ciB": errDDSyntax, "1BB": errDDSyntax,
		"1D": errDDSyntax, "1iB": errDDSyntax, "+ 1": errDDSyntax,
		"8E": errDDTooBig, "1Z": errDDTooBig, "9223372036854775808": errDDTooBig,
		"1x99999999999999999999": errDDTooBig,
	}
	for s, want := range bad {
		if _, err := ddSize(c, s); err != want {
			t.Errorf("ddSize(%q) error = %v; want %v", s, err, want)
		}
	}
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
