// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"bytes"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Script files are the programs a system of linuxvfs can hold: execve of
// one starts its "#!" line's interpreter when that is a shell (sh, bash,
// ash, dash, busybox sh), and a shell runs a file with no "#!" line
// itself (execve's ENOEXEC). linuxvfs's shell runs them.

// IsShellScript reports whether path is an executable regular file whose
// first line starts a shell, or which has no "#!" line and is no binary.
func IsShellScript(t *vfs.Task, path string) bool {
	st, err := t.Stat(path)
	if err != nil || !IsReg(uint32(st.Mode)) || t.Faccessat(AtCWD, path, linux.X_OK, 0) != nil {
		return false
	}
	f, err := OpenFile(t, path, linux.O_RDONLY, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if !bytes.HasPrefix(head, []byte("#!")) {
		return !bytes.HasPrefix(head, []byte("\x7fELF")) && bytes.IndexByte(head, 0) < 0
	}
	line, _, _ := bytes.Cut(head[2:], []byte("\n"))
	words := strings.Fields(string(line))
	if len(words) == 0 {
		return false
	}
	switch words[0][strings.LastIndexByte(words[0], '/')+1:] {
	case "sh", "bash", "ash", "dash":
		return true
	case "busybox":
		return len(words) > 1 && (words[1] == "sh" || words[1] == "ash")
	}
	return false
}

// MissingInterpreter reports whether path is an executable file whose "#!"
// line names an interpreter that does not exist (execve's ENOENT).
func MissingInterpreter(t *vfs.Task, path string) bool {
	if t.Faccessat(AtCWD, path, linux.X_OK, 0) != nil {
		return false
	}
	f, err := OpenFile(t, path, linux.O_RDONLY, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := io.ReadFull(f, head)
	line, _, _ := bytes.Cut(head[:n], []byte("\n"))
	words := strings.Fields(strings.TrimPrefix(string(line), "#!"))
	if !bytes.HasPrefix(line, []byte("#!")) || len(words) == 0 {
		return false
	}
	_, err = t.Stat(words[0])
	return err != nil
}
