// SPDX-License-Identifier: Apache-2.0

package vfs

import "strings"

// execImage is what execve(2) leaves in a process that the VFS shows:
// its command name (comm) and the argument and environment strings
// (/proc/<pid>/cmdline, environ). Immutable once published; fork shares it.
type execImage struct {
	comm       string
	argv, envv []string
}

// taskCommLen is TASK_COMM_LEN less its terminating NUL.
const taskCommLen = 15

// Execve records a program image on t as execve(2) does after loading it
// (begin_new_exec): close the close-on-exec descriptors, name the task
// after the file's base name (__set_task_comm, 15 bytes at most), keep
// argv and envp for /proc, and recompute the capabilities as for a file
// without file capabilities or set-ID bits (execCreds). There is no
// binary to load: the caller runs the program.
func (t *Task) Execve(filename string, argv, envv []string) {
	t.CloseOnExec()
	t.execveCreds()
	comm := filename[strings.LastIndexByte(filename, '/')+1:]
	if len(comm) > taskCommLen {
		comm = comm[:taskCommLen]
	}
	t.image.Store(&execImage{comm: comm, argv: append([]string(nil), argv...), envv: append([]string(nil), envv...)})
}

// Comm is the task's command name (/proc/<pid>/comm, status's Name).
func (t *Task) Comm() string {
	if im := t.image.Load(); im != nil {
		return im.comm
	}
	return ""
}

// Cmdline is the argument strings of the task's program, each ended by a
// NUL, as /proc/<pid>/cmdline reads.
func (t *Task) Cmdline() []byte { return t.strings(func(im *execImage) []string { return im.argv }) }

// Environ is the program's environment, each string ended by a NUL, as
// /proc/<pid>/environ reads.
func (t *Task) Environ() []byte { return t.strings(func(im *execImage) []string { return im.envv }) }

func (t *Task) strings(which func(*execImage) []string) []byte {
	im := t.image.Load()
	if im == nil {
		return nil
	}
	var b []byte
	for _, s := range which(im) {
		b = append(append(b, s...), 0)
	}
	return b
}
