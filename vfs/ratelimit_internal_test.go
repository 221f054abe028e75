// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"testing"
	"time"
)

// TestRateLimit: ten messages in an interval of five seconds; the first
// call of the next interval logs how many were suppressed before it.
func TestRateLimit(t *testing.T) {
	k := NewKernel()
	var r RateLimit
	allowed := 0
	for i := 0; i < 13; i++ {
		if r.allowAt(k, "f", time.Duration(i)*time.Millisecond) {
			allowed++
		}
	}
	if allowed != 10 || len(k.Dmesg()) != 0 {
		t.Errorf("first interval: %d allowed, log %q", allowed, k.Dmesg())
	}
	if !r.allowAt(k, "f", 6*time.Second) {
		t.Error("next interval refused")
	}
	if log := k.Dmesg(); !slices.Equal(log, []string{"f: 3 callbacks suppressed"}) {
		t.Errorf("log %q", log)
	}
}
