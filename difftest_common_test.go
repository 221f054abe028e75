// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/linuxvfs/linuxvfs/userland"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

// Helpers shared by the differential tests (difftest_*_test.go): running a
// directory of scenarios in the real kernel and in linuxvfs, and reporting
// mismatches.

// diffTimeout bounds the first run of each side of each scenario. A side
// that runs out of time is run again with longer limits (patiently), so a
// busy machine slows the tests down but cannot fail them; a side that
// still does not finish is reported as a time-out, not as a mismatch.
const diffTimeout = 10 * time.Second

// retryTimeouts are the limits of the runs after a time-out.
var retryTimeouts = []time.Duration{6 * diffTimeout, 18 * diffTimeout}

// errTimedOut marks a side that ran out of time on every attempt.
var errTimedOut = errors.New("timed out")

// patiently calls run with diffTimeout, then with each of retryTimeouts
// while it keeps running out of time (and ctx itself is not done).
func patiently(ctx context.Context, run func(context.Context) (kerneltest.Result, error)) (kerneltest.Result, error) {
	limits := append([]time.Duration{diffTimeout}, retryTimeouts...)
	var res kerneltest.Result
	var err error
	for _, limit := range limits {
		rctx, cancel := context.WithTimeout(ctx, limit)
		res, err = run(rctx)
		expired := rctx.Err() == context.DeadlineExceeded
		cancel()
		if !expired || ctx.Err() != nil {
			return res, err
		}
	}
	return res, fmt.Errorf("%w (limits %v): %v", errTimedOut, limits, err)
}

// kernelParallelism is how many scenarios run in the real kernel at once.
const kernelParallelism = 2

// diffOptions adapts runDifferential to a kind of scenario.
type diffOptions struct {
	// normalize, if set, rewrites each side's result before the
	// comparison (and the report shows the rewritten results); kernel
	// tells which side it is. Used for mount tables, whose IDs differ.
	normalize func(r kerneltest.Result, kernel bool) kerneltest.Result
	// setup, if set, runs once the kernel is known to be available and
	// before any scenario; a non-nil error fails the test.
	setup func() error
	// expand, if set, rewrites each script before it runs on either
	// side (the block scenarios make their ext images there); an empty
	// script with a nil error skips the scenario.
	expand func(script string) (string, error)
	// exclusive runs the kernel side one scenario at a time with
	// kerneltest.RunExclusive, for outputs that depend on mount IDs.
	exclusive bool
	// kernelRetries is how many more times a mismatching scenario is run
	// in the kernel before it fails; it passes if any run matches. Mount
	// IDs come from a machine-wide pool, and namespaces that other
	// programs (or tests of other packages, which do not take kerneltest's
	// lock) tear down meanwhile change which IDs a script gets, and so
	// findmnt's tree order (see kerneltest.RunExclusive).
	kernelRetries int
}

type kernelOutcome struct {
	res kerneltest.Result
	err error
}

type scenario struct {
	name   string // file name, e.g. 001-issue-example.sh
	script string
	kernel chan kernelOutcome
}

func runDifferential(t *testing.T, dir string, opts diffOptions) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.sh"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no scenarios in %s", dir)
	}
	sort.Strings(paths)
	filter := os.Getenv("LINUXVFS_DIFF")
	var scenarios []*scenario
	for _, p := range paths {
		name := filepath.Base(p)
		if filter != "" && !strings.Contains(name, filter) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		script := string(b)
		if tool := missingHostTool(script); tool != "" {
			t.Logf("%s: skipped (the real kernel's side runs %s, which this machine lacks; .ci/run installs it)", name, tool)
			continue
		}
		if opts.expand != nil {
			if script, err = opts.expand(script); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if script == "" {
				t.Logf("%s: skipped (its expansion needs a tool this machine lacks)", name)
				continue
			}
		}
		scenarios = append(scenarios, &scenario{name: name, script: script, kernel: make(chan kernelOutcome, 1)})
	}
	if len(scenarios) == 0 {
		t.Skipf("LINUXVFS_DIFF=%q matches no scenario in %s", filter, dir)
	}
	if ok, reason := kerneltest.Available(); !ok {
		t.Skip("real-kernel reference unavailable: " + reason)
	}
	if opts.setup != nil {
		if err := opts.setup(); err != nil {
			t.Fatal(err)
		}
	}

	// Kernel side: run ahead in the background, a few at a time, while the
	// linuxvfs side consumes the results in order.
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sem := make(chan struct{}, kernelParallelism)
	go func() {
		for _, sc := range scenarios {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				sc.kernel <- kernelOutcome{err: ctx.Err()}
				continue
			}
			go func(sc *scenario) {
				defer func() { <-sem }()
				res, err := patiently(ctx, func(kctx context.Context) (kerneltest.Result, error) {
					return opts.runKernel(kctx, sc.script)
				})
				sc.kernel <- kernelOutcome{res, err}
			}(sc)
		}
	}()

	for _, sc := range scenarios {
		t.Run(strings.TrimSuffix(sc.name, ".sh"), func(t *testing.T) {
			got, gotErr := runLinuxvfs(sc.script)
			k := <-sc.kernel
			if k.err != nil {
				t.Fatalf("%s: kernel side failed: %v\nstdout:\n%s\nstderr:\n%s", sc.name, k.err, k.res.Stdout, k.res.Stderr)
			}
			want := k.res
			if opts.normalize != nil {
				want, got = opts.normalize(want, true), opts.normalize(got, false)
			}
			if gotErr == nil && got == want {
				return
			}
			for i := range opts.kernelRetries {
				if gotErr != nil {
					break
				}
				res, err := patiently(ctx, func(kctx context.Context) (kerneltest.Result, error) {
					return opts.runKernel(kctx, sc.script)
				})
				if err != nil {
					break
				}
				if opts.normalize != nil {
					res = opts.normalize(res, true)
				}
				if res == got {
					t.Logf("%s: kernel run %d matches linuxvfs; the first differed:\n%s", sc.name, i+2, report(sc, want, got, gotErr))
					return
				}
			}
			t.Error(report(sc, want, got, gotErr))
		})
	}
}

// runKernel runs script in the kernel as opts ask.
func (opts diffOptions) runKernel(ctx context.Context, script string) (kerneltest.Result, error) {
	if opts.exclusive {
		return kerneltest.RunExclusive(ctx, script)
	}
	return kerneltest.Run(ctx, script)
}

// runLinuxvfs runs script through linuxvfs.RunScript with empty stdin,
// patiently (see diffTimeout).
func runLinuxvfs(script string) (kerneltest.Result, error) {
	return patiently(context.Background(), func(ctx context.Context) (kerneltest.Result, error) {
		return runLinuxvfsOnce(ctx, script)
	})
}

// runLinuxvfsOnce runs script once, within ctx.
func runLinuxvfsOnce(ctx context.Context, script string) (kerneltest.Result, error) {
	type outcome struct {
		res kerneltest.Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		var stdout, stderr strings.Builder
		defer func() {
			if r := recover(); r != nil {
				o.err = fmt.Errorf("RunScript panicked: %v", r)
			}
			o.res.Stdout, o.res.Stderr = stdout.String(), stderr.String()
			done <- o
		}()
		// The kernel side runs `bash -c`, whose own messages start
		// "/bin/bash: line N:"; the shell is told to call itself that.
		o.res.Exit, o.err = userland.RunScriptAs(ctx, "/bin/bash", script, strings.NewReader(""), &stdout, &stderr)
	}()
	select {
	case o := <-done:
		if ctx.Err() != nil && o.err == nil {
			o.err = fmt.Errorf("script did not finish: %w", ctx.Err())
		}
		return o.res, o.err
	case <-ctx.Done():
	}
	// RunScript must stop soon after its context ends; if it does not,
	// that is a hang of ours, not a slow machine.
	const grace = 30 * time.Second
	select {
	case o := <-done:
		return o.res, fmt.Errorf("script did not finish: %w", ctx.Err())
	case <-time.After(grace):
		return kerneltest.Result{Exit: -1}, fmt.Errorf("RunScript still running %v after its context ended (a hang)", grace)
	}
}

// report renders a mismatch: the numbered script, then for every stream that
// differs a line diff ("-" kernel, "+" linuxvfs), then both sides in full.
func report(sc *scenario, want, got kerneltest.Result, gotErr error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: linuxvfs differs from the real kernel\n", sc.name)
	if gotErr != nil {
		fmt.Fprintf(&b, "RunScript error: %v\n", gotErr)
	}
	b.WriteString("--- script\n")
	for i, line := range strings.Split(strings.TrimSuffix(sc.script, "\n"), "\n") {
		fmt.Fprintf(&b, "%3d  %s\n", i+1, line)
	}
	if want.Exit != got.Exit {
		fmt.Fprintf(&b, "--- exit status: kernel %d, linuxvfs %d\n", want.Exit, got.Exit)
	}
	for _, s := range []struct{ name, want, got string }{
		{"stdout", want.Stdout, got.Stdout},
		{"stderr", want.Stderr, got.Stderr},
	} {
		if s.want == s.got {
			continue
		}
		fmt.Fprintf(&b, "--- %s diff (- kernel, + linuxvfs)\n%s", s.name, lineDiff(s.want, s.got))
	}
	fmt.Fprintf(&b, "--- kernel (exit %d)\n%s", want.Exit, sides(want))
	fmt.Fprintf(&b, "--- linuxvfs (exit %d)\n%s", got.Exit, sides(got))
	return b.String()
}

func sides(r kerneltest.Result) string {
	return "stdout:\n" + indent(r.Stdout) + "stderr:\n" + indent(r.Stderr)
}

func indent(s string) string {
	if s == "" {
		return "    (empty)\n"
	}
	var b strings.Builder
	for _, l := range splitLines(s) {
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

// splitLines splits s into lines, marking a missing final newline the way
// diff(1) does, so that such differences are visible.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if strings.HasSuffix(l, "\n") {
			lines[i] = strings.TrimSuffix(l, "\n")
		} else {
			lines[i] = l + `\ (no newline at end)`
		}
		if strings.ContainsFunc(lines[i], func(r rune) bool { return r < ' ' && r != '\t' }) {
			lines[i] = fmt.Sprintf("%q", lines[i])
		}
	}
	return lines
}

// lineDiff is a small LCS line diff; outputs here are short.
func lineDiff(want, got string) string {
	a, b := splitLines(want), splitLines(got)
	const maxLines = 2000
	if len(a) > maxLines || len(b) > maxLines {
		return "    (too long to diff; see both sides below)\n"
	}
	// lcs[i][j] = length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out.WriteString("    " + a[i] + "\n")
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out.WriteString("  - " + a[i] + "\n")
			i++
		default:
			out.WriteString("  + " + b[j] + "\n")
			j++
		}
	}
	return out.String()
}

// randomDiff describes one randomized differential test: seeds, the
// script each makes, how outputs are normalized, and how to replay.
type randomDiff struct {
	test      string // the test's name, for the replay hint
	seedVar   string // environment variable that replays one seed
	seeds     []uint64
	gen       func(seed uint64) string
	normalize func(r kerneltest.Result, kernel bool) kerneltest.Result
	twice     bool // run every script twice in the kernel (generator check)
	reports   int  // mismatches reported in full
}

// runRandomDifferential runs every seed's script in the kernel and in
// linuxvfs, a few at a time, and reports mismatches with their seeds.
func runRandomDifferential(t *testing.T, d randomDiff) {
	type outcome struct {
		seed       uint64
		script     string
		want, got  kerneltest.Result
		kernelErr  error
		gotErr     error
		kernelDiff string // non-empty if two kernel runs differed
	}
	if d.normalize == nil {
		d.normalize = func(r kerneltest.Result, _ bool) kerneltest.Result { return r }
	}
	outcomes := make([]outcome, len(d.seeds))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	kernel := func(script string) (kerneltest.Result, error) {
		res, err := patiently(ctx, func(kctx context.Context) (kerneltest.Result, error) {
			return kerneltest.Run(kctx, script)
		})
		return d.normalize(res, true), err
	}
	// The kernel side is mostly fork/exec and waiting, so it runs a few
	// scripts per CPU at once; linuxvfs runs in this process.
	workers := max(2, 2*runtime.NumCPU())
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := &outcomes[i]
				o.seed = d.seeds[i]
				o.script = d.gen(o.seed)
				o.want, o.kernelErr = kernel(o.script)
				if d.twice && o.kernelErr == nil {
					if res2, err2 := kernel(o.script); err2 != nil || res2 != o.want {
						sc := &scenario{name: fmt.Sprintf("seed %d (second kernel run)", o.seed), script: o.script}
						o.kernelDiff = fmt.Sprintf("kernel runs differ (err %v):\n%s", err2, report(sc, o.want, res2, nil))
					}
				}
				got, gotErr := runLinuxvfs(o.script)
				o.got, o.gotErr = d.normalize(got, false), gotErr
			}
		}()
	}
	for i := range d.seeds {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	var pass int
	var failed []uint64
	reported := 0
	for _, o := range outcomes {
		switch {
		case o.kernelErr != nil:
			t.Errorf("seed %d: kernel side failed: %v\n--- script\n%s\n--- stdout\n%s--- stderr\n%s",
				o.seed, o.kernelErr, o.script, o.want.Stdout, o.want.Stderr)
			continue
		case o.kernelDiff != "":
			t.Errorf("seed %d: the kernel is not deterministic for this script; fix the generator\n%s", o.seed, o.kernelDiff)
		}
		if o.gotErr == nil && o.got == o.want {
			pass++
			continue
		}
		failed = append(failed, o.seed)
		if reported < d.reports {
			reported++
			sc := &scenario{name: fmt.Sprintf("seed %d", o.seed), script: o.script}
			t.Errorf("seed %d (replay: %s=%d go test -run %s .)\n%s",
				o.seed, d.seedVar, o.seed, d.test, report(sc, o.want, o.got, o.gotErr))
		}
	}
	t.Logf("%d of %d random scripts match the kernel (seeds %d..%d, %v)",
		pass, len(d.seeds), d.seeds[0], d.seeds[len(d.seeds)-1], time.Since(start).Round(time.Millisecond))
	if len(failed) > reported {
		t.Errorf("%d more seeds differ: %s", len(failed)-reported, seedList(failed[reported:]))
	}
}

// missingHostTool is the first program a "# host-tools: NAME..." line of
// script names that is not on this machine's PATH, or "": the kernel's
// side of such a scenario runs the host's program, and without it the
// comparison would only show its absence.
func missingHostTool(script string) string {
	for _, line := range strings.Split(script, "\n") {
		names, ok := strings.CutPrefix(line, "# host-tools:")
		if !ok {
			continue
		}
		for _, name := range strings.Fields(names) {
			if _, err := exec.LookPath(name); err != nil {
				return name
			}
		}
	}
	return ""
}
