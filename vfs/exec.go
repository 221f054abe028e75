// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

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
	exe := t.openExec(filename)
	t.execed.Store(true)
	t.CloseOnExec()
	t.enterTimeNSForChildren()
	t.execveCreds()
	t.resetHandledSignals()
	comm := filename[strings.LastIndexByte(filename, '/')+1:]
	if len(comm) > TaskCommLen {
		comm = comm[:TaskCommLen]
	}
	t.image.Store(&execImage{comm: comm, argv: append([]string(nil), argv...), envv: append([]string(nil), envv...)})
	t.setExe(exe)
}

// openExec is what the model keeps of open_exec: the file filename names,
// looked up as execve looks it up (from the working directory, following
// links), opened O_PATH. nil when there is none, as for a program the
// caller runs under a bare name ("sh" for a freshly booted init). The
// file holds its mount busy while the program runs: an unmount of it is
// EBUSY, as on Linux.
func (t *Task) openExec(filename string) *File {
	h, err := buildOpenFlags(linux.O_PATH, 0, 0)
	if err != nil || !strings.Contains(filename, "/") {
		return nil
	}
	var f *File
	err = retryGone(func() (err error) {
		f, err = t.pathOpenat(linux.AT_FDCWD, filename, &h, false)
		return err
	})
	if err != nil {
		return nil
	}
	f.cred = t.Cred()
	f.denyWrite = denyWriteAccess(f.Inode())
	return f
}

// denyWriteAccess is deny_write_access for a program being run from in:
// false when a file is open for writing on it (where execve fails
// ETXTBSY; the model's caller runs the program all the same).
func denyWriteAccess(in *Inode) bool {
	if !in.IsRegular() {
		return false
	}
	for {
		w := in.writers.Load()
		if w > 0 {
			return false
		}
		if in.writers.CompareAndSwap(w, w-1) {
			return true
		}
	}
}

// getWriteAccess is get_write_access: a writer's count on in, refused
// (ETXTBSY) while some task runs a program loaded from it. The count and
// the refusal are one step, so an execve cannot slip in between; the
// caller gives it back with putWriteAccess.
func getWriteAccess(in *Inode) error {
	if !in.IsRegular() {
		return nil
	}
	for {
		w := in.writers.Load()
		if w < 0 {
			return linux.ETXTBSY
		}
		if in.writers.CompareAndSwap(w, w+1) {
			return nil
		}
	}
}

// putWriteAccess gives back getWriteAccess's count.
func putWriteAccess(in *Inode) {
	if in.IsRegular() {
		in.writers.Add(-1)
	}
}

// setExe makes f (whose reference it takes) the task's executable file
// and lets the previous one go (set_mm_exe_file).
func (t *Task) setExe(f *File) {
	t.exeMu.Lock()
	old := t.exe
	t.exe = f
	t.exeMu.Unlock()
	if old != nil {
		old.DecRef()
	}
}

// exeFile returns the task's executable file with a reference of the
// caller's, or nil (get_task_exe_file).
func (t *Task) exeFile() *File {
	t.exeMu.Lock()
	defer t.exeMu.Unlock()
	if t.exe != nil {
		t.exe.IncRef()
	}
	return t.exe
}

// ExePath is where /proc/<pid>/exe leads: the executable file's path;
// ENOENT for a task running no program from a file (proc_exe_link).
func (t *Task) ExePath() (Path, error) {
	f := t.exeFile()
	if f == nil {
		return Path{}, linux.ENOENT
	}
	defer f.DecRef()
	return Path{f.mnt, f.dentry}, nil
}

// ExeLinkAs is what reader sees when it reads /proc/<pid>/exe of t: the
// executable's path from reader's root, " (deleted)" appended once it is
// unlinked, as for fd links.
func (t *Task) ExeLinkAs(reader *Task) (string, error) {
	f := t.exeFile()
	if f == nil {
		return "", linux.ENOENT
	}
	defer f.DecRef()
	return reader.DPath(Path{f.mnt, f.dentry})
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
