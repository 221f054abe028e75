// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Getcwd is glibc's getcwd(NULL, 0), which bash, coreutils and util-linux
// call: the system call, and the portable algorithm that climbs ".." one
// directory at a time when the path does not fit in the kernel's answer
// (ENAMETOOLONG, ERANGE), so that a directory deeper than PATH_MAX still
// has a name, or when that answer is no absolute path: a directory the
// root cannot reach (a lazily unmounted tree, a root outside the
// working directory's) is "(unreachable)/..." there, and the climb ends
// in ENOENT.
func Getcwd(t *vfs.Task) (string, error) {
	cwd, err := t.Getcwd()
	if errors.Is(err, linux.ENAMETOOLONG) || errors.Is(err, linux.ERANGE) || err == nil && !strings.HasPrefix(cwd, "/") {
		return getcwdByWalk(t)
	}
	return cwd, err
}

// getcwdByWalk names the working directory by looking up, in each parent,
// the entry with the child's device and inode, up to the task's root.
func getcwdByWalk(t *vfs.Task) (string, error) {
	root, err := t.Stat("/")
	if err != nil {
		return "", err
	}
	fd, err := t.Openat(AtCWD, ".", linux.O_PATH|linux.O_DIRECTORY, 0)
	if err != nil {
		return "", err
	}
	var names []string
	for {
		st, err := t.Fstat(fd)
		if err != nil {
			t.Close(fd)
			return "", err
		}
		if st.Dev() == root.Dev() && st.Ino == root.Ino {
			break
		}
		parent, name, err := nameInParent(t, fd, &st)
		t.Close(fd)
		if err != nil {
			return "", err
		}
		if name == "" { // the top of the namespace, above the root
			t.Close(parent)
			return "", linux.ENOENT
		}
		names = append(names, name)
		fd = parent
	}
	t.Close(fd)
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return "/" + strings.Join(names, "/"), nil
}

// nameInParent opens the parent of directory fd (whose stat is st) and
// finds st's name in it; name is "" when ".." is the directory itself.
func nameInParent(t *vfs.Task, fd int, st *vfs.Statx) (parent int, name string, err error) {
	parent, err = t.Openat(fd, "..", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		return -1, "", err
	}
	pst, err := t.Fstat(parent)
	if err == nil && pst.Dev() == st.Dev() && pst.Ino == st.Ino {
		return parent, "", nil
	}
	ents, err := ReadDirentsFd(t, parent, false)
	if err != nil {
		t.Close(parent)
		return -1, "", err
	}
	for _, e := range ents {
		// d_ino matches within a filesystem; a mount root needs the stat.
		if e.Ino != st.Ino && pst.Dev() == st.Dev() {
			continue
		}
		est, err := t.Fstatat(parent, e.Name, linux.AT_SYMLINK_NOFOLLOW)
		if err == nil && est.Dev() == st.Dev() && est.Ino == st.Ino {
			return parent, e.Name, nil
		}
	}
	t.Close(parent)
	return -1, "", linux.ENOENT
}
