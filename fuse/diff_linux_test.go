// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestFuseDifferential runs each testdata/diff script twice on the host,
// as root, in a fresh directory: once over the export (a virtual tmpfs)
// and once over a host tmpfs, and compares what they print. The scripts
// do their operations with testdata/fsop.py, which prints each result or
// errno name and nothing that depends on st_dev, inode numbers or the
// clock; $NOBODY runs a command as uid and gid 65534 without groups or
// capabilities. A difference known and not mended yet is written in
// NNN-name.known, as the test prints it; the test fails when the
// differences are not exactly those (so a mended one must be struck
// out).
func TestFuseDifferential(t *testing.T) {
	canMount(t)
	python, err := exec.LookPath("/usr/bin/python3")
	if err != nil {
		t.Skip("no /usr/bin/python3 for testdata/fsop.py")
	}
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Skip("no setpriv")
	}
	scripts, err := filepath.Glob("testdata/diff/*.sh")
	must(t, err)
	tools := t.TempDir()
	must(t, os.Chmod(filepath.Dir(tools), 0o755))
	must(t, os.Chmod(tools, 0o755))
	src, err := os.ReadFile("testdata/fsop.py")
	must(t, err)
	must(t, os.WriteFile(filepath.Join(tools, "fsop.py"), src, 0o755))
	env := append(os.Environ(),
		"OP="+python+" "+filepath.Join(tools, "fsop.py"),
		"NOBODY=setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all",
		"LC_ALL=C")

	mp, _, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/work", 0o755))
		must(t, task.Mount("tmpfs", "/work", "tmpfs", 0, "mode=755"))
	})
	host := hostTmpfs(t)
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".sh")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(script)
			must(t, err)
			want := runScript(t, filepath.Join(host, name), string(body), env)
			got := runScript(t, filepath.Join(mp, "work", name), string(body), env)
			diff := lineDiff(want, got)
			known, _ := os.ReadFile(strings.TrimSuffix(script, ".sh") + ".known")
			switch {
			case diff == string(known) && diff != "":
				t.Logf("known differences (%s.known):\n%s", name, diff)
			case diff != string(known):
				t.Errorf("over the export and over a host tmpfs differ:\n%s(known: %q)", diff, known)
			}
		})
	}
}

// hostTmpfs mounts a tmpfs (mode 755) on a new directory, unmounted when
// the test ends; nodev and nosuid, as the export is.
func hostTmpfs(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.Chmod(filepath.Dir(dir), 0o755))
	must(t, unix.Mount("tmpfs", dir, "tmpfs", unix.MS_NODEV|unix.MS_NOSUID, "mode=755"))
	t.Cleanup(func() { _ = unix.Unmount(dir, unix.MNT_DETACH) })
	return dir
}

// runScript makes dir (mode 755) and runs the script in it with sh -e
// off, umask 022; the output and the status are its result.
func runScript(t *testing.T, dir, body string, env []string) string {
	t.Helper()
	c := inDir(filepath.Dir(dir), `mkdir -m 755 "$2" && cd "$2" && umask 022 && sh -c "$3" 2>&1; echo "status $?"`)
	c.Args = append(c.Args, filepath.Base(dir), body)
	c.Env = env
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", dir, err, out)
	}
	return string(out)
}

// lineDiff shows the lines of want and got that differ, side by side.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("tmpfs:  " + wl + "\nexport: " + gl + "\n")
		}
	}
	return b.String()
}
