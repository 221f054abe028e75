// SPDX-License-Identifier: Apache-2.0

package mqueue_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/mqueue"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// boot returns init of a kernel with a tmpfs root, procfs on /proc and
// message queues, in a fresh IPC namespace of its own.
func boot(t *testing.T) *vfs.Task {
	t.Helper()
	k := testkernel.New(t, proc.Type{})
	if err := mqueue.Register(k); err != nil {
		t.Fatal(err)
	}
	init := testkernel.Init(t, k)
	t.Cleanup(init.Exit)
	for _, step := range []func() error{
		func() error { return init.Mkdir("/proc", 0o555) },
		func() error { return init.Mount("proc", "/proc", "proc", 0, "") },
		func() error { return init.Mkdir("/mq", 0o755) },
		func() error { return init.Mount("mqueue", "/mq", "mqueue", 0, "") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	init.Umask(0o022)
	return init
}

// unprivileged is root without CAP_SYS_RESOURCE, bound by the sysctls.
func unprivileged(t *vfs.Task) *vfs.Task {
	c := *vfs.RootCred()
	c.Effective = c.Effective.Remove(linux.CAP_SYS_RESOURCE)
	c.Permitted = c.Effective
	t.SetCred(&c)
	return t
}

func attr(maxmsg, msgsize int64) *vfs.MqAttr { return &vfs.MqAttr{Maxmsg: maxmsg, Msgsize: msgsize} }

func mustOpen(t *testing.T, task *vfs.Task, name string, oflag, mode uint32, a *vfs.MqAttr) int {
	t.Helper()
	fd, err := task.MqOpen(name, oflag, mode, a)
	if err != nil {
		t.Fatalf("mq_open %s: %v", name, err)
	}
	return fd
}

// status reads the queue file through the descriptor, as cat of it would.
func status(t *testing.T, task *vfs.Task, fd int) string {
	t.Helper()
	b := make([]byte, 128)
	n, err := task.Pread(fd, b, 0)
	if err != nil {
		t.Fatalf("read queue %d: %v", fd, err)
	}
	return string(b[:n])
}

func statusLine(qsize int64, notify, signo, pid int32) string {
	return fmt.Sprintf("QSIZE:%-10d NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n", qsize, notify, signo, pid)
}

func wantErr(t *testing.T, what string, got, want error) {
	t.Helper()
	if got != want {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
}

// Names, flags and attributes of mq_open as Linux 6.18 takes them.
func TestOpen(t *testing.T) {
	task := unprivileged(boot(t))
	long := strings.Repeat("n", linux.NAME_MAX)
	for _, c := range []struct {
		name  string
		oflag uint32
		a     *vfs.MqAttr
		want  error
	}{
		{"q", linux.O_CREAT | linux.O_RDWR, nil, linux.EINVAL},
		{"/", linux.O_CREAT | linux.O_RDWR, nil, linux.ENOENT},
		{"/.", linux.O_CREAT | linux.O_RDWR, nil, linux.EACCES},
		{"/..", linux.O_RDWR, nil, linux.EACCES},
		{"/a/b", linux.O_CREAT | linux.O_RDWR, nil, linux.EACCES},
		{"/" + long + "n", linux.O_CREAT | linux.O_RDWR, nil, linux.ENAMETOOLONG},
		{"/missing", linux.O_RDWR, nil, linux.ENOENT},
		{"/bad", linux.O_CREAT | linux.O_RDWR, attr(0, 16), linux.EINVAL},
		{"/bad", linux.O_CREAT | linux.O_RDWR, attr(4, 0), linux.EINVAL},
		{"/bad", linux.O_CREAT | linux.O_RDWR, attr(-1, 16), linux.EINVAL},
		{"/bad", linux.O_CREAT | linux.O_RDWR, attr(linux.DFLT_MSGMAX+1, 16), linux.EINVAL},
		{"/bad", linux.O_CREAT | linux.O_RDWR, attr(1, linux.DFLT_MSGSIZEMAX+1), linux.EINVAL},
		{"/direct", linux.O_CREAT | linux.O_RDWR | linux.O_DIRECT, nil, linux.EINVAL},
		{"/" + long, linux.O_CREAT | linux.O_RDWR, nil, nil},
	} {
		fd, err := task.MqOpen(c.name, c.oflag, 0o600, c.a)
		wantErr(t, fmt.Sprintf("mq_open(%.20q, %#o, %v)", c.name, c.oflag, c.a), err, c.want)
		if err == nil {
			task.Close(fd)
		}
	}
	// O_DIRECT fails after the queue is made, as dentry_open fails.
	wantErr(t, "unlink /direct", task.MqUnlink("/direct"), nil)
	wantErr(t, "unlink /bad", task.MqUnlink("/bad"), linux.ENOENT)

	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_EXCL|linux.O_RDWR|linux.O_TRUNC, 0o7777, attr(4, 16))
	st, err := task.Fstat(q)
	if err != nil || st.Mode != linux.S_IFREG|0o7755 || st.Size != 80 || st.Nlink != 1 {
		t.Errorf("a new queue: %+v %v; want mode %o, size 80, one link", st, err, linux.S_IFREG|0o7755)
	}
	if fl, _ := task.Fcntl(q, linux.F_GETFD, 0); fl != linux.FD_CLOEXEC {
		t.Errorf("mq_open's descriptor: F_GETFD %d, want FD_CLOEXEC", fl)
	}
	if fl, _ := task.Fcntl(q, linux.F_GETFL, 0); fl != linux.O_RDWR {
		t.Errorf("mq_open's descriptor: F_GETFL %#o, want O_RDWR", fl)
	}
	_, err = task.MqOpen("/q", linux.O_CREAT|linux.O_EXCL|linux.O_RDWR, 0o600, nil)
	wantErr(t, "O_EXCL on a queue", err, linux.EEXIST)
	_, err = task.MqOpen("/q", linux.O_RDWR|linux.O_WRONLY, 0, nil)
	wantErr(t, "O_RDWR|O_WRONLY on a queue", err, linux.EINVAL)
	// The attributes of an existing queue are not looked at.
	fd := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDONLY, 0o600, attr(0, 0))
	if a, err := task.MqGetsetattr(fd, nil); err != nil || a != (vfs.MqAttr{Maxmsg: 4, Msgsize: 16}) {
		t.Errorf("mq_getattr: %+v %v", a, err)
	}
	wantErr(t, "mq_send on O_RDONLY", task.MqTimedsend(fd, []byte("x"), 0, nil), linux.EBADF)

	// Made with O_RDWR|O_WRONLY, it is opened for neither.
	neither := mustOpen(t, task, "/neither", linux.O_CREAT|linux.O_RDWR|linux.O_WRONLY, 0o600, nil)
	wantErr(t, "mq_send on neither", task.MqTimedsend(neither, []byte("x"), 0, nil), linux.EBADF)
	_, _, err = task.MqTimedreceive(neither, make([]byte, 8192), nil)
	wantErr(t, "mq_receive on neither", err, linux.EBADF)
	_, err = task.Read(neither, make([]byte, 80))
	wantErr(t, "read on neither", err, linux.EBADF)
	if a, _ := task.MqGetsetattr(neither, nil); a.Maxmsg != linux.DFLT_MSG || a.Msgsize != linux.DFLT_MSGSIZE {
		t.Errorf("defaults: %+v", a)
	}

	// The queue shows in every mount of the namespace's mqueue.
	if st, err := task.Stat("/mq/q"); err != nil || st.Mode != linux.S_IFREG|0o7755 {
		t.Errorf("/mq/q: %+v %v", st, err)
	}
	// A non-owner: the mode applies; the sticky root keeps others' queues.
	user := task.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	_, err = user.MqOpen("/neither", linux.O_RDONLY, 0, nil)
	wantErr(t, "another user's 0600 queue", err, linux.EACCES)
	wantErr(t, "unlinking another user's queue", user.MqUnlink("/neither"), linux.EACCES)
	wantErr(t, "unlink without slash", user.MqUnlink("neither"), linux.EINVAL)
	uq := mustOpen(t, user, "/u", linux.O_CREAT|linux.O_RDWR, 0o644, nil)
	if st, _ := user.Fstat(uq); st.UID != 1000 || st.GID != 1000 || st.Mode != linux.S_IFREG|0o644 {
		t.Errorf("a user's queue: %+v", st)
	}
}

// mq_open reserves its descriptor first: a full table is EMFILE whatever
// the name.
func TestOpenEMFILE(t *testing.T) {
	task := boot(t)
	fd := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, nil)
	for {
		if _, err := task.Dup(fd); err != nil {
			break
		}
	}
	for _, name := range []string{"/q", "/missing", "/a/b"} {
		_, err := task.MqOpen(name, linux.O_RDWR, 0, nil)
		wantErr(t, "mq_open with no descriptor free: "+name, err, linux.EMFILE)
	}
}

// Priorities, FIFO order within one, the queue file's QSIZE, and the
// errors of send and receive.
func TestSendReceive(t *testing.T) {
	task := boot(t)
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, attr(4, 16))
	for _, m := range []struct {
		text string
		prio uint32
	}{{"hello", 1}, {"world!", 5}, {"x", 1}, {"yy", 0}} {
		if err := task.MqTimedsend(q, []byte(m.text), m.prio, nil); err != nil {
			t.Fatalf("send %q: %v", m.text, err)
		}
	}
	if got, want := status(t, task, q), statusLine(14, 0, 0, 0); got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	b := make([]byte, 128)
	if n, err := task.Pread(q, b, 5); err != nil || string(b[:n]) != statusLine(14, 0, 0, 0)[5:] {
		t.Errorf("status from offset 5: %q %v", b[:n], err)
	}
	if got, err := task.Stat("/mq/q"); err != nil || got.Size != 80 {
		t.Errorf("queue file: %+v %v", got, err)
	}
	past := vfs.Timespec{Sec: 1}
	wantErr(t, "send on a full queue, deadline past", task.MqTimedsend(q, []byte("z"), 0, &past), linux.ETIMEDOUT)
	soon := vfs.TimespecOf(time.Now().Add(10 * time.Millisecond))
	wantErr(t, "send on a full queue, deadline soon", task.MqTimedsend(q, []byte("z"), 0, &soon), linux.ETIMEDOUT)
	wantErr(t, "message too long", task.MqTimedsend(q, make([]byte, 17), 0, nil), linux.EMSGSIZE)
	wantErr(t, "priority MQ_PRIO_MAX", task.MqTimedsend(q, []byte("z"), linux.MQ_PRIO_MAX, nil), linux.EINVAL)
	bad := vfs.Timespec{Nsec: 1e9}
	wantErr(t, "bad deadline, bad descriptor", task.MqTimedsend(99, []byte("z"), 0, &bad), linux.EINVAL)
	neg := vfs.Timespec{Sec: -1}
	wantErr(t, "negative deadline", task.MqTimedsend(q, []byte("z"), 0, &neg), linux.EINVAL)
	wantErr(t, "bad descriptor", task.MqTimedsend(99, []byte("z"), 0, nil), linux.EBADF)
	p, _ := task.Pipe2(0)
	wantErr(t, "send on a pipe", task.MqTimedsend(p[1], []byte("z"), 0, nil), linux.EBADF)
	_, err := task.MqGetsetattr(p[0], nil)
	wantErr(t, "getattr of a pipe", err, linux.EBADF)
	wantErr(t, "notify on a pipe", task.MqNotify(p[0], nil), linux.EBADF)
	if a, err := task.MqGetsetattr(q, nil); err != nil || a.Curmsgs != 4 {
		t.Errorf("getattr: %+v %v", a, err)
	}

	_, _, err = task.MqTimedreceive(q, make([]byte, 15), nil)
	wantErr(t, "receive into a short buffer", err, linux.EMSGSIZE)
	var got []string
	for range 4 {
		buf := make([]byte, 16)
		n, prio, err := task.MqTimedreceive(q, buf, nil)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s/%d", buf[:n], prio))
	}
	if g, want := strings.Join(got, " "), "world!/5 hello/1 x/1 yy/0"; g != want {
		t.Errorf("received %s, want %s", g, want)
	}
	_, _, err = task.MqTimedreceive(q, b, &past)
	wantErr(t, "receive from an empty queue, deadline past", err, linux.ETIMEDOUT)
	if _, err := task.MqGetsetattr(q, &vfs.MqAttr{Flags: linux.O_NONBLOCK | linux.O_RDWR}); err != linux.EINVAL {
		t.Errorf("setattr with O_RDWR: %v", err)
	}
	old, err := task.MqGetsetattr(q, &vfs.MqAttr{Flags: linux.O_NONBLOCK, Maxmsg: 99})
	if err != nil || old.Flags != 0 {
		t.Errorf("setattr: old %+v %v", old, err)
	}
	if a, _ := task.MqGetsetattr(q, nil); a != (vfs.MqAttr{Flags: linux.O_NONBLOCK, Maxmsg: 4, Msgsize: 16}) {
		t.Errorf("after setattr: %+v", a)
	}
	if fl, _ := task.Fcntl(q, linux.F_GETFL, 0); fl != linux.O_RDWR|linux.O_NONBLOCK {
		t.Errorf("F_GETFL after setattr: %#o", fl)
	}
	_, _, err = task.MqTimedreceive(q, b, nil)
	wantErr(t, "non-blocking receive from an empty queue", err, linux.EAGAIN)
	for range 4 {
		task.MqTimedsend(q, nil, 0, nil)
	}
	wantErr(t, "non-blocking send to a full queue", task.MqTimedsend(q, nil, 0, nil), linux.EAGAIN)
	if _, err := task.Write(q, []byte("x")); err != linux.EINVAL {
		t.Errorf("write to a queue: %v, want EINVAL", err)
	}
}

// mq_notify: registration, EBUSY, what the queue file shows, the signal
// a message arriving in an empty queue sends, and a registration's end.
func TestNotify(t *testing.T) {
	task := boot(t)
	pid := task.TID()
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, attr(4, 16))
	sig := &vfs.Sigevent{Notify: linux.SIGEV_SIGNAL, Signo: linux.SIGUSR1, Value: 42}
	check := func(what, want string) {
		t.Helper()
		if got := status(t, task, q); got != want {
			t.Errorf("%s: status %q, want %q", what, got, want)
		}
	}
	wantErr(t, "register", task.MqNotify(q, sig), nil)
	check("registered", statusLine(0, linux.SIGEV_SIGNAL, linux.SIGUSR1, pid))
	wantErr(t, "register again", task.MqNotify(q, sig), linux.EBUSY)
	other := task.Clone(0)
	defer other.Exit()
	wantErr(t, "another task registers", other.MqNotify(q, sig), linux.EBUSY)
	wantErr(t, "another task unregisters", other.MqNotify(q, nil), nil)
	check("another task unregistered", statusLine(0, linux.SIGEV_SIGNAL, linux.SIGUSR1, pid))
	if err := other.MqTimedsend(q, []byte("hi"), 0, nil); err != nil {
		t.Fatal(err)
	}
	check("notified", statusLine(2, 0, 0, 0))
	want := []vfs.Siginfo{{Signo: linux.SIGUSR1, Code: linux.SI_MESGQ, Pid: other.TID(), Value: 42}}
	if got := task.TakeSignals(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("signals %+v, want %+v", got, want)
	}
	// Only a message arriving in an empty queue notifies.
	wantErr(t, "register SIGEV_NONE", task.MqNotify(q, &vfs.Sigevent{Notify: linux.SIGEV_NONE}), nil)
	check("SIGEV_NONE", statusLine(2, linux.SIGEV_NONE, 0, pid))
	task.MqTimedsend(q, []byte("x"), 0, nil)
	check("not empty before", statusLine(3, linux.SIGEV_NONE, 0, pid))
	for range 2 {
		task.MqTimedreceive(q, make([]byte, 16), nil)
	}
	task.MqTimedsend(q, []byte("x"), 0, nil)
	check("empty before", statusLine(1, 0, 0, 0))
	if got := task.TakeSignals(); len(got) != 0 {
		t.Errorf("SIGEV_NONE sent %+v", got)
	}
	// Closing any descriptor of the queue ends the closer's registration.
	task.MqNotify(q, sig)
	dup, _ := task.Dup(q)
	other.Close(dup) // the table is a copy: another task's close
	fd2, _ := other.Dup(q)
	other.Close(fd2)
	check("another task closed", statusLine(1, linux.SIGEV_SIGNAL, linux.SIGUSR1, pid))
	task.Close(dup)
	check("the registered task closed", statusLine(1, 0, 0, 0))

	for _, c := range []struct {
		ev   vfs.Sigevent
		want error
	}{
		{vfs.Sigevent{Notify: 7}, linux.EINVAL},
		{vfs.Sigevent{Notify: linux.SIGEV_SIGNAL, Signo: linux.NSIG + 1}, linux.EINVAL},
		{vfs.Sigevent{Notify: linux.SIGEV_SIGNAL, Signo: -1}, linux.EINVAL},
		{vfs.Sigevent{Notify: linux.SIGEV_THREAD, Signo: 99}, linux.EBADF},
		{vfs.Sigevent{Notify: linux.SIGEV_THREAD, Signo: int32(q)}, linux.ENOTSOCK},
	} {
		wantErr(t, fmt.Sprintf("notify %+v", c.ev), task.MqNotify(q, &c.ev), c.want)
	}
	sv, err := task.Socketpair(linux.AF_UNIX, linux.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantErr(t, "SIGEV_THREAD on an AF_UNIX socket", task.MqNotify(q, &vfs.Sigevent{Notify: linux.SIGEV_THREAD, Signo: int32(sv[0])}), linux.EINVAL)
	// Signal 0 is valid: the registration holds, and nothing is sent.
	wantErr(t, "signal 0", task.MqNotify(q, &vfs.Sigevent{Notify: linux.SIGEV_SIGNAL}), nil)
	check("signal 0", statusLine(1, 0, 0, pid))
	wantErr(t, "notify, bad descriptor", task.MqNotify(99, nil), linux.EBADF)
}

// An unlinked queue works while open, and still counts against
// queues_max until its last file is closed.
func TestUnlinkWhileOpen(t *testing.T) {
	task := unprivileged(boot(t))
	task.IPCNamespace().SetMqLimit(vfs.MqQueuesMax, 1)
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, attr(2, 8))
	wantErr(t, "unlink", task.MqUnlink("/q"), nil)
	wantErr(t, "unlink again", task.MqUnlink("/q"), linux.ENOENT)
	wantErr(t, "send after unlink", task.MqTimedsend(q, []byte("abc"), 3, nil), nil)
	if got := status(t, task, q); got != statusLine(3, 0, 0, 0) {
		t.Errorf("status after unlink: %q", got)
	}
	if st, _ := task.Fstat(q); st.Nlink != 0 {
		t.Errorf("nlink %d after unlink", st.Nlink)
	}
	_, err := task.MqOpen("/r", linux.O_CREAT|linux.O_RDWR, 0o600, nil)
	wantErr(t, "a second queue while the unlinked one is open", err, linux.ENOSPC)
	task.Close(q)
	r := mustOpen(t, task, "/r", linux.O_CREAT|linux.O_RDWR, 0o600, nil)
	task.Close(r)
	// CAP_SYS_RESOURCE is not bound by queues_max.
	task.SetCred(vfs.RootCred())
	mustOpen(t, task, "/s", linux.O_CREAT|linux.O_RDWR, 0o600, attr(linux.DFLT_MSGMAX+1, 1))
}

// RLIMIT_MSGQUEUE: each user's queues may take 819200 bytes, counting a
// 48-byte msg_msg per message and a 48-byte tree node per priority they
// might use; a queue gives its bytes back when it goes, also when its
// namespace goes.
func TestUserBytes(t *testing.T) {
	init := boot(t)
	init.IPCNamespace().SetMqLimit(vfs.MqMsgsizeMax, linux.HARD_MSGSIZEMAX)
	user := init.Clone(0)
	user.SetCred(vfs.UserCred(1000, 1000))
	fit := attr(1, linux.MQ_BYTES_MAX-2*48)
	_, err := user.MqOpen("/big", linux.O_CREAT|linux.O_RDWR, 0o600, attr(1, fit.Msgsize+1))
	wantErr(t, "one byte over", err, linux.EMFILE)
	q := mustOpen(t, user, "/big", linux.O_CREAT|linux.O_RDWR, 0o600, fit)
	_, err = user.MqOpen("/small", linux.O_CREAT|linux.O_RDWR, 0o600, attr(1, 1))
	wantErr(t, "a second queue", err, linux.EMFILE)
	// Another user has bytes of its own.
	other := init.Clone(0)
	other.SetCred(vfs.UserCred(1001, 1001))
	mustOpen(t, other, "/other", linux.O_CREAT|linux.O_RDWR, 0o600, attr(1, 1))
	other.Exit()
	user.Close(q)
	_, err = user.MqOpen("/small", linux.O_CREAT|linux.O_RDWR, 0o600, attr(1, 1))
	wantErr(t, "/big closed but named", err, linux.EMFILE)
	wantErr(t, "unlink /big", user.MqUnlink("/big"), nil)
	mustOpen(t, user, "/small", linux.O_CREAT|linux.O_RDWR, 0o600, attr(1, 1))
	wantErr(t, "unlink /small", user.MqUnlink("/small"), nil) // still open
	_, err = user.MqOpen("/big", linux.O_CREAT|linux.O_RDWR, 0o600, fit)
	wantErr(t, "while /small is open", err, linux.EMFILE)
	user.Exit() // closes /small, which goes

	// A namespace dying with its queues still named gives their bytes back.
	for i := range 3 {
		child := init.Clone(0)
		if err := child.Unshare(linux.CLONE_NEWIPC); err != nil {
			t.Fatal(err)
		}
		child.IPCNamespace().SetMqLimit(vfs.MqMsgsizeMax, linux.HARD_MSGSIZEMAX)
		child.SetCred(vfs.UserCred(1000, 1000))
		if _, err := child.MqOpen("/big", linux.O_CREAT|linux.O_RDWR, 0o600, fit); err != nil {
			t.Fatalf("namespace %d: %v", i, err)
		}
		child.Exit()
	}
}

// Without attributes a queue takes min(msg_max, msg_default) and
// min(msgsize_max, msgsize_default), the namespace's own.
func TestDefaults(t *testing.T) {
	init := boot(t)
	ns := init.IPCNamespace()
	ns.SetMqLimit(vfs.MqMsgDefault, 20)
	ns.SetMqLimit(vfs.MqMsgsizeDefault, 200)
	q := mustOpen(t, init, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, nil)
	if a, _ := init.MqGetsetattr(q, nil); a.Maxmsg != 10 || a.Msgsize != 200 {
		t.Errorf("defaults: %+v, want 10 and 200", a)
	}
	child := init.Clone(0)
	defer child.Exit()
	child.Unshare(linux.CLONE_NEWIPC)
	_, err := child.MqOpen("/q", linux.O_RDWR, 0, nil)
	wantErr(t, "another namespace's queue", err, linux.ENOENT)
	c := mustOpen(t, child, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, nil)
	if a, _ := child.MqGetsetattr(c, nil); a.Maxmsg != linux.DFLT_MSG || a.Msgsize != linux.DFLT_MSGSIZE {
		t.Errorf("a new namespace's defaults: %+v", a)
	}
}
