// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// stressConfig is what one stress run does; the environment overrides the
// defaults: LINUXVFS_STRESS_SEED replays a run, LINUXVFS_STRESS_DURATION
// (a Go duration, e.g. 10m) makes it long, LINUXVFS_STRESS_TASKS sets the
// number of tasks.
type stressConfig struct {
	seed     int64
	duration time.Duration
	tasks    int
	opsRound int           // operations per task between two checks
	stuck    time.Duration // the watchdog's limit for one operation
}

func stressConfigFromEnv(t *testing.T) stressConfig {
	c := stressConfig{seed: time.Now().UnixNano(), duration: 3 * time.Second, tasks: 16, opsRound: 40, stuck: 20 * time.Second}
	if testing.Short() {
		c.duration = time.Second
	}
	if s := os.Getenv("LINUXVFS_STRESS_SEED"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("LINUXVFS_STRESS_SEED: %v", err)
		}
		c.seed = n
	}
	if s := os.Getenv("LINUXVFS_STRESS_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("LINUXVFS_STRESS_DURATION: %v", err)
		}
		c.duration = d
	}
	if s := os.Getenv("LINUXVFS_STRESS_TASKS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("LINUXVFS_STRESS_TASKS: %q", s)
		}
		c.tasks = n
	}
	return c
}

// TestStress runs tasks that share and do not share fs_structs, file
// tables and mount namespaces through random mounts, umounts (lazy too),
// binds, moves, propagation changes, unshares, pivot_roots, chroots,
// renames, removals and opens. Between rounds every task stops and the
// invariant checker runs; at the end every task exits and every mount
// ID, peer group ID, anonymous device and namespace must be given back.
func TestStress(t *testing.T) {
	cfg := stressConfigFromEnv(t)
	t.Logf("seed %d (replay with LINUXVFS_STRESS_SEED=%d), %d tasks for %v", cfg.seed, cfg.seed, cfg.tasks, cfg.duration)
	runStress(t, cfg)
}

// stressRun is the shared state of one run.
type stressRun struct {
	t       *testing.T
	cfg     stressConfig
	k       *vfs.Kernel
	init    *vfs.Task
	workers []*stressWorker
	nsMu    sync.Mutex
	nss     map[*vfs.MountNamespace]bool // every namespace a task was in
}

func runStress(t *testing.T, cfg stressConfig) {
	r := &stressRun{t: t, cfg: cfg, nss: map[*vfs.MountNamespace]bool{}}
	r.boot()
	rng := rand.New(rand.NewSource(cfg.seed))
	r.spawnWorkers(rng)
	end := time.Now().Add(cfg.duration)
	for round := 0; time.Now().Before(end) && !t.Failed(); round++ {
		r.round(round)
		if err := vfs.CheckInvariants(r.k, vfs.CheckOptions{Exact: true}); err != nil {
			t.Fatalf("after round %d (seed %d): %v", round, cfg.seed, err)
		}
	}
	r.exitAll()
	r.logTally()
}

// logTally logs how many operations of each kind succeeded and failed,
// to show that the mix reaches the interesting cases.
func (r *stressRun) logTally() {
	sum := map[string]*[2]int{}
	var kinds []string
	for _, w := range r.workers {
		for k, n := range w.tally {
			if sum[k] == nil {
				sum[k] = new([2]int)
				kinds = append(kinds, k)
			}
			sum[k][0] += n[0]
			sum[k][1] += n[1]
		}
	}
	slices.Sort(kinds)
	var b strings.Builder
	for _, k := range kinds {
		fmt.Fprintf(&b, " %s %d/%d", k, sum[k][0], sum[k][0]+sum[k][1])
	}
	r.t.Logf("succeeded/tried:%s", b.String())
}

func (r *stressRun) boot() {
	r.k = vfs.NewKernel()
	r.k.SetMountMax(1000)
	if err := r.k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		r.t.Fatal(err)
	}
	init, err := r.k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		r.t.Fatal(err)
	}
	r.init = init
	r.noteNS(init)
	for _, d := range []string{"/a", "/b", "/c", "/d", "/a/a", "/b/b"} {
		if err := init.Mkdir(d, 0o755); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *stressRun) noteNS(t *vfs.Task) {
	r.nsMu.Lock()
	r.nss[t.MountNamespace()] = true
	r.nsMu.Unlock()
}

// spawnWorkers makes the tasks: each worker has a template (where a
// respawn starts again) and a task; every second task shares its fs_struct
// and/or file table with the previous worker's.
func (r *stressRun) spawnWorkers(rng *rand.Rand) {
	for i := 0; i < r.cfg.tasks; i++ {
		w := &stressWorker{run: r, id: i, rng: rand.New(rand.NewSource(rng.Int63())), tally: map[string]*[2]int{}}
		w.template = r.init.Clone(0)
		if i%2 == 1 {
			flags := []uint64{linux.CLONE_FS, linux.CLONE_FILES, linux.CLONE_FS | linux.CLONE_FILES}[rng.Intn(3)]
			w.task = r.workers[i-1].task.Clone(flags)
		} else {
			w.task = w.template.Clone(0)
		}
		r.workers = append(r.workers, w)
	}
}

// round lets every worker run opsRound operations and waits for all of
// them, failing with every goroutine's stack if one operation hangs.
func (r *stressRun) round(n int) {
	var wg sync.WaitGroup
	for _, w := range r.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < r.cfg.opsRound; i++ {
				w.step()
			}
		}()
	}
	r.waitWatched(&wg, fmt.Sprintf("round %d", n))
}

// waitWatched waits for wg; an operation running longer than cfg.stuck
// fails the test.
func (r *stressRun) waitWatched(wg *sync.WaitGroup, what string) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		for _, w := range r.workers {
			if op, d := w.running(); d > r.cfg.stuck {
				buf := make([]byte, 4<<20)
				buf = buf[:runtime.Stack(buf, true)]
				r.t.Fatalf("timed out: worker %d spent %v in %s (%s, seed %d)\n%s", w.id, d, op, what, r.cfg.seed, buf)
			}
		}
	}
}

// exitAll ends every task, init last, and checks that nothing stays
// allocated.
func (r *stressRun) exitAll() {
	var wg sync.WaitGroup
	for _, w := range r.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.track("exit", func() error { w.task.Exit(); w.template.Exit(); return nil })
		}()
	}
	r.waitWatched(&wg, "exit")
	if err := vfs.CheckInvariants(r.k, vfs.CheckOptions{Exact: true}); err != nil {
		r.t.Fatalf("after every worker exited (seed %d): %v", r.cfg.seed, err)
	}
	r.init.Exit()
	var leaks []string
	for what, n := range map[string]int{
		"mount IDs":         vfs.LiveMountIDs(r.k),
		"peer group IDs":    vfs.LiveGroupIDs(r.k),
		"anonymous devices": vfs.LiveAnonDevs(r.k),
	} {
		if n != 0 {
			leaks = append(leaks, fmt.Sprintf("%d %s", n, what))
		}
	}
	for ns := range r.nss {
		if n := vfs.NamespaceUsers(ns); n != 0 {
			leaks = append(leaks, fmt.Sprintf("namespace %d has %d users", ns.Seq(), n))
		}
	}
	if len(leaks) > 0 {
		r.t.Errorf("leaked after every task exited (seed %d): %s", r.cfg.seed, strings.Join(leaks, ", "))
	}
}

// stressWorker drives one task from one goroutine.
type stressWorker struct {
	run      *stressRun
	id       int
	rng      *rand.Rand
	template *vfs.Task // never used but to clone a fresh task from
	task     *vfs.Task
	fds      []int // descriptors this worker opened
	// tally counts successes and failures per kind of operation.
	tally map[string]*[2]int
	// op and since say what the worker is doing, for the watchdog.
	op    atomic.Pointer[string]
	since atomic.Int64
}

func (w *stressWorker) running() (string, time.Duration) {
	s := w.since.Load()
	if s == 0 {
		return "", 0
	}
	return *w.op.Load(), time.Since(time.Unix(0, s))
}

// track runs one operation under the watchdog and accepts only errnos.
func (w *stressWorker) track(what string, f func() error) {
	w.op.Store(&what)
	w.since.Store(time.Now().UnixNano())
	err := f()
	w.since.Store(0)
	kind, _, _ := strings.Cut(what, " ")
	if w.tally[kind] == nil {
		w.tally[kind] = new([2]int)
	}
	if err == nil {
		w.tally[kind][0]++
	} else {
		w.tally[kind][1]++
	}
	var errno linux.Errno
	if err != nil && !errors.As(err, &errno) {
		w.run.t.Errorf("worker %d: %s: %v is not an errno", w.id, what, err)
	}
}

var stressNames = []string{"a", "b", "c", "d"}

// path is an absolute path of one to three components from stressNames.
func (w *stressWorker) path() string {
	var b strings.Builder
	for i := w.rng.Intn(3); i >= 0; i-- {
		b.WriteString("/" + stressNames[w.rng.Intn(len(stressNames))])
	}
	return b.String()
}

// stressOp is one kind of operation and its weight.
type stressOp struct {
	weight int
	do     func(w *stressWorker)
}

var stressOps = []stressOp{
	{6, (*stressWorker).mkdir},
	{3, (*stressWorker).rmdir},
	{2, (*stressWorker).unlink},
	{4, (*stressWorker).open},
	{3, (*stressWorker).close},
	{4, (*stressWorker).rename},
	{1, (*stressWorker).link},
	{6, (*stressWorker).mountTmpfs},
	{5, (*stressWorker).umount},
	{4, (*stressWorker).bind},
	{2, (*stressWorker).move},
	{4, (*stressWorker).propagation},
	{2, (*stressWorker).unshare},
	{1, (*stressWorker).pivotRoot},
	{1, (*stressWorker).chroot},
	{2, (*stressWorker).chdir},
	{1, (*stressWorker).walks},
	{1, (*stressWorker).respawn},
}

var stressTotalWeight = func() int {
	n := 0
	for _, op := range stressOps {
		n += op.weight
	}
	return n
}()

func (w *stressWorker) step() {
	n := w.rng.Intn(stressTotalWeight)
	for _, op := range stressOps {
		if n -= op.weight; n < 0 {
			op.do(w)
			return
		}
	}
}

func (w *stressWorker) mkdir() {
	p := w.path()
	w.track("mkdir "+p, func() error { return w.task.Mkdir(p, 0o755) })
}

func (w *stressWorker) rmdir() {
	p := w.path()
	w.track("rmdir "+p, func() error { return w.task.Rmdir(p) })
}

func (w *stressWorker) unlink() {
	p := w.path()
	w.track("unlink "+p, func() error { return w.task.Unlink(p) })
}

func (w *stressWorker) open() {
	if len(w.fds) >= 8 {
		w.close()
		return
	}
	p := w.path()
	flags := []uint32{linux.O_RDWR | linux.O_CREAT, linux.O_RDONLY | linux.O_DIRECTORY, linux.O_PATH}[w.rng.Intn(3)]
	w.track(fmt.Sprintf("open %s %#o", p, flags), func() error {
		fd, err := w.task.Open(p, flags, 0o644)
		if err == nil {
			w.fds = append(w.fds, fd)
		}
		return err
	})
}

func (w *stressWorker) close() {
	if len(w.fds) == 0 {
		return
	}
	i := w.rng.Intn(len(w.fds))
	fd := w.fds[i]
	w.fds = append(w.fds[:i], w.fds[i+1:]...)
	w.track(fmt.Sprintf("close %d", fd), func() error { return w.task.Close(fd) })
}

// rename includes rename(x, x) and directories moved out from under a
// bind mount's root (issue 8 items 1 and 2).
func (w *stressWorker) rename() {
	from, to := w.path(), w.path()
	w.track("rename "+from+" "+to, func() error { return w.task.Rename(from, to) })
}

// link makes hard links, so that renames between links of one inode
// happen too.
func (w *stressWorker) link() {
	from, to := w.path(), w.path()
	w.track("link "+from+" "+to, func() error { return w.task.Link(from, to) })
}

func (w *stressWorker) mountTmpfs() {
	p := w.path()
	w.track("mount tmpfs "+p, func() error { return w.task.Mount("t", p, "tmpfs", 0, "size=64k") })
}

func (w *stressWorker) umount() {
	p := w.path()
	flags := 0
	if w.rng.Intn(2) == 0 {
		flags = linux.MNT_DETACH
	}
	w.track(fmt.Sprintf("umount2 %s %d", p, flags), func() error { return w.task.Umount2(p, flags) })
}

func (w *stressWorker) bind() {
	from, to := w.path(), w.path()
	flags := uint64(linux.MS_BIND)
	if w.rng.Intn(2) == 0 {
		flags |= linux.MS_REC
	}
	w.track(fmt.Sprintf("bind %s %s %#x", from, to, flags), func() error { return w.task.Mount(from, to, "", flags, "") })
}

func (w *stressWorker) move() {
	from, to := w.path(), w.path()
	w.track("move "+from+" "+to, func() error { return w.task.Mount(from, to, "", linux.MS_MOVE, "") })
}

func (w *stressWorker) propagation() {
	p := w.path()
	flags := []uint64{linux.MS_SHARED, linux.MS_SLAVE, linux.MS_PRIVATE, linux.MS_UNBINDABLE}[w.rng.Intn(4)]
	if w.rng.Intn(3) == 0 {
		flags |= linux.MS_REC
	}
	w.track(fmt.Sprintf("make %s %#x", p, flags), func() error { return w.task.Mount("", p, "", flags, "") })
}

func (w *stressWorker) unshare() {
	flags := []uint64{linux.CLONE_NEWNS, linux.CLONE_FS, linux.CLONE_FILES, linux.CLONE_NEWNS | linux.CLONE_FILES}[w.rng.Intn(4)]
	w.track(fmt.Sprintf("unshare %#x", flags), func() error { return w.task.Unshare(flags) })
	w.run.noteNS(w.task)
}

// pivotRoot mostly sets the stage first, as a container runtime does:
// a fresh mount with another inside, the task chrooted at the first,
// sometimes everything made private; then pivot_root to the inner one.
func (w *stressWorker) pivotRoot() {
	p := w.path()
	if w.rng.Intn(4) == 0 {
		old := p + "/" + stressNames[w.rng.Intn(len(stressNames))]
		w.track("pivot_root "+p+" "+old, func() error { return w.task.PivotRoot(p, old) })
		return
	}
	w.track("mount tmpfs "+p, func() error { return w.task.Mount("t", p, "tmpfs", 0, "size=64k") })
	w.track("mkdir "+p+"/n", func() error { return w.task.Mkdir(p+"/n", 0o755) })
	w.track("mount tmpfs "+p+"/n", func() error { return w.task.Mount("t", p+"/n", "tmpfs", 0, "size=64k") })
	w.track("mkdir "+p+"/n/o", func() error { return w.task.Mkdir(p+"/n/o", 0o755) })
	w.track("chroot "+p, func() error { return w.task.Chroot(p) })
	if w.rng.Intn(2) == 0 {
		w.track("make / private", func() error { return w.task.Mount("", "/", "", linux.MS_PRIVATE|linux.MS_REC, "") })
	}
	w.track("pivot_root /n /n/o", func() error { return w.task.PivotRoot("/n", "/n/o") })
}

func (w *stressWorker) chroot() {
	p := w.path()
	w.track("chroot "+p, func() error { return w.task.Chroot(p) })
}

func (w *stressWorker) chdir() {
	p := w.path()
	w.track("chdir "+p, func() error { return w.task.Chdir(p) })
}

// walks reads mountinfo, getcwd and the descriptors' paths.
func (w *stressWorker) walks() {
	w.track("walks: mountinfo, getcwd, fd paths", func() error {
		w.task.Mountinfo()
		for _, fd := range w.fds {
			w.task.FdPath(fd)
		}
		_, err := w.task.Getcwd()
		return err
	})
}

// respawn replaces the task: a child sharing some of its state, or a
// fresh clone of the template (out of any chroot or unshared namespace).
func (w *stressWorker) respawn() {
	w.track("respawn", func() error {
		old := w.task
		if w.rng.Intn(2) == 0 {
			w.task = old.Clone([]uint64{0, linux.CLONE_FS, linux.CLONE_FILES, linux.CLONE_FS | linux.CLONE_FILES}[w.rng.Intn(4)])
		} else {
			w.task = w.template.Clone(0)
			w.fds = nil
		}
		old.Exit()
		return nil
	})
	w.run.noteNS(w.task)
}
