// SPDX-License-Identifier: Apache-2.0

package procps

import "testing"

// TestUptimeWords: procps-ng 4.0.2's forms of the time up.
func TestUptimeWords(t *testing.T) {
	for _, c := range []struct {
		secs         int64
		short, words string
	}{
		{5, "0 min,", "up 0 minutes"},
		{61, "1 min,", "up 1 minute"},
		{3600 + 5*60, " 1:05,", "up 1 hour, 5 minutes"},
		{86400*8 + 7200, "8 days,  2:00,", "up 1 week, 1 day, 2 hours"},
	} {
		if got := shortUptime(c.secs); got != c.short {
			t.Errorf("shortUptime(%d) = %q, want %q", c.secs, got, c.short)
		}
		if got := prettyUptime(c.secs); got != c.words {
			t.Errorf("prettyUptime(%d) = %q, want %q", c.secs, got, c.words)
		}
	}
}
