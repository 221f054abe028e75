// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

// TestUMLFat compares fs/fat with a real kernel's vfat and msdos where the
// host has none: the fat block scenarios (testdata/diff/block/05[0-9]) and
// testdata/uml/fat/*.sh run in Debian's user-mode-linux kernel (6.1, see
// testdata/uml/run.sh and its README) and in linuxvfs, and mismatches are
// reported as the differential tests report them. It runs only when
// LINUXVFS_UML is set (UML boots slowly and is 6.1, not the host's
// kernel); LINUXVFS_UML_OUT keeps each side's outputs there,
// LINUXVFS_UML_RUN picks scenarios by a substring of their names, and
// LINUXVFS_UML_REUSE (with LINUXVFS_UML_OUT) compares with the kernel
// results of an earlier run instead of booting UML again.
func TestUMLFat(t *testing.T) {
	if os.Getenv("LINUXVFS_UML") == "" {
		t.Skip("set LINUXVFS_UML=1 to compare with user-mode-linux (testdata/uml/README.md)")
	}
	if _, err := exec.LookPath("linux.uml"); err != nil {
		t.Skip("no linux.uml (apt-get install user-mode-linux)")
	}
	saved := hostVfat
	hostVfat = func() bool { return true }
	defer func() { hostVfat = saved }()

	files := umlScenarios(t)
	out := os.Getenv("LINUXVFS_UML_OUT")
	if out == "" {
		out = t.TempDir()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	var expanded []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		script, err := expandBlockImages(string(b))
		if err != nil || script == "" {
			t.Fatalf("%s: expanding: %v (empty: %v)", f, err, script == "")
		}
		p := filepath.Join(out, strings.TrimSuffix(filepath.Base(f), ".sh")+".sh")
		if err := os.WriteFile(p, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		expanded = append(expanded, p)
	}
	if os.Getenv("LINUXVFS_UML_REUSE") != "" {
		// The kernel side's results are already in out/kernel.
		for _, p := range expanded {
			name := strings.TrimSuffix(filepath.Base(p), ".sh")
			t.Run(name, func(t *testing.T) { compareUML(t, out, name, p) })
		}
		return
	}
	run := exec.Command(filepath.Join("testdata", "uml", "run.sh"), append([]string{filepath.Join(out, "kernel")}, expanded...)...)
	run.Stderr = os.Stderr
	if err := run.Run(); err != nil {
		// Compare what finished; the rest fail on their missing exit file.
		t.Errorf("run.sh: %v", err)
	}
	for _, p := range expanded {
		name := strings.TrimSuffix(filepath.Base(p), ".sh")
		t.Run(name, func(t *testing.T) { compareUML(t, out, name, p) })
	}
}

// umlScenarios lists the scenario files to run, filtered by
// LINUXVFS_UML_RUN.
func umlScenarios(t *testing.T) []string {
	a, _ := filepath.Glob(filepath.Join("testdata", "diff", "block", "05[0-9]-*.sh"))
	b, _ := filepath.Glob(filepath.Join("testdata", "uml", "fat", "*.sh"))
	var files []string
	for _, f := range append(a, b...) {
		if sel := os.Getenv("LINUXVFS_UML_RUN"); sel == "" || strings.Contains(f, sel) {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Skip("no scenario selected")
	}
	return files
}

// compareUML reads the kernel side's results from out/kernel/name, runs
// the script in linuxvfs, saves its results beside, and compares.
func compareUML(t *testing.T, out, name, script string) {
	dir := filepath.Join(out, "kernel", name)
	read := func(f string) string {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	exit, err := strconv.Atoi(strings.TrimSpace(read("exit")))
	if err != nil {
		t.Fatal(err)
	}
	want := normalizeLoops(kerneltest.Result{Stdout: read("stdout"), Stderr: read("stderr"), Exit: exit})
	text, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	got, gotErr := runLinuxvfs(string(text))
	got = normalizeLoops(got)
	ldir := filepath.Join(out, "linuxvfs", name)
	_ = os.MkdirAll(ldir, 0o755)
	_ = os.WriteFile(filepath.Join(ldir, "stdout"), []byte(got.Stdout), 0o644)
	_ = os.WriteFile(filepath.Join(ldir, "stderr"), []byte(got.Stderr), 0o644)
	_ = os.WriteFile(filepath.Join(ldir, "exit"), []byte(strconv.Itoa(got.Exit)+"\n"), 0o644)
	if gotErr != nil || got != want {
		t.Errorf("%s: linuxvfs differs (- UML kernel, + linuxvfs; error %v)\nstdout:\n%s\nstderr:\n%s\nexit: %d, %d",
			name, gotErr, lineDiff(want.Stdout, got.Stdout), lineDiff(want.Stderr, got.Stderr), want.Exit, got.Exit)
	}
}
