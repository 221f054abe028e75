// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"cmp"
	"errors"
	"io"
	"os"
	"reflect"
	"slices"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// A command of a real shell is a process whose descriptors 0, 1 and 2 are
// what the shell's redirections and pipes made of them. The interpreter
// instead hands its handlers Go streams: standard input must be a host
// *os.File (any other reader it copies into a host pipe at once, taking
// data nobody read yet), outputs are writers of any kind. This file maps
// those streams back to files of the virtual kernel:
//
//   - the shell's own standard streams are descriptors 0 to 2 of its task
//     for the length of Run (setStdStreams);
//   - a file an input redirection opens stays open in the task; the
//     interpreter gets a stand-in host file (inStream) that linuxvfs fills
//     only when one of the interpreter's own builtins reads it (read,
//     mapfile), with just what that builtin takes;
//   - every program runs in a fork of its shell's task (spawn) whose
//     descriptors 0 to 2 are the files the streams stand for. A stream
//     linuxvfs did not make, such as a pipe between pipeline stages or a
//     command substitution's buffer, becomes a stream pipe
//     (vfs.Task.StreamIn, StreamOut).

// inStream is the interpreter's stand-in for a task file read as standard
// input: host is the read end of a host pipe the interpreter holds, feed
// the write end linuxvfs fills.
type inStream struct {
	host, feed *os.File
	file       *applet.File // a close-on-exec descriptor of its own
	shared     bool         // file is not the stand-in's to close
	// pending is the deferred redirection file stands for, which is
	// opened when it is first needed (deferred.go); file is nil until then.
	pending *deferredOpen

	mu   sync.Mutex // one feeding at a time
	shut bool       // end of file passed on: nothing more to feed
}

// inStreams are a shell's stand-ins by the host file the interpreter holds.
type inStreams struct {
	mu sync.Mutex
	m  map[*os.File]*inStream
}

func (ins *inStreams) get(f *os.File) *inStream {
	ins.mu.Lock()
	defer ins.mu.Unlock()
	return ins.m[f]
}

func (ins *inStreams) add(st *inStream) {
	ins.mu.Lock()
	defer ins.mu.Unlock()
	if ins.m == nil {
		ins.m = make(map[*os.File]*inStream)
	}
	ins.m[st.host] = st
}

// drop forgets st and closes linuxvfs's side of it.
func (ins *inStreams) drop(st *inStream) {
	ins.mu.Lock()
	_, ok := ins.m[st.host]
	delete(ins.m, st.host)
	ins.mu.Unlock()
	if ok {
		st.feed.Close()
		if f := st.opened(); f != nil && !st.shared {
			f.Close()
		}
	}
}

// closeAll ends every stand-in, when the script is over.
func (ins *inStreams) closeAll() {
	ins.mu.Lock()
	all := make([]*inStream, 0, len(ins.m))
	for _, st := range ins.m {
		all = append(all, st)
	}
	ins.mu.Unlock()
	for _, st := range all {
		ins.drop(st)
		st.host.Close()
	}
}

// opened is the task file st stands for, opened in the shell's task if
// it was deferred; nil if that open failed.
func (st *inStream) opened() *applet.File {
	if st.pending == nil {
		return st.file
	}
	f, _ := st.pending.resolve()
	return f
}

// standInDeferred makes the interpreter's stand-in for a deferred input
// redirection.
func (s *shell) standInDeferred(d *deferredOpen) (*os.File, error) {
	host, feed, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	s.ins.add(&inStream{host: host, feed: feed, pending: d})
	return host, nil
}

// standInShared makes the interpreter's stand-in for file, which stays
// its owner's: dropping the stand-in leaves it open.
func (s *shell) standInShared(file *applet.File) (*os.File, error) {
	host, feed, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	s.ins.add(&inStream{host: host, feed: feed, file: file, shared: true})
	return host, nil
}

// standIn makes the interpreter's stand-in for file, which it takes over.
func (s *shell) standIn(file *applet.File) (*os.File, error) {
	host, feed, err := os.Pipe()
	if err != nil {
		file.Close()
		return nil, err
	}
	s.ins.add(&inStream{host: host, feed: feed, file: file})
	return host, nil
}

// sweep drops the stand-ins the interpreter has closed (at the end of
// their redirections), so that their task files are closed before
// anything else happens in the kernel: every handler call sweeps first.
func (ins *inStreams) sweep() {
	ins.mu.Lock()
	var done []*inStream
	for _, st := range ins.m {
		if closed(st.host) {
			done = append(done, st)
		}
	}
	ins.mu.Unlock()
	for _, st := range done {
		ins.drop(st)
	}
}

// closed reports whether f was closed: its descriptor can no longer be
// borrowed.
func closed(f *os.File) bool {
	rc, err := f.SyscallConn()
	return err != nil || rc.Control(func(uintptr) {}) != nil
}

// feedRead gives the interpreter's read builtin one line of st's file: the
// bytes up to the newline that ends it, taken one at a time as a shell
// reads a pipe, so that the file's offset moves no further. Unless raw, a
// backslash-newline continues the line, as read takes it.
func (st *inStream) feedRead(raw bool) {
	st.mu.Lock()
	if st.shut {
		st.mu.Unlock()
		return
	}
	var line []byte
	escaped := false
	var b [1]byte
	file := st.opened()
	for {
		if file == nil {
			st.pass(line, true)
			return
		}
		n, err := file.Read(b[:])
		if n == 0 || err != nil {
			st.pass(line, true)
			return
		}
		line = append(line, b[0])
		switch {
		case b[0] == '\n' && !escaped:
			st.pass(line, false)
			return
		case b[0] == '\\' && !raw:
			escaped = !escaped
		default:
			escaped = false
		}
	}
}

// feedAll gives the interpreter the rest of st's file (mapfile reads to
// the end).
func (st *inStream) feedAll() {
	st.mu.Lock()
	if st.shut {
		st.mu.Unlock()
		return
	}
	var data []byte
	if file := st.opened(); file != nil {
		data, _ = io.ReadAll(file)
	}
	st.pass(data, true)
}

// pass writes data to the interpreter's end, then ends the stream if
// last, and unlocks st. The writing goes on in the background: the
// interpreter reads only after the call handler returns, and data
// larger than the socket's buffer would otherwise never get through.
func (st *inStream) pass(data []byte, last bool) {
	if last {
		st.shut = true
	}
	go func() {
		defer st.mu.Unlock()
		st.feed.Write(data)
		if last {
			st.feed.Close() // end of file for the interpreter
		}
	}()
}

// feedBuiltin fills the stand-in a builtin of the interpreter is about to
// read from (args as the call handler gets them), with what it will take.
func (s *shell) feedBuiltin(hc interp.HandlerContext, args []string) {
	for len(args) > 1 && (args[0] == "builtin" || args[0] == "command") {
		args = args[1:]
	}
	f, ok := hc.Stdin.(*os.File)
	if !ok || len(args) == 0 {
		return
	}
	switch args[0] {
	case "read", "mapfile", "readarray":
	default:
		return
	}
	st := s.ins.get(f)
	if st == nil {
		return
	}
	if args[0] != "read" {
		st.feedAll()
		return
	}
	raw := false
	for _, a := range args[1:] {
		if len(a) < 2 || a[0] != '-' {
			break
		}
		for _, c := range a[1:] {
			raw = raw || c == 'r'
		}
	}
	st.feedRead(raw)
}

// spawn forks p's task for a program started from hc: descriptors 0 to 2
// become the files the interpreter's streams stand for, then the child
// execs file with argv and environment env (close-on-exec descriptors
// go); with argv nil it stays a fork of the shell.
func (s *shell) spawn(p *proc, hc interp.HandlerContext, file string, argv, env []string) (*vfs.Task, error) {
	child := p.task.Clone(0)
	if err := s.attachStd(p, child, hc); err != nil {
		var re *redirError
		if errors.As(err, &re) {
			// The child reports it, on its standard error as it is by then.
			s.printRedir(&applet.File{Task: child, Fd: 2}, re)
		}
		child.Exit()
		return nil, err
	}
	p.inheritSubst(argv)
	if argv != nil {
		child.Execve(file, argv, env)
	}
	return child, nil
}

// opensInChild says whose task opens a program's redirections: bash's
// child after the fork; dash opens them in the shell first (saving the
// descriptors they replace above 9) and forks then, so that in dash
// `cat < /proc/self/comm` reads the shell's name.
func (s *shell) opensInChild() bool { return s.dialect != Dash }

// attachStd gives the child the call's standard streams as descriptors
// 0 to 2. The redirections the child opens itself go in command-line
// order, after the streams it is given, so that a failure is reported on
// a standard error redirected before it.
func (s *shell) attachStd(p *proc, child *vfs.Task, hc interp.HandlerContext) error {
	type std struct {
		fd     int
		stream any
		order  uint64
	}
	all := []std{{0, hc.Stdin, 0}, {1, hc.Stdout, 0}, {2, hc.Stderr, 0}}
	for i := range all {
		if d := s.deferredOf(all[i].stream); d != nil && d.pending() {
			all[i].order = d.seq
		}
	}
	slices.SortStableFunc(all, func(a, b std) int { return cmp.Compare(a.order, b.order) })
	for _, x := range all {
		var err error
		switch x.fd {
		case 0:
			err = s.attachIn(child, 0, hc.Stdin)
		case 1:
			err = s.attachOut(p, child, 1, hc.Stdout, nil)
		default:
			err = s.attachOut(p, child, 2, hc.Stderr, hc.Stdout)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// attachIn makes the child's descriptor fd (0 but for exec N<&0) the
// file behind r.
func (s *shell) attachIn(child *vfs.Task, fd int, r io.Reader) error {
	switch r := r.(type) {
	case nil:
		child.Close(fd) // <&-
		return nil
	case *os.File:
		if st := s.ins.get(r); st != nil {
			if d := st.pending; d != nil && d.pending() && s.opensInChild() {
				return d.openIn(child, fd)
			}
			if f := st.opened(); f != nil {
				return f.DupTo(child, fd)
			}
			_, err := st.pending.resolve()
			return &redirError{d: st.pending, err: err}
		}
	}
	return child.StreamIn(fd, r, s.pipes.of(r, child))
}

// attachOut makes the child's descriptor fd the file behind w; other is
// standard output when fd is 2 (for 2>&1).
func (s *shell) attachOut(p *proc, child *vfs.Task, fd int, w, other io.Writer) error {
	switch {
	case w == nil || sameStream(w, io.Discard):
		child.Close(fd) // >&-
		return nil
	case sameStream(w, s.stdout):
		return child.DupFromTask(p.task, 1, fd)
	case sameStream(w, s.stderr):
		return child.DupFromTask(p.task, 2, fd)
	case other != nil && sameStream(w, other):
		_, err := child.Dup2(1, fd)
		return err
	}
	if f, ok := w.(*applet.File); ok {
		return f.DupTo(child, fd)
	}
	if d, ok := w.(*deferredOut); ok {
		if d.pending() && s.opensInChild() {
			return d.openIn(child, fd)
		}
		f, err := d.resolve()
		if err != nil {
			return &redirError{d: d.deferredOpen, err: err}
		}
		return f.DupTo(child, fd)
	}
	return child.StreamOut(fd, w, s.pipes.of(w, child))
}

// sameStream reports whether two streams are the same one; streams of
// types == cannot compare are only equal to themselves by identity,
// which such values do not have.
func sameStream(a, b any) bool {
	if a == nil || b == nil {
		return a == b
	}
	ta := reflect.TypeOf(a)
	return ta == reflect.TypeOf(b) && ta.Comparable() && a == b
}

// setStdStreams makes descriptors 0 to 2 of the shell's task its standard
// streams for the length of Run, and returns the interpreter's standard
// input (a stand-in for descriptor 0) and the function that puts back what
// the descriptors were. A stream already open there (a child shell's, on
// its own task) stays; a nil one is /dev/null, as for os/exec.
func (s *shell) setStdStreams(cfg Config) (stdin *os.File, restore func(), err error) {
	t := s.task
	var undo []func()
	restore = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	streams := []any{cfg.Stdin, cfg.Stdout, cfg.Stderr}
	for fd, stream := range streams {
		if f, ok := stream.(*applet.File); ok && f.Task == t && f.Fd == fd {
			continue
		}
		undo = append(undo, saveFd(t, fd))
		if err = s.installStd(fd, stream, fd == 2 && sameStream(cfg.Stderr, cfg.Stdout)); err != nil {
			restore()
			return nil, nil, err
		}
	}
	// The stand-in reads descriptor 0 itself, as a shell reads its input:
	// a copy of it elsewhere would show in /proc/PID/fd.
	stdin, err = s.standInShared(&applet.File{Task: t, Fd: 0})
	if err != nil {
		restore()
		return nil, nil, err
	}
	return stdin, restore, nil
}

// installStd puts standard stream fd on the shell's task: the host side
// of it through a stream pipe, or /dev/null for none.
func (s *shell) installStd(fd int, stream any, asStdout bool) error {
	t := s.task
	switch {
	case asStdout:
		_, err := t.Dup2(1, 2)
		return err
	case stream == nil:
		acc := uint32(linux.O_WRONLY)
		if fd == 0 {
			acc = linux.O_RDONLY
		}
		if nfd, err := t.Openat(applet.AtCWD, "/dev/null", acc, 0); err == nil {
			if nfd != fd {
				_, err = t.Dup2(nfd, fd)
				t.Close(nfd)
			}
			return err
		}
		if fd == 0 {
			return t.StreamIn(0, eofReader{}, nil)
		}
		return t.StreamOut(fd, io.Discard, nil)
	case fd == 0:
		return t.StreamIn(0, stream.(io.Reader), s.pipes.of(stream, t))
	case fd == 1:
		return t.StreamOut(1, s.rawOut, nil)
	}
	return t.StreamOut(2, s.rawErr, nil)
}

// saveFd keeps what descriptor fd of t is now and returns the function
// that puts it back (or closes fd, if it was closed).
func saveFd(t *vfs.Task, fd int) func() {
	saved, err := t.Fcntl(fd, linux.F_DUPFD_CLOEXEC, uint64(shellFdFloor(t)))
	if err != nil {
		return func() { t.Close(fd) }
	}
	return func() {
		t.Dup2(saved, fd)
		t.Close(saved)
	}
}

// eofReader is an input with nothing in it.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// hostPipes gives the stream pipes standing for the two ends of one host
// pipe (a pipeline's, made by the interpreter) one pipe object, as the
// two ends of a pipeline are one pipe on Linux. Host pipe inode numbers
// come from a counter, so a key does not come back for a long time;
// beyond maxHostPipes the oldest entries go (a command that then gets an
// end sees another inode number, and nothing else changes).
type hostPipes struct {
	mu    sync.Mutex
	m     map[[2]uint64]*vfs.StreamPipe
	order [][2]uint64
}

const maxHostPipes = 256

// of is the pipe object for stream, nil when stream is no host pipe.
func (hp *hostPipes) of(stream any, t *vfs.Task) *vfs.StreamPipe {
	key, ok := hostPipeKey(stream)
	if !ok {
		return nil
	}
	hp.mu.Lock()
	defer hp.mu.Unlock()
	if p := hp.m[key]; p != nil {
		return p
	}
	if hp.m == nil {
		hp.m = make(map[[2]uint64]*vfs.StreamPipe)
	}
	if len(hp.order) >= maxHostPipes {
		delete(hp.m, hp.order[0])
		hp.order = hp.order[1:]
	}
	p := t.Kernel().NewStreamPipe(t.Cred())
	hp.m[key] = p
	hp.order = append(hp.order, key)
	return p
}
