// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Turning a (mount, dentry) pair back into a path string is what d_path,
// __d_path, getcwd and /proc's mountinfo share (fs/d_path.c: prepend_path).
// A path is built from the inside out: dentry names up to the mount's root,
// then a hop to the mountpoint in the parent mount, until the caller's root.
//
// Renames make this walk subtle. A directory moved out from under a bind
// mount's root keeps its mount, so climbing its dentries never meets that
// mount's root: the walk ends on the superblock's root instead, a dentry
// that is its own parent. Linux calls that an escape and gives up on the
// names; every caller here must terminate on it with the same result.

// reach says where an upward walk stopped.
type reach uint8

const (
	reachedRoot     reach = iota // the caller's root: the path is complete
	reachedTop                   // the namespace's top mount, never the root
	reachedDetached              // the top of a tree in no namespace
	escapedMount                 // a parentless dentry below its mount's root
	nameTooLong                  // the names outgrew the byte budget
)

// unreachable reports the outcomes __d_path turns into "no path" and
// getcwd into an "(unreachable)" prefix.
func (r reach) unreachable() bool {
	return r == reachedTop || r == reachedDetached || r == escapedMount
}

// pathWalk collects the components of a path from the inside out, so the
// callers can render them their own way (escaped for mountinfo, plain for
// readlink) without a second walk.
type pathWalk struct {
	names []string // innermost first
	size  int      // bytes the names take, a '/' before each
}

// walk climbs from p toward root, as __prepend_path does. budget is the
// number of bytes the names may take (negative: no limit); once it is
// spent the walk stops with nameTooLong and the names gathered so far.
// An escape drops the names: Linux reports such a path as "/".
func (w *pathWalk) walk(p, root Path, budget int) reach {
	w.names, w.size = w.names[:0], 0
	m, d := p.Mnt, p.Dentry
	for d != root.Dentry || m != root.Mnt {
		if d == m.root {
			parent, mp := m.Parent()
			if parent != m {
				m, d = parent, mp
				continue
			}
			if m.ns.Load() != nil {
				return reachedTop
			}
			return reachedDetached
		}
		up := d.Parent()
		if up == d {
			w.names, w.size = w.names[:0], 0
			return escapedMount
		}
		name := d.Name()
		if budget >= 0 && w.size+len(name)+1 > budget {
			return nameTooLong
		}
		w.names = append(w.names, name)
		w.size += len(name) + 1
		d = up
	}
	return reachedRoot
}

// String joins the names into an absolute path ("/" when there are none).
func (w *pathWalk) String() string {
	if len(w.names) == 0 {
		return "/"
	}
	var b strings.Builder
	b.Grow(w.size)
	for i := len(w.names) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(w.names[i])
	}
	return b.String()
}

// pathMaxNames is what a PATH_MAX buffer leaves for names once the
// terminating NUL has its byte.
const pathMaxNames = linux.PATH_MAX - 1

// DPath is d_path as t sees it: p's path from t's root, from the top of the
// namespace (or of a detached tree) when p lies outside that root, "/" for
// a directory moved out from under its bind mount, with " (deleted)" after
// an unlinked one. It is what readlink shows for /proc/<pid>/fd/N, cwd and
// root read by t. ENAMETOOLONG when it does not fit in PATH_MAX.
func (t *Task) DPath(p Path) (string, error) {
	return dPath(p, t.Root())
}

func dPath(p, root Path) (string, error) {
	budget := pathMaxNames
	const deleted = " (deleted)"
	unlinked := p.Dentry.Unlinked()
	if unlinked {
		budget -= len(deleted)
	}
	var w pathWalk
	if w.walk(p, root, budget) == nameTooLong {
		return "", linux.ENAMETOOLONG
	}
	s := w.String()
	if unlinked {
		s += deleted
	}
	return s, nil
}

// Getcwd is getcwd(2) with a buffer of PATH_MAX bytes or more: ENOENT once
// the working directory is unlinked, ENAMETOOLONG when its path does not
// fit in PATH_MAX, and an "(unreachable)" prefix when it lies outside the
// task's root (or was moved out from under its bind mount: then the path
// is "(unreachable)/").
func (t *Task) Getcwd() (string, error) {
	return t.GetcwdSize(linux.PATH_MAX)
}

// GetcwdSize is getcwd(2) into a buffer of size bytes: ERANGE when the path
// and its NUL do not fit there.
func (t *Task) GetcwdSize(size int) (string, error) {
	s := t.fsStruct().load()
	if s.pwd.Dentry.Unlinked() {
		return "", linux.ENOENT
	}
	var w pathWalk
	r := w.walk(s.pwd, s.root, pathMaxNames)
	if r == nameTooLong {
		return "", linux.ENAMETOOLONG
	}
	path := w.String()
	if r.unreachable() {
		path = "(unreachable)" + path
	}
	if len(path) > pathMaxNames {
		return "", linux.ENAMETOOLONG
	}
	if len(path)+1 > size {
		return "", linux.ERANGE
	}
	return path, nil
}
