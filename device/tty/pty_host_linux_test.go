// SPDX-License-Identifier: Apache-2.0

//go:build linux

package tty_test

// Ptys on the host kernel and on linuxvfs: one sequence of opens,
// ioctls, reads and writes runs on both, and every step must give the
// same result and errno. The host side runs on an OS thread of its own
// (locked, never unlocked) in a new mount namespace, with a tmpfs that
// holds a ptmx node (c 5:2) and a devpts instance mounted at "pts"
// beside it, as linuxvfs's /dev has them.
//
// Every descriptor is non-blocking, so a wrong answer cannot hang the
// test. The host moves pty data through flip buffers that a worker
// empties, but a read first waits for that worker (n_tty_read's
// tty_buffer_flush_work); so a step reads the slave before the master
// whenever the master is to see the echo of what it wrote.

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ptySide is the host kernel or a linuxvfs task; paths are relative to
// the directory holding ptmx and pts.
type ptySide interface {
	open(path string, flags int) (int, error)
	close(fd int) error
	read(fd int) (string, error)
	write(fd int, s string) (int, error)
	ioctlInt(fd int, cmd uint32, v int32) (int32, error)
	ptn(fd int) (uint32, error)
	peer(fd int, flags int) (int, error)
	tcgets(fd int) (linux.Termios, error)
	tcsets(fd int, t linux.Termios) error
	stat(path string) (string, error)
	fstat(fd int) (string, error)
	readdir(path string) (string, error)
	lseek(fd int) error
}

// errName is an errno's name, "ok" for none.
func errName(err error) string {
	if err == nil {
		return "ok"
	}
	var le linux.Errno
	if errors.As(err, &le) {
		return unix.ErrnoName(syscall.Errno(le))
	}
	var se syscall.Errno
	if errors.As(err, &se) {
		return unix.ErrnoName(se)
	}
	return err.Error()
}

// ptySequence runs the steps on s and returns one line per step.
func ptySequence(s ptySide) []string {
	var out []string
	log := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	fds := map[string]int{}
	open := func(l, path string) {
		fd, err := s.open(path, linux.O_RDWR|linux.O_NOCTTY|linux.O_NONBLOCK)
		if err == nil {
			fds[l] = fd
		}
		log("open %s %s: %s", l, path, errName(err))
	}
	fd := func(l string) int {
		if v, ok := fds[l]; ok {
			return v
		}
		return -1
	}
	closeFd := func(l string) { log("close %s: %s", l, errName(s.close(fd(l)))) }
	// read reads a slave once; a master is read until it has nothing
	// more (the host's slave output reaches it in pieces).
	read := func(l string) {
		got, err := s.read(fd(l))
		for l[0] == 'm' && err == nil && got != "" {
			var more string
			more, err = s.read(fd(l))
			got += more
			if more == "" {
				break
			}
		}
		log("read %s: %q %s", l, got, errName(err))
	}
	write := func(l, data string) {
		n, err := s.write(fd(l), data)
		log("write %s %q: %d %s", l, data, n, errName(err))
	}
	ptn := func(l string) {
		n, err := s.ptn(fd(l))
		log("TIOCGPTN %s: %d %s", l, n, errName(err))
	}
	lock := func(l string, v int32) {
		_, err := s.ioctlInt(fd(l), linux.TIOCSPTLCK, v)
		log("TIOCSPTLCK %s %d: %s", l, v, errName(err))
	}
	stat := func(path string) {
		st, err := s.stat(path)
		log("stat %s: %s %s", path, st, errName(err))
	}
	termios := func(l string) linux.Termios {
		tio, err := s.tcgets(fd(l))
		log("TCGETS %s: %o %o %o %o %v %s", l, tio.Iflag, tio.Oflag, tio.Cflag, tio.Lflag, tio.Cc[:17], errName(err))
		return tio
	}
	setTermios := func(l string, tio linux.Termios) {
		log("TCSETS %s: %s", l, errName(s.tcsets(fd(l), tio)))
	}

	open("m", "ptmx")
	ptn("m")
	v, err := s.ioctlInt(fd("m"), linux.TIOCGPTLCK, 0)
	log("TIOCGPTLCK m: %d %s", v, errName(err))
	stat("pts/0")
	open("s", "pts/0")
	p, err := s.peer(fd("m"), linux.O_RDWR|linux.O_NOCTTY)
	log("TIOCGPTPEER locked: %d %s", p, errName(err))
	read("m")
	write("m", "early\n")
	lock("m", 0)
	open("s", "pts/0")
	std := termios("s")
	termios("m")
	read("s")
	write("s", "hello\n")
	read("m")
	log("lseek m: %s", errName(s.lseek(fd("m"))))

	// Line editing: ERASE, KILL and EOF, and their echoes.
	write("m", "ab\x7fc\x15xyz\n")
	read("s")
	read("m")
	write("m", "q\x04")
	read("s")
	write("m", "\x04")
	read("s")
	read("s")
	read("m")
	// A signal character flushes the line and is echoed as ^C.
	write("m", "abc\x03")
	read("s")
	read("m")

	// Raw mode: no input or output processing, no echo.
	raw := std
	raw.Iflag &^= linux.ICRNL | linux.IXON
	raw.Oflag &^= linux.OPOST
	raw.Lflag &^= linux.ICANON | linux.ECHO | linux.ISIG | linux.IEXTEN
	setTermios("s", raw)
	write("m", "a\rb\x03")
	read("s")
	write("s", "x\ny")
	read("m")
	setTermios("m", std)

	// The peer, then the close orders.
	p, err = s.peer(fd("m"), linux.O_RDWR|linux.O_NOCTTY|linux.O_NONBLOCK)
	if err == nil {
		fds["peer"] = p
	}
	log("TIOCGPTPEER: %s", errName(err))
	st, err := s.fstat(fd("peer"))
	log("fstat peer: %s %s", st, errName(err))
	closeFd("s")
	read("m")
	closeFd("peer")
	read("m")
	write("m", "z\n")
	open("s2", "pts/0")
	read("s2")
	closeFd("m")
	read("s2")
	write("s2", "x")
	_, err = s.tcgets(fd("s2"))
	log("TCGETS hung-up: %s", errName(err))
	stat("pts/0")
	open("s3", "pts/0")
	open("m2", "pts/ptmx")
	ptn("m2")
	ls, err := s.readdir("pts")
	log("readdir pts: %s %s", ls, errName(err))
	closeFd("s2")
	closeFd("m2")
	open("m3", "ptmx")
	ptn("m3")
	stat("pts/0")
	return out
}

// vfsPty is the linuxvfs side: dir is the directory of ptmx and pts.
type vfsPty struct {
	t   *vfs.Task
	dir string
}

func (v vfsPty) open(path string, flags int) (int, error) {
	return v.t.Open(v.dir+"/"+path, uint32(flags), 0)
}
func (v vfsPty) close(fd int) error { return v.t.Close(fd) }
func (v vfsPty) read(fd int) (string, error) {
	b := make([]byte, 512)
	n, err := v.t.Read(fd, b)
	return string(b[:max(n, 0)]), err
}
func (v vfsPty) write(fd int, s string) (int, error) { return v.t.Write(fd, []byte(s)) }
func (v vfsPty) ioctlInt(fd int, cmd uint32, x int32) (int32, error) {
	_, err := v.t.Ioctl(fd, cmd, &x)
	return x, err
}
func (v vfsPty) ptn(fd int) (uint32, error) {
	var n uint32
	_, err := v.t.Ioctl(fd, linux.TIOCGPTN, &n)
	return n, err
}
func (v vfsPty) peer(fd int, flags int) (int, error) {
	r, err := v.t.Ioctl(fd, linux.TIOCGPTPEER, uint32(flags))
	if err != nil {
		return -1, err
	}
	return int(r), nil
}
func (v vfsPty) tcgets(fd int) (linux.Termios, error) {
	var tio linux.Termios
	_, err := v.t.Ioctl(fd, linux.TCGETS, &tio)
	return tio, err
}
func (v vfsPty) tcsets(fd int, tio linux.Termios) error {
	_, err := v.t.Ioctl(fd, linux.TCSETS, &tio)
	return err
}
func statLine(mode, uid, gid uint32, rdev, ino uint64, nlink uint32) string {
	return fmt.Sprintf("mode=%o uid=%d gid=%d rdev=%d:%d ino=%d nlink=%d", mode, uid, gid,
		linux.Major(rdev), linux.Minor(rdev), ino, nlink)
}
func (v vfsPty) stat(path string) (string, error) {
	st, err := v.t.Fstatat(linux.AT_FDCWD, v.dir+"/"+path, 0)
	if err != nil {
		return "", err
	}
	return statLine(uint32(st.Mode), st.UID, st.GID, st.Rdev(), st.Ino, st.Nlink), nil
}
func (v vfsPty) fstat(fd int) (string, error) {
	st, err := v.t.Fstat(fd)
	if err != nil {
		return "", err
	}
	return statLine(uint32(st.Mode), st.UID, st.GID, st.Rdev(), st.Ino, st.Nlink), nil
}
func (v vfsPty) readdir(path string) (string, error) {
	fd, err := v.t.Open(v.dir+"/"+path, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		return "", err
	}
	defer v.t.Close(fd)
	ents, err := v.t.Getdents(fd, 0)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name)
	}
	return strings.Join(names, " "), err
}
func (v vfsPty) lseek(fd int) error {
	_, err := v.t.Lseek(fd, 0, linux.SEEK_SET)
	return err
}

// hostPty is the host side, on its own thread and mount namespace.
type hostPty struct{ dir string }

func (h hostPty) open(path string, flags int) (int, error) {
	return unix.Open(h.dir+"/"+path, flags, 0)
}
func (h hostPty) close(fd int) error { return unix.Close(fd) }
func (h hostPty) read(fd int) (string, error) {
	b := make([]byte, 512)
	n, err := unix.Read(fd, b)
	return string(b[:max(n, 0)]), err
}
func (h hostPty) write(fd int, s string) (int, error) {
	n, err := unix.Write(fd, []byte(s))
	return max(n, 0), err
}
func (h hostPty) ioctlInt(fd int, cmd uint32, x int32) (int32, error) {
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), uintptr(cmd), uintptr(unsafe.Pointer(&x)))
	if e != 0 {
		return x, e
	}
	return x, nil
}
func (h hostPty) ptn(fd int) (uint32, error) {
	n, err := h.ioctlInt(fd, linux.TIOCGPTN, 0)
	return uint32(n), err
}
func (h hostPty) peer(fd int, flags int) (int, error) {
	r, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), linux.TIOCGPTPEER, uintptr(flags))
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}
func (h hostPty) tcgets(fd int) (linux.Termios, error) {
	var tio linux.Termios
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), linux.TCGETS, uintptr(unsafe.Pointer(&tio)))
	if e != 0 {
		return tio, e
	}
	return tio, nil
}
func (h hostPty) tcsets(fd int, tio linux.Termios) error {
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), linux.TCSETS, uintptr(unsafe.Pointer(&tio)))
	if e != 0 {
		return e
	}
	return nil
}
func hostStatLine(st *unix.Stat_t) string {
	return statLine(st.Mode, st.Uid, st.Gid, st.Rdev, st.Ino, uint32(st.Nlink))
}
func (h hostPty) stat(path string) (string, error) {
	var st unix.Stat_t
	if err := unix.Stat(h.dir+"/"+path, &st); err != nil {
		return "", err
	}
	return hostStatLine(&st), nil
}
func (h hostPty) fstat(fd int) (string, error) {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return "", err
	}
	return hostStatLine(&st), nil
}
func (h hostPty) readdir(path string) (string, error) {
	fd, err := unix.Open(h.dir+"/"+path, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		return "", err
	}
	defer unix.Close(fd)
	buf := make([]byte, 4096)
	n, err := unix.Getdents(fd, buf)
	if err != nil {
		return "", err
	}
	var names []string
	_, _, names = unix.ParseDirent(buf[:n], -1, names)
	return strings.Join(append([]string{".", ".."}, names...), " "), nil
}
func (h hostPty) lseek(fd int) error {
	_, err := unix.Seek(fd, 0, 0)
	return err
}

// ptyOpts are the devpts options both sides mount with.
const ptyOpts = "gid=5,mode=620,ptmxmode=666"

// runHostPty runs the sequence on the host kernel.
func runHostPty(t *testing.T) []string {
	dir := t.TempDir()
	type outcome struct {
		out []string
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with its namespace
		out, err := func() ([]string, error) {
			if err := unix.Unshare(unix.CLONE_NEWNS | unix.CLONE_FS | unix.CLONE_FILES); err != nil {
				return nil, err
			}
			if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
				return nil, err
			}
			if err := unix.Mount("tmpfs", dir, "tmpfs", 0, ""); err != nil {
				return nil, err
			}
			if err := unix.Mknod(dir+"/ptmx", unix.S_IFCHR|0o666, int(unix.Mkdev(5, 2))); err != nil {
				return nil, err
			}
			if err := unix.Mkdir(dir+"/pts", 0o755); err != nil {
				return nil, err
			}
			if err := unix.Mount("devpts", dir+"/pts", "devpts", 0, "newinstance,"+ptyOpts); err != nil {
				return nil, err
			}
			return ptySequence(hostPty{dir}), nil
		}()
		done <- outcome{out, err}
	}()
	o := <-done
	if o.err != nil {
		t.Skipf("host pty setup: %v", o.err)
	}
	return o.out
}

// TestPtyHostKernel compares the sequence on the host and on linuxvfs.
func TestPtyHostKernel(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root for a mount namespace and devpts")
	}
	host := runHostPty(t)
	task := boot(t, ptyOpts)
	got := ptySequence(vfsPty{t: task, dir: "/dev"})
	if slices.Equal(host, got) {
		return
	}
	for i := range max(len(host), len(got)) {
		var h, g string
		if i < len(host) {
			h = host[i]
		}
		if i < len(got) {
			g = got[i]
		}
		mark := "  "
		if h != g {
			mark = "!="
		}
		t.Logf("%s host: %s\n   linuxvfs: %s", mark, h, g)
	}
	t.Fatal("linuxvfs differs from the host kernel")
}
