// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"bytes"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// execError is what kernel_execve would answer for init at path before
// any program of it runs: the lookup's error; EACCES for what is not an
// executable regular file (or lies on a noexec mount); ENOEXEC for a
// file of no format the kernel knows (empty, or text with no "#!" line);
// ENOENT for a "#!" line naming an interpreter that is not there. A
// shell's "#!" line is taken at its word, as the runner is linuxvfs's
// shell: images made for linuxvfs need not hold a binary of it.
func execError(t *vfs.Task, path string) error {
	var st vfs.Statx
	if err := t.Statx(linux.AT_FDCWD, path, 0, &st); err != nil {
		return err
	}
	if uint32(st.Mode)&linux.S_IFMT != linux.S_IFREG {
		return linux.EACCES
	}
	if err := t.Faccessat(linux.AT_FDCWD, path, linux.X_OK, 0); err != nil {
		return err
	}
	head, err := readHead(t, path)
	if err != nil {
		return err
	}
	switch {
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return nil
	case !bytes.HasPrefix(head, []byte("#!")):
		return linux.ENOEXEC
	}
	line, _, _ := bytes.Cut(head[2:], []byte("\n"))
	words := strings.Fields(string(line))
	if len(words) == 0 {
		return linux.ENOEXEC
	}
	if applet.IsShellScript(t, path) {
		return nil
	}
	var ist vfs.Statx
	return t.Statx(linux.AT_FDCWD, words[0], 0, &ist)
}

// readHead reads the first bytes of path, as many as binprm's buffer
// holds.
func readHead(t *vfs.Task, path string) ([]byte, error) {
	fd, err := t.Openat(linux.AT_FDCWD, path, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer t.Close(fd)
	head := make([]byte, 256)
	n := 0
	for n < len(head) {
		m, err := t.Read(fd, head[n:])
		if err != nil {
			return nil, err
		}
		if m == 0 {
			break
		}
		n += m
	}
	return head[:n], nil
}
