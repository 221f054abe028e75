// SPDX-License-Identifier: Apache-2.0

package vfs

// mountpoints is struct mountpoint's m_list: the mounts attached on a
// dentry, in no particular order, each knowing its position
// (Mount.mpIndex). The first is kept in the dentry itself, so a dentry
// with one mount on it, which nearly every mountpoint is, costs no
// allocation; a bind mount's bytes are counted by issue 15. Guarded by
// Kernel.namespaceMu.
type mountpoints struct {
	first *Mount
	rest  *[]*Mount // positions 1 and up
}

func (l *mountpoints) len() int {
	switch {
	case l.first == nil:
		return 0
	case l.rest == nil:
		return 1
	}
	return 1 + len(*l.rest)
}

func (l *mountpoints) at(i int) *Mount {
	if i == 0 {
		return l.first
	}
	return (*l.rest)[i-1]
}

func (l *mountpoints) set(i int, m *Mount) {
	m.mpIndex = int32(i)
	if i == 0 {
		l.first = m
	} else {
		(*l.rest)[i-1] = m
	}
}

// add puts m at the end.
func (l *mountpoints) add(m *Mount) {
	n := l.len()
	if n > 0 {
		if l.rest == nil {
			l.rest = new([]*Mount)
		}
		*l.rest = append(*l.rest, nil)
	}
	l.set(n, m)
}

// remove takes m out, moving the last mount into its place.
func (l *mountpoints) remove(m *Mount) {
	n := l.len() - 1
	if last := l.at(n); last != m {
		l.set(int(m.mpIndex), last)
	}
	if n == 0 {
		l.first = nil
		return
	}
	r := *l.rest
	r[len(r)-1] = nil
	if len(r) == 1 {
		l.rest = nil // the next second mount starts afresh
		return
	}
	*l.rest = r[:len(r)-1]
}

// all yields the mounts in position order.
func (l *mountpoints) all(yield func(*Mount) bool) {
	for i := range l.len() {
		if !yield(l.at(i)) {
			return
		}
	}
}
