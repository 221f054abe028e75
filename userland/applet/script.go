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
	if err != nil || !IsReg(uint32(st.Mode)) {
		return false
	}
	head, ok := executableHead(t, path)
	return ok && scriptHead(head)
}

// scriptHead reports whether a file starting with head is a shell script.
func scriptHead(head []byte) bool {
	words, hashBang := interpreterLine(head)
	if !hashBang {
		return !bytes.HasPrefix(head, []byte("\x7fELF")) && bytes.IndexByte(head, 0) < 0
	}
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

// executableHead is the start of path, as much as execve looks at, if
// the task may execute it.
func executableHead(t *vfs.Task, path string) ([]byte, bool) {
	if t.Faccessat(AtCWD, path, linux.X_OK, 0) != nil {
		return nil, false
	}
	f, err := OpenFile(t, path, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := io.ReadFull(f, head)
	return head[:n], true
}

// interpreterLine splits a "#!" line into its words; hashBang is false
// when the file has none.
func interpreterLine(head []byte) (words []string, hashBang bool) {
	if !bytes.HasPrefix(head, []byte("#!")) {
		return nil, false
	}
	line, _, _ := bytes.Cut(head[2:], []byte("\n"))
	return strings.Fields(string(line)), true
}

// ScriptShell is the program name of the shell a script file's "#!" line
// starts ("bash", "sh", "dash" ...), or "" when it has none.
func ScriptShell(t *vfs.Task, path string) string {
	head, ok := executableHead(t, path)
	if !ok {
		return ""
	}
	words, hashBang := interpreterLine(head)
	if !hashBang || len(words) == 0 {
		return ""
	}
	if base := words[0][strings.LastIndexByte(words[0], '/')+1:]; base != "busybox" {
		return base
	}
	return "sh"
}
