// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

// POSIX message queues on the host kernel and on linuxvfs: one sequence
// of mq_* calls (and reads of the queue files, /proc/sys/fs/mqueue, fstat
// and fcntl) runs on both, each in a new IPC namespace, and every step
// must give the same result and errno.
//
// The host side runs on an OS thread of its own (runtime.LockOSThread,
// never unlocked) that has unshared its file table, fs_struct and IPC
// namespace, and dropped CAP_SYS_RESOURCE, so that queues_max and
// msg_max bind it; the linuxvfs task is root without that capability too.
// The mq_open and mq_unlink names go through glibc's checks (a leading
// '/', dropped; EPERM from mq_unlink reported as EACCES), done here on
// the host side as MqOpen and MqUnlink do them.

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/mqueue"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mqSys is one side: the host kernel or a linuxvfs task. Descriptors are
// the side's own numbers.
type mqSys interface {
	open(name string, oflag, mode uint32, a *vfs.MqAttr) (int, error)
	unlink(name string) error
	send(fd int, msg string, prio uint32, deadline *vfs.Timespec) error
	receive(fd, size int, deadline *vfs.Timespec) (string, uint32, error)
	getsetattr(fd int, set *vfs.MqAttr) (vfs.MqAttr, error)
	notify(fd int, ev *vfs.Sigevent) error
	read(fd int) (string, error) // the queue file, from the start
	fstat(fd int) (string, error)
	fcntl(fd, cmd int) (int, error)
	close(fd int) error
	dup(fd int) (int, error)
	pipe() ([2]int, error)
	socketpair() ([2]int, error)
	// sysctl writes v to /proc/sys/fs/mqueue/name unless v is "", then
	// reads the file.
	sysctl(name, v string) (string, error)
	// setUser runs what follows as uid (and gid) u, or as the root the
	// side started as for 0.
	setUser(u int) error
	// pid is the number NOTIFY_PID shows for this side's registrations.
	pid() int
}

// mqEnv is the state of one run: descriptors by label.
type mqEnv struct {
	fds map[string]int
}

// fd is the descriptor labelled l; -1 (EBADF) for none.
func (e *mqEnv) fd(l string) int {
	if fd, ok := e.fds[l]; ok {
		return fd
	}
	return -1
}

// after is the CLOCK_REALTIME time d from now.
func after(d time.Duration) *vfs.Timespec {
	ts := vfs.TimespecOf(time.Now().Add(d))
	return &ts
}

func errStr(err error) string {
	var le linux.Errno
	var se syscall.Errno
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &le):
		return le.Name()
	case errors.As(err, &se):
		return linux.Errno(se).Name()
	}
	return err.Error()
}

// mqStep is one step; its result is compared between the sides.
type mqStep struct {
	what string
	run  func(s mqSys, e *mqEnv) string
}

func mqOpen(label, name string, oflag, mode uint32, a *vfs.MqAttr) mqStep {
	return mqStep{fmt.Sprintf("mq_open(%.24q, %#o, %#o, %+v) as %s", name, oflag, mode, a, label), func(s mqSys, e *mqEnv) string {
		fd, err := s.open(name, oflag, mode, a)
		if err != nil {
			return errStr(err)
		}
		if label != "" {
			e.fds[label] = fd
		} else {
			s.close(fd)
		}
		return "fd"
	}}
}

func mqUnlink(name string) mqStep {
	return mqStep{"mq_unlink " + name, func(s mqSys, e *mqEnv) string { return errStr(s.unlink(name)) }}
}

func mqSend(label, msg string, prio uint32, deadline func() *vfs.Timespec) mqStep {
	return mqStep{fmt.Sprintf("mq_send(%s, %.20q, %d)", label, msg, prio), func(s mqSys, e *mqEnv) string {
		var dl *vfs.Timespec
		if deadline != nil {
			dl = deadline()
		}
		return errStr(s.send(e.fd(label), msg, prio, dl))
	}}
}

func mqReceive(label string, size int, deadline func() *vfs.Timespec) mqStep {
	return mqStep{fmt.Sprintf("mq_receive(%s, %d)", label, size), func(s mqSys, e *mqEnv) string {
		var dl *vfs.Timespec
		if deadline != nil {
			dl = deadline()
		}
		m, prio, err := s.receive(e.fd(label), size, dl)
		if err != nil {
			return errStr(err)
		}
		return fmt.Sprintf("%q prio %d", m, prio)
	}}
}

func mqAttrStep(label string, set *vfs.MqAttr) mqStep {
	return mqStep{fmt.Sprintf("mq_getsetattr(%s, %+v)", label, set), func(s mqSys, e *mqEnv) string {
		a, err := s.getsetattr(e.fd(label), set)
		if err != nil {
			return errStr(err)
		}
		return fmt.Sprintf("%+v", a)
	}}
}

func mqNotify(label string, ev *vfs.Sigevent) mqStep {
	return mqStep{fmt.Sprintf("mq_notify(%s, %+v)", label, ev), func(s mqSys, e *mqEnv) string {
		return errStr(s.notify(e.fd(label), ev))
	}}
}

// mqNotifyFd asks for SIGEV_THREAD on the descriptor labelled sock.
func mqNotifyFd(label, sock string) mqStep {
	return mqStep{fmt.Sprintf("mq_notify(%s, SIGEV_THREAD on %s)", label, sock), func(s mqSys, e *mqEnv) string {
		return errStr(s.notify(e.fd(label), &vfs.Sigevent{Notify: linux.SIGEV_THREAD, Signo: int32(e.fd(sock))}))
	}}
}

// mqStatus reads the queue file, the side's own pid shown as "self".
func mqStatus(label string) mqStep {
	return mqStep{"read " + label, func(s mqSys, e *mqEnv) string {
		st, err := s.read(e.fd(label))
		if err != nil {
			return errStr(err)
		}
		return strings.Replace(st, fmt.Sprintf("NOTIFY_PID:%-6d", s.pid()), "NOTIFY_PID:self  ", 1)
	}}
}

func mqFstat(label string) mqStep {
	return mqStep{"fstat " + label, func(s mqSys, e *mqEnv) string {
		st, err := s.fstat(e.fd(label))
		if err != nil {
			return errStr(err)
		}
		return st
	}}
}

func mqFcntl(label string, cmd int) mqStep {
	return mqStep{fmt.Sprintf("fcntl(%s, %d)", label, cmd), func(s mqSys, e *mqEnv) string {
		v, err := s.fcntl(e.fd(label), cmd)
		if err != nil {
			return errStr(err)
		}
		return fmt.Sprintf("%#o", v)
	}}
}

func mqClose(label string) mqStep {
	return mqStep{"close " + label, func(s mqSys, e *mqEnv) string {
		err := s.close(e.fd(label))
		delete(e.fds, label)
		return errStr(err)
	}}
}

func mqDup(label, to string) mqStep {
	return mqStep{"dup " + label, func(s mqSys, e *mqEnv) string {
		fd, err := s.dup(e.fd(label))
		if err == nil {
			e.fds[to] = fd
		}
		return errStr(err)
	}}
}

// mqPair makes a pipe or a socket pair, labelled label0 and label1.
func mqPair(label string, sock bool) mqStep {
	return mqStep{"pipe or socketpair " + label, func(s mqSys, e *mqEnv) string {
		mk := s.pipe
		if sock {
			mk = s.socketpair
		}
		p, err := mk()
		if err == nil {
			e.fds[label+"0"], e.fds[label+"1"] = p[0], p[1]
		}
		return errStr(err)
	}}
}

func mqSysctl(name, v string) mqStep {
	return mqStep{fmt.Sprintf("sysctl %s=%q", name, v), func(s mqSys, e *mqEnv) string {
		got, err := s.sysctl(name, v)
		return errStr(err) + " " + got
	}}
}

func mqAs(uid int) mqStep {
	return mqStep{fmt.Sprintf("as uid %d", uid), func(s mqSys, e *mqEnv) string { return errStr(s.setUser(uid)) }}
}

// mqSteps is the sequence both sides run.
func mqSteps() []mqStep {
	a := func(maxmsg, msgsize int64) *vfs.MqAttr { return &vfs.MqAttr{Maxmsg: maxmsg, Msgsize: msgsize} }
	past := func() *vfs.Timespec { return &vfs.Timespec{Sec: 1} }
	soon := func() *vfs.Timespec { return after(20 * time.Millisecond) }
	long := strings.Repeat("n", linux.NAME_MAX)
	rw, cr := uint32(linux.O_RDWR), uint32(linux.O_CREAT|linux.O_RDWR)
	sig := &vfs.Sigevent{Notify: linux.SIGEV_SIGNAL, Signo: linux.SIGUSR1}
	steps := []mqStep{
		mqSysctl("queues_max", ""), mqSysctl("msg_max", ""), mqSysctl("msgsize_max", ""),
		mqSysctl("msg_default", ""), mqSysctl("msgsize_default", ""),
		// Names.
		mqOpen("", "noslash", cr, 0o600, nil), mqOpen("", "/", cr, 0o600, nil),
		mqOpen("", "/.", cr, 0o600, nil), mqOpen("", "/..", rw, 0, nil), mqOpen("", "/a/b", cr, 0o600, nil),
		mqOpen("", "/"+long+"n", cr, 0o600, nil), mqOpen("", "/"+long+"n", rw, 0, nil),
		mqOpen("long", "/"+long, cr, 0o600, nil), mqOpen("", "/missing", rw, 0, nil),
		// Attributes, checked only when the queue is made.
		mqOpen("", "/bad", cr, 0o600, a(0, 16)), mqOpen("", "/bad", cr, 0o600, a(4, 0)),
		mqOpen("", "/bad", cr, 0o600, a(-1, 16)), mqOpen("", "/bad", cr, 0o600, a(11, 16)),
		mqOpen("", "/bad", cr, 0o600, a(10, 8193)), mqOpen("", "/bad", cr, 0o600, a(65536, 1)),
		mqOpen("q", "/q", cr|linux.O_EXCL|linux.O_TRUNC|linux.O_APPEND, 0o7777, a(4, 16)),
		mqFstat("q"), mqFcntl("q", linux.F_GETFD), mqFcntl("q", linux.F_GETFL),
		mqOpen("", "/q", cr|linux.O_EXCL, 0o600, nil), mqOpen("", "/q", linux.O_RDWR|linux.O_WRONLY, 0, nil),
		mqOpen("", "/q", linux.O_RDWR|linux.O_WRONLY|linux.O_CREAT, 0, nil),
		mqOpen("ro", "/q", linux.O_CREAT|linux.O_RDONLY, 0o600, a(0, 0)), mqAttrStep("ro", nil),
		mqOpen("wo", "/q", linux.O_WRONLY, 0, nil),
		mqOpen("neither", "/neither", cr|linux.O_WRONLY, 0o640, nil), mqFstat("neither"), mqAttrStep("neither", nil),
		mqSend("neither", "x", 0, nil), mqReceive("neither", 8192, nil), mqStatus("neither"),
		mqOpen("", "/direct", cr|linux.O_DIRECT, 0o600, nil), mqUnlink("/direct"),
		// Sending and receiving.
		mqStatus("q"), mqSend("q", "hello", 1, nil), mqSend("q", "world!", 5, nil), mqSend("q", "x", 1, nil),
		mqStatus("q"), mqSend("q", "yy", 0, nil), mqAttrStep("q", nil), mqStatus("ro"),
		mqSend("q", "z", 0, past), mqSend("q", "z", 0, soon), mqSend("q", "0123456789abcdefg", 0, nil),
		mqSend("q", "z", linux.MQ_PRIO_MAX, nil), mqSend("ro", "z", 0, nil), mqSend("nofd", "z", 0, nil),
		mqSend("nofd", "z", 0, func() *vfs.Timespec { return &vfs.Timespec{Nsec: 1e9} }),
		mqSend("q", "z", 0, func() *vfs.Timespec { return &vfs.Timespec{Sec: -1} }),
		mqReceive("q", 15, nil), mqReceive("wo", 16, nil),
		mqReceive("q", 16, nil), mqReceive("q", 16, nil), mqReceive("q", 16, nil), mqReceive("q", 16, nil),
		mqReceive("q", 16, past), mqReceive("q", 16, soon), mqStatus("q"),
		mqAttrStep("q", &vfs.MqAttr{Flags: linux.O_NONBLOCK | linux.O_RDWR}), mqAttrStep("nofd", &vfs.MqAttr{Flags: 1}),
		mqAttrStep("q", &vfs.MqAttr{Flags: linux.O_NONBLOCK, Maxmsg: 99}), mqAttrStep("q", nil),
		mqFcntl("q", linux.F_GETFL), mqReceive("q", 16, nil),
		mqSend("q", "1", 0, nil), mqSend("q", "2", 0, nil), mqSend("q", "3", 0, nil), mqSend("q", "4", 0, nil),
		mqSend("q", "5", 0, nil), mqAttrStep("q", &vfs.MqAttr{}), mqReceive("q", 16, nil), mqReceive("q", 16, nil),
		mqReceive("q", 16, nil), mqReceive("q", 16, nil),
		// Notification.
		mqNotify("q", sig), mqStatus("q"), mqNotify("q", sig), mqNotify("q", nil), mqStatus("q"),
		mqNotify("q", &vfs.Sigevent{Notify: linux.SIGEV_NONE}), mqStatus("q"), mqSend("q", "z", 0, nil), mqStatus("q"),
		mqNotify("q", &vfs.Sigevent{Notify: linux.SIGEV_NONE}), mqSend("q", "z", 0, nil), mqStatus("q"),
		mqReceive("q", 16, nil), mqReceive("q", 16, nil), mqSend("q", "z", 0, nil), mqStatus("q"),
		mqNotify("q", &vfs.Sigevent{Notify: linux.SIGEV_SIGNAL}), mqStatus("q"),
		mqNotify("q", &vfs.Sigevent{Notify: linux.SIGEV_SIGNAL, Signo: linux.NSIG + 1}),
		mqNotify("q", &vfs.Sigevent{Notify: 7}), mqNotify("nofd", nil), mqNotify("q", nil),
		mqPair("p", false), mqPair("s", true), mqNotifyFd("q", "p0"), mqNotifyFd("q", "s0"), mqNotifyFd("q", "nofd"),
		mqNotify("p0", sig), mqAttrStep("p0", nil), mqSend("p1", "z", 0, nil), mqReceive("p0", 16, nil),
		mqNotify("q", sig), mqDup("q", "q2"), mqClose("q2"), mqStatus("q"),
		// Unlinking while open.
		mqUnlink("q"), mqUnlink("/q"), mqUnlink("/q"), mqSend("q", "after", 2, nil), mqStatus("q"), mqFstat("q"),
		mqOpen("", "/q", rw, 0, nil),
		// Limits: queues_max counts the unlinked queue while it is open.
		mqSysctl("queues_max", "0"), mqOpen("", "/r", cr, 0o600, nil), mqOpen("", "/"+long, rw, 0, nil),
		mqSysctl("queues_max", "4"), mqOpen("r", "/r", cr, 0o600, nil), mqClose("q"), mqOpen("", "/s", cr, 0o600, nil),
		mqClose("ro"), mqClose("wo"), mqOpen("s", "/s", cr, 0o600, nil), mqOpen("", "/t", cr, 0o600, nil),
		mqClose("neither"), mqUnlink("/neither"), mqOpen("t", "/t", cr, 0o600, nil),
		// Defaults come from the namespace's sysctls.
		mqSysctl("msg_default", "3"), mqSysctl("msgsize_default", "200"), mqSysctl("msg_default", "0"),
		mqSysctl("msgsize_default", "127"), mqSysctl("queues_max", "256"),
		mqOpen("d", "/d", cr, 0o600, nil), mqAttrStep("d", nil),
		mqSysctl("msg_default", "20"), mqOpen("d2", "/d2", cr, 0o600, nil), mqAttrStep("d2", nil),
		mqSysctl("msg_max", "65537"), mqSysctl("msg_max", "12"), mqOpen("", "/e", cr, 0o600, a(12, 16)),
		mqSysctl("msgsize_max", "16777217"), mqSysctl("msgsize_max", "16777216"), mqSysctl("queues_max", "-1"),
		mqOpen("", "/f", cr, 0o600, nil), mqSysctl("queues_max", "256"),
		// Another user: the mode and the sticky root; RLIMIT_MSGQUEUE.
		mqAs(4242), mqOpen("", "/r", rw, 0, nil), mqUnlink("/r"),
		mqOpen("", "/u", cr, 0o600, a(1, linux.MQ_BYTES_MAX-95)),
		mqOpen("u", "/u", cr, 0o644, a(1, linux.MQ_BYTES_MAX-96)), mqFstat("u"),
		mqOpen("", "/v", cr, 0o600, a(1, 1)), mqUnlink("/u"), mqOpen("", "/v", cr, 0o600, a(1, 1)),
		mqClose("u"), mqOpen("", "/w", cr, 0o600, a(1, 1)), mqAs(0),
	}
	return steps
}

// TestMqueueHostKernelDifferential runs mqSteps on the host kernel and on
// linuxvfs and compares them step by step. It needs root on Linux.
func TestMqueueHostKernelDifferential(t *testing.T) {
	if why := hostUnavailable(); why != "" {
		t.Skip("host kernel reference unavailable: " + why)
	}
	var rl unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_MSGQUEUE, &rl); err != nil || rl.Cur != linux.MQ_BYTES_MAX {
		t.Skipf("RLIMIT_MSGQUEUE is %d (%v); linuxvfs has %d", rl.Cur, err, linux.MQ_BYTES_MAX)
	}
	steps := mqSteps()
	host := runMqHost(t, steps)
	mine := runMqVFS(t, steps)
	var diffs []string
	if os.Getenv("MQ_TRANSCRIPT") != "" {
		for i, s := range steps {
			t.Logf("%3d %-60.60s %q", i, s.what, host[i])
		}
	}
	for i, s := range steps {
		if host[i] != mine[i] {
			diffs = append(diffs, fmt.Sprintf("step %d %s:\n    host %q\n    vfs  %q", i, s.what, host[i], mine[i]))
		}
	}
	if len(diffs) > 0 {
		t.Errorf("linuxvfs differs from the host kernel:\n%s", strings.Join(diffs, "\n"))
	}
}

func runMqSteps(s mqSys, steps []mqStep) []string {
	e := &mqEnv{fds: map[string]int{}}
	out := make([]string, len(steps))
	for i, st := range steps {
		out[i] = st.run(s, e)
	}
	return out
}

// runMqVFS runs steps as a task of a new IPC namespace of a kernel with
// procfs on /proc, as root without CAP_SYS_RESOURCE.
func runMqVFS(t *testing.T, steps []mqStep) []string {
	init := bootTmpfs(t)
	k := init.Kernel()
	for _, step := range []func() error{
		func() error { return k.RegisterFilesystem(proc.Type{}) },
		func() error { return mqueue.Register(k) },
		func() error { return init.Mkdir("/proc", 0o555) },
		func() error { return init.Mount("proc", "/proc", "proc", 0, "") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	task := init.Clone(0)
	defer task.Exit()
	if err := task.Unshare(linux.CLONE_NEWIPC); err != nil {
		t.Fatal(err)
	}
	root := *vfs.RootCred()
	root.Effective = root.Effective.Remove(linux.CAP_SYS_RESOURCE)
	root.Permitted = root.Effective
	task.SetCred(&root)
	task.Umask(0o022)
	return runMqSteps(&vfsMq{task, &root}, steps)
}

// runMqHost runs steps on the host, on a thread of its own in a new IPC
// namespace.
func runMqHost(t *testing.T, steps []mqStep) []string {
	groups, err := unix.Getgroups()
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		res []string
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with its state
		res, err := func() ([]string, error) {
			if err := unix.Unshare(unix.CLONE_FS | unix.CLONE_FILES | unix.CLONE_NEWIPC); err != nil {
				return nil, fmt.Errorf("unshare: %w", err)
			}
			if err := dropThreadCap(linux.CAP_SYS_RESOURCE); err != nil {
				return nil, err
			}
			unix.Umask(0o022)
			h := &hostMq{rootGroups: groups}
			defer h.setUser(0)
			return runMqSteps(h, steps), nil
		}()
		done <- outcome{res, err}
	}()
	o := <-done
	if o.err != nil {
		t.Fatalf("host: %v", o.err)
	}
	return o.res
}

// dropThreadCap removes c from this thread's effective and permitted
// sets, for good.
func dropThreadCap(c linux.Capability) error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return fmt.Errorf("capget: %w", err)
	}
	i, bit := c/32, uint32(1)<<(c%32)
	data[i].Effective &^= bit
	data[i].Permitted &^= bit
	if err := unix.Capset(&hdr, &data[0]); err != nil {
		return fmt.Errorf("capset: %w", err)
	}
	return nil
}

// vfsMq is linuxvfs's side.
type vfsMq struct {
	t    *vfs.Task
	root *vfs.Cred
}

func (v *vfsMq) open(name string, oflag, mode uint32, a *vfs.MqAttr) (int, error) {
	return v.t.MqOpen(name, oflag, mode, a)
}
func (v *vfsMq) unlink(name string) error { return v.t.MqUnlink(name) }
func (v *vfsMq) send(fd int, msg string, prio uint32, dl *vfs.Timespec) error {
	return v.t.MqTimedsend(fd, []byte(msg), prio, dl)
}
func (v *vfsMq) receive(fd, size int, dl *vfs.Timespec) (string, uint32, error) {
	b := make([]byte, size)
	n, prio, err := v.t.MqTimedreceive(fd, b, dl)
	return string(b[:n]), prio, err
}
func (v *vfsMq) getsetattr(fd int, set *vfs.MqAttr) (vfs.MqAttr, error) {
	return v.t.MqGetsetattr(fd, set)
}
func (v *vfsMq) notify(fd int, ev *vfs.Sigevent) error { return v.t.MqNotify(fd, ev) }
func (v *vfsMq) read(fd int) (string, error) {
	b := make([]byte, 128)
	n, err := v.t.Pread(fd, b, 0)
	return string(b[:max(n, 0)]), err
}
func (v *vfsMq) fstat(fd int) (string, error) {
	st, err := v.t.Fstat(fd)
	return fmt.Sprintf("mode %#o nlink %d size %d uid %d gid %d", st.Mode, st.Nlink, st.Size, st.UID, st.GID), err
}
func (v *vfsMq) fcntl(fd, cmd int) (int, error) { return v.t.Fcntl(fd, cmd, 0) }
func (v *vfsMq) close(fd int) error             { return v.t.Close(fd) }
func (v *vfsMq) dup(fd int) (int, error)        { return v.t.Dup(fd) }
func (v *vfsMq) pipe() ([2]int, error)          { return v.t.Pipe2(0) }
func (v *vfsMq) socketpair() ([2]int, error) {
	return v.t.Socketpair(linux.AF_UNIX, linux.SOCK_STREAM, 0)
}
func (v *vfsMq) sysctl(name, val string) (string, error) {
	file := "/proc/sys/fs/mqueue/" + name
	if val != "" {
		fd, err := v.t.Open(file, linux.O_WRONLY|linux.O_TRUNC, 0)
		if err != nil {
			return "", err
		}
		_, err = v.t.Write(fd, []byte(val+"\n"))
		v.t.Close(fd)
		if err != nil {
			return "", err
		}
	}
	fd, err := v.t.Open(file, linux.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer v.t.Close(fd)
	b := make([]byte, 64)
	n, err := v.t.Read(fd, b)
	return string(b[:max(n, 0)]), err
}
func (v *vfsMq) setUser(u int) error {
	if u == 0 {
		v.t.SetCred(v.root)
	} else {
		v.t.SetCred(vfs.UserCred(uint32(u), uint32(u)))
	}
	return nil
}
func (v *vfsMq) pid() int { return int(v.t.TID()) }

// hostMq is the host kernel's side, on the thread runMqHost set up.
type hostMq struct {
	rootGroups []int
}

// mqAttrC is struct mq_attr.
type mqAttrC struct {
	Flags, Maxmsg, Msgsize, Curmsgs int64
	_                               [4]int64
}

// sigeventC is struct sigevent on x86_64: the value, the signal, how to
// notify, and a union of 48 bytes.
type sigeventC struct {
	Value  uint64
	Signo  int32
	Notify int32
	_      [48]byte
}

func (h *hostMq) open(name string, oflag, mode uint32, a *vfs.MqAttr) (int, error) {
	rest, ok := strings.CutPrefix(name, "/")
	if !ok {
		return -1, unix.EINVAL
	}
	var ap unsafe.Pointer
	if a != nil && oflag&unix.O_CREAT != 0 {
		ap = unsafe.Pointer(&mqAttrC{Flags: a.Flags, Maxmsg: a.Maxmsg, Msgsize: a.Msgsize, Curmsgs: a.Curmsgs})
	}
	return sys(unix.SYS_MQ_OPEN, cstr(rest), oflag, mode, ap)
}

func (h *hostMq) unlink(name string) error {
	rest, ok := strings.CutPrefix(name, "/")
	if !ok {
		return unix.EINVAL
	}
	err := sysErr(unix.SYS_MQ_UNLINK, cstr(rest))
	if err == unix.EPERM {
		err = unix.EACCES
	}
	return err
}

func timespecPtr(dl *vfs.Timespec) unsafe.Pointer {
	if dl == nil {
		return nil
	}
	return unsafe.Pointer(&unix.Timespec{Sec: dl.Sec, Nsec: dl.Nsec})
}

func (h *hostMq) send(fd int, msg string, prio uint32, dl *vfs.Timespec) error {
	return sysErr(unix.SYS_MQ_TIMEDSEND, fd, cstr(msg), len(msg), prio, timespecPtr(dl))
}

func (h *hostMq) receive(fd, size int, dl *vfs.Timespec) (string, uint32, error) {
	b := make([]byte, size+1)
	var prio uint32
	n, err := sys(unix.SYS_MQ_TIMEDRECEIVE, fd, &b[0], size, unsafe.Pointer(&prio), timespecPtr(dl))
	if err != nil {
		return "", 0, err
	}
	return string(b[:n]), prio, nil
}

func (h *hostMq) getsetattr(fd int, set *vfs.MqAttr) (vfs.MqAttr, error) {
	var setp unsafe.Pointer
	if set != nil {
		setp = unsafe.Pointer(&mqAttrC{Flags: set.Flags, Maxmsg: set.Maxmsg, Msgsize: set.Msgsize, Curmsgs: set.Curmsgs})
	}
	var old mqAttrC
	err := sysErr(unix.SYS_MQ_GETSETATTR, fd, setp, unsafe.Pointer(&old))
	return vfs.MqAttr{Flags: old.Flags, Maxmsg: old.Maxmsg, Msgsize: old.Msgsize, Curmsgs: old.Curmsgs}, err
}

// notify passes, for SIGEV_THREAD, a valid cookie as sigev_value (Linux
// reads 32 bytes from it before it looks at the socket).
func (h *hostMq) notify(fd int, ev *vfs.Sigevent) error {
	var evp unsafe.Pointer
	var cookie [32]byte
	if ev != nil {
		c := &sigeventC{Value: ev.Value, Signo: ev.Signo, Notify: ev.Notify}
		if ev.Notify == linux.SIGEV_THREAD {
			c.Value = uint64(uintptr(unsafe.Pointer(&cookie[0])))
		}
		evp = unsafe.Pointer(c)
	}
	err := sysErr(unix.SYS_MQ_NOTIFY, fd, evp)
	runtime.KeepAlive(&cookie)
	return err
}

func (h *hostMq) read(fd int) (string, error) {
	b := make([]byte, 128)
	n, err := unix.Pread(fd, b, 0)
	return string(b[:max(n, 0)]), err
}

func (h *hostMq) fstat(fd int) (string, error) {
	var st unix.Stat_t
	err := unix.Fstat(fd, &st)
	return fmt.Sprintf("mode %#o nlink %d size %d uid %d gid %d", st.Mode, st.Nlink, st.Size, st.Uid, st.Gid), err
}

func (h *hostMq) fcntl(fd, cmd int) (int, error) { return unix.FcntlInt(uintptr(fd), cmd, 0) }
func (h *hostMq) close(fd int) error             { return unix.Close(fd) }
func (h *hostMq) dup(fd int) (int, error)        { return unix.Dup(fd) }
func (h *hostMq) pipe() (p [2]int, err error) {
	err = unix.Pipe2(p[:], 0)
	return p, err
}
func (h *hostMq) socketpair() ([2]int, error) {
	return unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
}

// sysctl uses raw system calls, so they are made on this thread, which
// decides which namespace's values /proc/sys/fs/mqueue shows.
func (h *hostMq) sysctl(name, val string) (string, error) {
	file := "/proc/sys/fs/mqueue/" + name
	if val != "" {
		fd, err := unix.Open(file, unix.O_WRONLY|unix.O_TRUNC, 0)
		if err != nil {
			return "", err
		}
		_, err = unix.Write(fd, []byte(val+"\n"))
		unix.Close(fd)
		if err != nil {
			return "", err
		}
	}
	fd, err := unix.Open(file, unix.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer unix.Close(fd)
	b := make([]byte, 64)
	n, err := unix.Read(fd, b)
	return string(b[:max(n, 0)]), err
}

// setUser switches this thread's IDs (hostOps.SetUser's way); back to 0,
// the permitted capabilities, without CAP_SYS_RESOURCE, come back.
func (h *hostMq) setUser(u int) error {
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, 0, 0, 0); e != 0 {
		return fmt.Errorf("setresuid(0): %w", e)
	}
	if err := setThreadIDs(0, 0, 0, 0, 0, 0, h.rootGroups); err != nil {
		return err
	}
	unix.Prctl(unix.PR_SET_DUMPABLE, 1, 0, 0, 0)
	if u == 0 {
		return nil
	}
	return setThreadIDs(u, u, 0, u, u, 0, nil)
}

func (h *hostMq) pid() int { return os.Getpid() }
