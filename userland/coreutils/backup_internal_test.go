// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"
	"testing"
)

func TestDecimalIncrement(t *testing.T) {
	for in, want := range map[string]string{"1": "2", "9": "10", "199": "200", "99999999999999999999": "100000000000000000000"} {
		if got := decimalIncrement(in); got != want {
			t.Errorf("decimalIncrement(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFitBackupName: a backup name whose last component would pass
// NAME_MAX ends in a lone '~' instead of its extension.
func TestFitBackupName(t *testing.T) {
	long := strings.Repeat("x", 253)
	if got := fitBackupName("d/"+long, ".~1~"); got != "d/"+long+"~" {
		t.Errorf("253-byte name: %q", got)
	}
	max := strings.Repeat("y", 255)
	if got := fitBackupName(max, "~"); got != max[:254]+"~" {
		t.Errorf("255-byte name: %q", got)
	}
	if got := fitBackupName("d/f", ".~12~"); got != "d/f.~12~" {
		t.Errorf("short name: %q", got)
	}
}
