// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/linuxvfs/linuxvfs/fuse"
)

// Suites from outside, run over the export when they are at hand (see
// docs/fuse.md for how to get and build them):
//
//	LINUXVFS_FSX=/path/to/fsx                 a built xfstests fsx, or
//	LINUXVFS_XFSTESTS=/path/to/xfstests       its source, built here with cc
//	LINUXVFS_PJDFSTEST=/path/to/pjdfstest     a built pjdfstest tree
//	LINUXVFS_PJDFSTEST_TESTS="rename chmod"   only these of its tests/
//	LINUXVFS_PJDFSTEST_DEFAULT_PERMISSIONS=1  export with default_permissions

// fsxConfig is the config.h fsx's global.h wants, as glibc on Linux
// answers its questions (no xfsprogs, libaio or liburing headers).
const fsxConfig = `#define HAVE_ASSERT_H 1
#define HAVE_DIRENT_H 1
#define HAVE_ERRNO_H 1
#define HAVE_LIBGEN_H 1
#define HAVE_MALLOC_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_FCNTL_H 1
#define HAVE_SYS_IOCTL_H 1
#define HAVE_SYS_MMAN_H 1
#define HAVE_SYS_PARAM_H 1
#define HAVE_SYS_STATVFS_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_WAIT_H 1
#define HAVE_TIME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_WAIT_H 1
#define HAVE_LINUX_FALLOC_H 1
#define HAVE_COPY_FILE_RANGE 1
`

// fsxBinary returns a built fsx: LINUXVFS_FSX, or one built from the
// xfstests source at LINUXVFS_XFSTESTS; the test is skipped without.
func fsxBinary(t *testing.T) string {
	if p := os.Getenv("LINUXVFS_FSX"); p != "" {
		return p
	}
	src := os.Getenv("LINUXVFS_XFSTESTS")
	if src == "" {
		t.Skip("fsx: set LINUXVFS_FSX to a built xfstests fsx, or LINUXVFS_XFSTESTS to the xfstests source")
	}
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("fsx: no C compiler to build ltp/fsx.c")
	}
	out := t.TempDir()
	must(t, os.WriteFile(filepath.Join(out, "config.h"), []byte(fsxConfig), 0o644))
	bin := filepath.Join(out, "fsx")
	build := exec.Command(cc, "-O2", "-D_GNU_SOURCE", "-D_FILE_OFFSET_BITS=64", "-include", "getopt.h",
		"-I", out, "-I", filepath.Join(src, "src"), "-I", filepath.Join(src, "include"),
		"-o", bin, filepath.Join(src, "ltp", "fsx.c"))
	if o, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building fsx: %v\n%s", err, o)
	}
	return bin
}

// TestFsx runs fsx over a file in the export's /tmp (a virtual tmpfs):
// random reads, writes, mapped reads and writes, truncates,
// fallocate (mode 0, KEEP_SIZE, PUNCH_HOLE; it turns off the modes the
// filesystem refuses) and copy_file_range, each checked against its own
// copy of the data; a second run closes and reopens the file every 50
// operations or so (each open drops the host's cached pages, so this
// one is slower).
func TestFsx(t *testing.T) {
	canMount(t)
	fsx := fsxBinary(t)
	mp, _, _ := export(t, "/", nil)
	logs := t.TempDir()
	for i, run := range []struct {
		ops  int
		opts string
	}{{20000, ""}, {5000, "-c 50"}} {
		c := inDir(filepath.Join(mp, "tmp"), fmt.Sprintf("%s -q -N %d -S %d %s -P %s f%d", fsx, run.ops, i+1, run.opts, logs, i))
		out, err := c.CombinedOutput()
		if err != nil || !strings.Contains(string(out), fmt.Sprintf("All %d operations completed A-OK!", run.ops)) {
			t.Errorf("fsx -N %d -S %d %s: %v\n%s", run.ops, i+1, run.opts, err, out)
		}
	}
}

// TestPjdfstest runs pjdfstest (LINUXVFS_PJDFSTEST: a built tree, with
// the pjdfstest program beside tests/) with prove, as root, over the
// export's /tmp and over a host tmpfs at the same time, and fails on
// each test case that fails over the export and not over tmpfs, unless
// testdata/pjdfstest.known lists it (with the reason).
// LINUXVFS_PJDFSTEST_TESTS narrows the run to some directories of
// tests/; LINUXVFS_PJDFSTEST_DEFAULT_PERMISSIONS=1 exports with
// Options.DefaultPermissions. The whole suite takes about half an hour (its tests sleep to
// see timestamps move).
func TestPjdfstest(t *testing.T) {
	canMount(t)
	root := os.Getenv("LINUXVFS_PJDFSTEST")
	if root == "" {
		t.Skip("pjdfstest: set LINUXVFS_PJDFSTEST to a built pjdfstest tree (docs/fuse.md says how)")
	}
	if _, err := exec.LookPath("prove"); err != nil {
		t.Skip("pjdfstest: no prove (perl)")
	}
	if _, err := os.Stat(filepath.Join(root, "pjdfstest")); err != nil {
		t.Fatalf("LINUXVFS_PJDFSTEST: %v", err)
	}
	var tests []string
	for _, d := range strings.Fields(os.Getenv("LINUXVFS_PJDFSTEST_TESTS")) {
		tests = append(tests, filepath.Join(root, "tests", d))
	}
	if tests == nil {
		tests = []string{filepath.Join(root, "tests")}
	}
	var opts *fuse.Options
	if os.Getenv("LINUXVFS_PJDFSTEST_DEFAULT_PERMISSIONS") != "" {
		opts = &fuse.Options{DefaultPermissions: true}
	}
	mp, _, _ := exportWith(t, "/", nil, opts)
	host := hostTmpfs(t)
	var wg sync.WaitGroup
	var over, under string
	wg.Add(2)
	go func() { defer wg.Done(); over = prove(filepath.Join(mp, "tmp"), tests) }()
	go func() { defer wg.Done(); under = prove(host, tests) }()
	wg.Wait()
	exportFails, tmpfsFails := proveFailures(over), proveFailures(under)
	t.Logf("failed over the export: %d %v; over tmpfs: %d %v", len(exportFails), exportFails, len(tmpfsFails), tmpfsFails)
	if n, m := proveCount(over), proveCount(under); n == 0 || n != m {
		t.Fatalf("prove ran %d cases over the export, %d over tmpfs:\n%s\n%s", n, m, over, under)
	}
	known := knownPjdfstest(t)
	for _, f := range exportFails {
		if !slices.Contains(tmpfsFails, f) && !known[f] {
			t.Errorf("fails over the export only: %s", f)
		}
	}
	if t.Failed() {
		t.Logf("prove over the export:\n%s", over)
	}
}

// knownPjdfstest reads testdata/pjdfstest.known: the cases known to
// fail over the export only.
func knownPjdfstest(t *testing.T) map[string]bool {
	b, err := os.ReadFile("testdata/pjdfstest.known")
	must(t, err)
	known := map[string]bool{}
	for line := range strings.Lines(string(b)) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			known[line] = true
		}
	}
	return known
}

// prove runs prove -r over tests with dir as the working directory and
// returns what it printed.
func prove(dir string, tests []string) string {
	c := inDir(dir, `shift; exec prove -r "$@"`) // $1 is this command
	c.Args = append(c.Args, tests...)
	out, _ := c.CombinedOutput()
	return string(out)
}

// proveCount is the number of cases prove's last line says it ran.
func proveCount(out string) int {
	m := regexp.MustCompile(`Files=\d+, Tests=(\d+)`).FindStringSubmatch(out)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var (
	proveFile = regexp.MustCompile(`^(\S+\.t)\s+\(Wstat`)
	proveList = regexp.MustCompile(`^\s+Failed tests?:\s+(.*)$`)
	proveMore = regexp.MustCompile(`^\s+([0-9][0-9, ]*)$`)
)

// proveFailures lists the failed test cases of prove's summary as
// "dir/NN.t#K" (K a case number, or "exit" for a script that ended
// badly), sorted. A long list of failed cases goes on over indented
// lines of numbers (as "TODO passed:" does, which is not a failure).
func proveFailures(out string) []string {
	var fails []string
	var file string
	inFailed := false
	add := func(list string) {
		for _, r := range strings.Split(list, ",") {
			if r = strings.TrimSpace(r); r != "" {
				fails = append(fails, file+"#"+r)
			}
		}
	}
	for line := range strings.Lines(out) {
		line = strings.TrimRight(line, "\n")
		if m := proveMore.FindStringSubmatch(line); m != nil && inFailed {
			add(m[1])
			continue
		}
		inFailed = false
		if m := proveFile.FindStringSubmatch(line); m != nil {
			file = filepath.Join(filepath.Base(filepath.Dir(m[1])), filepath.Base(m[1]))
			if !strings.Contains(line, "Wstat: 0 ") {
				fails = append(fails, file+"#exit")
			}
			continue
		}
		if m := proveList.FindStringSubmatch(line); m != nil && file != "" {
			add(m[1])
			inFailed = true
		}
	}
	slices.Sort(fails)
	return slices.Compact(fails)
}

// TestProveFailures reads a summary as prove printed it over the export.
func TestProveFailures(t *testing.T) {
	out := `/x/tests/open/05.t ............. ok
Test Summary Report
-------------------
/x/tests/chown/00.t          (Wstat: 0 Tests: 1280 Failed: 0)
  TODO passed:   1054, 1058
                1064
/x/tests/open/06.t           (Wstat: 0 Tests: 144 Failed: 3)
  Failed tests:  78, 82
                86
/x/tests/rename/09.t         (Wstat: 256 (exited 1) Tests: 10 Failed: 1)
  Failed test:  7
Files=238, Tests=8798, 2333 wallclock secs
Result: FAIL
`
	want := []string{"open/06.t#78", "open/06.t#82", "open/06.t#86", "rename/09.t#7", "rename/09.t#exit"}
	if got := proveFailures(out); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
