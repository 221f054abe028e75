// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"maps"
	"slices"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// Both shells remember where along PATH they found a program and go
// there directly next time, until PATH is set again or hash -r. The
// table belongs to a shell process: a subshell or a background job starts
// with a copy and keeps its changes, and what a command substitution
// looks up (in bash, a pipeline's parts too: they run in children) never
// reaches the parent. What bash remembers it runs even once the file is
// gone ("/usr/bin/mount: No such file or directory" after pivot_root);
// dash looks along PATH again. Listings follow each shell's own table
// layout, which is why hash prints names in an order of its own.

// pathGenVar counts the assignments to PATH (rewriteHashScopes): both
// shells empty the table at every one, even of the value it had.
const pathGenVar = "LINUXVFS_PATHGEN"

// pathKey is what the table's entries are valid for: PATH's value and
// how many times it was set.
func pathKey(env expand.Environ) string {
	return env.Get("PATH").String() + "\x00" + env.Get(pathGenVar).String()
}

// noHashVar marks a command substitution's (and a bash pipeline part's)
// variables: lookups there neither add to the table nor count hits.
const noHashVar = "LINUXVFS_NOHASH"

// cmdHash is one shell process's table of remembered programs.
type cmdHash struct {
	mu      sync.Mutex
	path    string // the pathKey the entries were found along
	entries map[string]*hashEntry
	seq     uint64
}

type hashEntry struct {
	file string
	hits int
	seq  uint64 // when it was added, for entries sharing a bucket
}

// copyTable is the table a forked process starts with.
func (h *cmdHash) copyTable() *cmdHash {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := &cmdHash{path: h.path, seq: h.seq, entries: make(map[string]*hashEntry, len(h.entries))}
	for name, e := range h.entries {
		c.entries[name] = &hashEntry{file: e.file, hits: e.hits, seq: e.seq}
	}
	return c
}

// checkPathLocked forgets everything when PATH changed since the entries
// were made (setting PATH empties the table in both shells).
func (h *cmdHash) checkPathLocked(path string) {
	if path != h.path {
		clear(h.entries)
		h.path = path
	}
}

// lookup is name's remembered file; count adds a hit.
func (h *cmdHash) lookup(name, path string, count bool) (string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.checkPathLocked(path)
	e := h.entries[name]
	if e == nil {
		return "", false
	}
	if count {
		e.hits++
	}
	return e.file, true
}

// add remembers file for name with hits hits, replacing what was there.
func (h *cmdHash) add(name, file, path string, hits int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.checkPathLocked(path)
	if h.entries == nil {
		h.entries = map[string]*hashEntry{}
	}
	h.seq++
	h.entries[name] = &hashEntry{file: file, hits: hits, seq: h.seq}
}

// remove forgets name; false if it was not there.
func (h *cmdHash) remove(name, path string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.checkPathLocked(path)
	_, ok := h.entries[name]
	delete(h.entries, name)
	return ok
}

// reset forgets everything.
func (h *cmdHash) reset(path string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	clear(h.entries)
	h.path = path
}

// listed is one entry as hash prints it.
type listed struct {
	name, file string
	hits       int
}

// list returns the entries in the order the dialect's hash prints them.
func (h *cmdHash) list(path string, d Personality) []listed {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.checkPathLocked(path)
	names := slices.Collect(maps.Keys(h.entries))
	slices.SortFunc(names, func(a, b string) int {
		ba, bb := hashBucket(a, d), hashBucket(b, d)
		if ba != bb {
			return int(ba) - int(bb)
		}
		sa, sb := h.entries[a].seq, h.entries[b].seq
		if d == Dash {
			return cmpSeq(sa, sb) // dash appends to a bucket's chain
		}
		return cmpSeq(sb, sa) // bash puts the newest first
	})
	out := make([]listed, 0, len(names))
	for _, n := range names {
		e := h.entries[n]
		out = append(out, listed{name: n, file: e.file, hits: e.hits})
	}
	return out
}

func cmpSeq(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// hashBucket is the slot a name falls in: dash's table has 31 slots and
// adds the name's bytes to its first byte times 16, keeping 15 bits of
// the sum; bash's has 256 and takes the low byte of the name's 32-bit
// FNV-1 hash, over its bytes as C's signed chars.
func hashBucket(name string, d Personality) uint32 {
	if d == Dash {
		if name == "" {
			return 0
		}
		sum := uint32(name[0]) << 4
		for i := 0; i < len(name); i++ {
			sum += uint32(name[i])
		}
		return (sum & 0x7fff) % 31
	}
	h := uint32(2166136261)
	for i := 0; i < len(name); i++ {
		h *= 16777619
		h ^= uint32(int32(int8(name[i])))
	}
	return h & 255
}

// hashTable is the table of p's shell process: a subshell's clone got a
// copy (clone); a command substitution or pipeline part uses its
// parent's, read-only where noHashVar says so.
func (p *proc) hashTable() *cmdHash {
	for q := p; q != nil; q = q.parent {
		if q.hash != nil {
			return q.hash
		}
	}
	return &cmdHash{} // a proc made without one (tests)
}

// rewriteHashScopes marks the simple commands of command substitutions
// (and, for bash, of pipelines) whose lookups must not reach the shell's
// table: an assignment of noHashVar before the command, which lives in
// the child's own variables and leaves $? alone.
func (s *shell) rewriteHashScopes(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst:
			syntax.Walk(n, func(n syntax.Node) bool {
				if st, ok := n.(*syntax.Stmt); ok {
					markNoHash(st)
				}
				return true
			})
			return false
		case *syntax.CallExpr:
			if len(n.Args) == 0 && assignsPath(n.Assigns) {
				n.Assigns = append(n.Assigns, pathGenAssign(n.Pos()))
			}
		case *syntax.DeclClause:
			if assignsPath(n.Args) {
				n.Args = append(n.Args, pathGenAssign(n.Pos()))
			}
		case *syntax.BinaryCmd:
			if s.dialect == Bash && isPipe(n) {
				markNoHash(n.X)
				markNoHash(n.Y)
			}
		}
		return true
	})
}

// markNoHash gives a simple command the assignment of noHashVar, once.
func markNoHash(st *syntax.Stmt) {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 {
		return
	}
	if len(call.Assigns) > 0 && call.Assigns[0].Name != nil && call.Assigns[0].Name.Value == noHashVar {
		return
	}
	pos := st.Pos()
	a := &syntax.Assign{Name: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: noHashVar}, Value: litWord(pos, "1")}
	call.Assigns = append([]*syntax.Assign{a}, call.Assigns...)
}

// assignsPath reports whether one of as gives PATH a value.
func assignsPath(as []*syntax.Assign) bool {
	for _, a := range as {
		if a.Name != nil && a.Name.Value == "PATH" && !a.Naked {
			return true
		}
	}
	return false
}

// pathGenAssign is pathGenVar=$((pathGenVar+1)).
func pathGenAssign(pos syntax.Pos) *syntax.Assign {
	arith := &syntax.ArithmExp{Left: pos, Right: pos, X: &syntax.BinaryArithm{OpPos: pos, Op: syntax.Add,
		X: litWord(pos, pathGenVar), Y: litWord(pos, "1")}}
	return &syntax.Assign{Name: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: pathGenVar},
		Value: &syntax.Word{Parts: []syntax.WordPart{arith}}}
}
