// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dirModel is what a tmpfs directory's readdir should give: each name has a
// position, a new name (create, link, rename) takes a position above all
// others, an exchange leaves each name where it was (as linuxvfs does;
// Linux differs, see the getdents/rename-exchange-order scenario), and a listing
// goes down from the position where the previous call stopped.
type dirModel struct {
	pos  map[string]int
	next int
}

func (m *dirModel) add(name string) { m.next++; m.pos[name] = m.next }

// below returns at most n names (n <= 0: all) positioned below cursor,
// newest first, and the cursor after them (0 at the end).
func (m *dirModel) below(cursor, n int) ([]string, int) {
	type e struct {
		name string
		pos  int
	}
	var all []e
	for name, p := range m.pos {
		if p < cursor {
			all = append(all, e{name, p})
		}
	}
	slices.SortFunc(all, func(a, b e) int { return b.pos - a.pos })
	if n > 0 && len(all) >= n {
		return names(all[:n], func(x e) string { return x.name }), all[n-1].pos
	}
	return names(all, func(x e) string { return x.name }), 0
}

func names[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// TestGetdentsPagedModel interleaves creates, unlinks, renames, exchanges,
// rewinds and getdents calls of random sizes on one open directory, large
// enough that removed entries are squeezed out of the ordered child list
// many times over, and checks every listing against dirModel.
func TestGetdentsPagedModel(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { runGetdentsModel(t, seed) })
	}
}

func runGetdentsModel(t *testing.T, seed int64) {
	s := newSysT(t)
	s.mkdir("/d", 0o755)
	fd := s.open("/d", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	m := &dirModel{pos: map[string]int{}}
	r := rand.New(rand.NewSource(seed))
	cursor := -1 // -1: "." and ".." not read yet
	buf := make([]vfs.Dirent, 64)
	someName := func() string { // a random present name, reproducibly
		if len(m.pos) == 0 {
			return ""
		}
		keys := make([]string, 0, len(m.pos))
		for name := range m.pos {
			keys = append(keys, name)
		}
		slices.Sort(keys)
		return keys[r.Intn(len(keys))]
	}
	for step := 0; step < 4000; step++ {
		switch op := r.Intn(10); {
		case op < 4:
			name := fmt.Sprintf("f%d", r.Intn(600))
			if _, ok := m.pos[name]; !ok {
				s.file("/d/"+name, "")
				m.add(name)
			}
		case op < 6:
			if name := someName(); name != "" {
				s.ok(s.Unlink("/d/"+name), "unlink")
				delete(m.pos, name)
			}
		case op == 6:
			from, to := someName(), fmt.Sprintf("f%d", r.Intn(600))
			if from != "" && from != to {
				s.ok(s.Rename("/d/"+from, "/d/"+to), "rename")
				delete(m.pos, from)
				m.add(to)
			}
		case op == 7:
			a, b := someName(), someName()
			if a != "" && b != "" && a != b {
				s.ok(s.Renameat2(linux.AT_FDCWD, "/d/"+a, linux.AT_FDCWD, "/d/"+b, linux.RENAME_EXCHANGE), "exchange")
				// Each name stays where it was (the dentries swap).
			}
		case op == 8 && r.Intn(4) == 0:
			if _, err := s.Lseek(fd, 0, linux.SEEK_SET); err != nil {
				t.Fatal(err)
			}
			cursor = -1
		default:
			n := 2 + r.Intn(len(buf)-1)
			got, err := s.GetdentsTo(fd, buf[:n])
			if err != nil {
				t.Fatal(err)
			}
			var gotNames []string
			for _, e := range buf[:got] {
				gotNames = append(gotNames, e.Name)
			}
			want, next := expectGetdents(m, cursor, n)
			if strings.Join(gotNames, " ") != strings.Join(want, " ") {
				t.Fatalf("step %d: getdents(%d) = %v, want %v", step, n, gotNames, want)
			}
			cursor = next
		}
	}
}

// expectGetdents is one getdents call of at most n entries from cursor
// (-1: from the start, dots first).
func expectGetdents(m *dirModel, cursor, n int) ([]string, int) {
	var out []string
	if cursor == -1 {
		out = []string{".", ".."} // n >= 2: no call stops between them
		n -= 2
		cursor = int(^uint(0) >> 1)
		if n == 0 {
			return out, cursor
		}
	}
	if cursor == 0 {
		return out, 0
	}
	rest, next := m.below(cursor, n)
	if len(rest) < n {
		next = 0
	}
	return append(out, rest...), next
}
