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

// TaskCommLen is TASK_COMM_LEN less its terminating NUL: the longest
// command name.
const TaskCommLen = 15

// Execve records a program image on t as execve(2) does after loading it
// (begin_new_exec): close the close-on-exec descriptors, name the task
// after the file's base name (__set_task_comm, 15 bytes at most), keep
// argv and envp for /proc, and recompute the capabilities as for a file
// without file capabilities or set-ID bits (execCreds). There is no
// binary to load: the caller runs the program.
func (t *Task) Execve(filename string, argv, envv []string) {
	t.CloseOnExec()
	t.enterTimeNSForChildren()
	t.execveCreds()
	t.resetHandledSignals()
	comm := filename[strings.LastIndexByte(filename, '/')+1:]
	if len(comm) > TaskCommLen {
		comm = comm[:TaskCommLen]
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

// SetComm is __set_task_comm for prctl(PR_SET_NAME) and a write to
// /proc/<pid>/comm: the task's command name becomes name, up to its first
// NUL and at most TaskCommLen bytes; argv and envp stay.
func (t *Task) SetComm(name string) {
	if i := strings.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	name = name[:min(len(name), TaskCommLen)]
	for {
		old := t.image.Load()
		im := &execImage{comm: name}
		if old != nil {
			im.argv, im.envv = old.argv, old.envv
		}
		if t.image.CompareAndSwap(old, im) {
			return
		}
	}
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
