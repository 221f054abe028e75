// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestMountpointsModel runs random adds and removes on a mountpoints list
// and on a plain slice, and checks that both hold the same mounts and that
// every mount knows its position.
func TestMountpointsModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l mountpoints
		var model []*Mount
		for range rapid.IntRange(0, 60).Draw(t, "steps") {
			if len(model) == 0 || rapid.Bool().Draw(t, "add") {
				m := new(Mount)
				l.add(m)
				model = append(model, m)
			} else {
				i := rapid.IntRange(0, len(model)-1).Draw(t, "victim")
				l.remove(model[i])
				model = slices.Delete(model, i, i+1)
			}
			if l.len() != len(model) {
				t.Fatalf("len %d, model %d", l.len(), len(model))
			}
			var got []*Mount
			for m := range l.all {
				if l.at(int(m.mpIndex)) != m {
					t.Fatalf("mount at %d does not know its place", m.mpIndex)
				}
				got = append(got, m)
			}
			for _, m := range model {
				if !slices.Contains(got, m) {
					t.Fatalf("a mount added is missing")
				}
			}
		}
	})
}
