// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"testing"
	"unsafe"
)

// TestMountSize keeps Mount within the 256-byte size class: propagation
// allocates one per peer, so the per-copy cost follows its size.
func TestMountSize(t *testing.T) {
	if n := unsafe.Sizeof(Mount{}); n > 256 {
		t.Fatalf("Mount is %d bytes, more than the 256-byte size class", n)
	}
}
