// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// withInner makes /data with files, and a tmpfs on /data/inner with
// files and a directory.
func withInner(t *testing.T) func(task *vfs.Task) {
	return func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
		must(t, task.Mkdir("/data/inner", 0o755))
		must(t, task.Mount("tmpfs", "/data/inner", "tmpfs", 0, "size=64m"))
		for _, p := range []string{"/data/f", "/data/inner/g", "/data/inner/d/h"} {
			if strings.Count(p, "/") == 4 {
				must(t, task.Mkdir(filepath.Dir(p), 0o755))
			}
			fd, err := task.Open(p, linux.O_CREAT|linux.O_WRONLY, 0o644)
			must(t, err)
			_, err = task.Write(fd, []byte(p+"\n"))
			must(t, err)
			must(t, task.Close(fd))
		}
	}
}

// TestSubmountDevices checks that an inner virtual mount is a filesystem
// of its own on the host: another st_dev, where find -xdev stops, with
// the virtual inode numbers; and that host tools work across it.
func TestSubmountDevices(t *testing.T) {
	mp, task, _ := export(t, "/", withInner(t))
	d := filepath.Join(mp, "data")
	devs := strings.Fields(sh(t, d, "stat -c %d . f inner inner/g inner/d/h"))
	if devs[0] != devs[1] || devs[2] != devs[3] || devs[3] != devs[4] || devs[0] == devs[2] {
		t.Errorf("st_dev of . f inner inner/g inner/d/h: %v", devs)
	}
	if got := sh(t, d, "find . -xdev | sort"); got != ".\n./f\n./inner\n" {
		t.Errorf("find -xdev: %q", got)
	}
	if got := sh(t, d, "find . | sort"); got != ".\n./f\n./inner\n./inner/d\n./inner/d/h\n./inner/g\n" {
		t.Errorf("find: %q", got)
	}
	st, err := task.Stat("/data/inner/g")
	must(t, err)
	if got := strings.TrimSpace(sh(t, d, "stat -c %i inner/g")); got != fmt.Sprint(st.Ino) {
		t.Errorf("inner/g: host inode %s, virtual %d", got, st.Ino)
	}
	if !slices.Contains(hostMounts(t, mp), d+"/inner") {
		t.Errorf("host mounts: %q", hostMounts(t, mp))
	}
	out := sh(t, d, "ls -la . inner")
	if !strings.Contains(out, " inner\n") || !strings.Contains(out, " g\n") {
		t.Errorf("ls -la: %s", out)
	}
	// Copies both ways across the mount, an archive through it, and
	// removal: rm -r empties the mount and stops at its root.
	sh(t, d, "cp -a inner copy && cmp copy/d/h inner/d/h && cp -a f inner/f2 && cmp f inner/f2")
	sh(t, d, "tar cf ../all.tar . && tar tf ../all.tar | grep -qx ./inner/d/h")
	sh(t, d, "tar cf ../one.tar --one-file-system . && ! tar tf ../one.tar | grep -q inner/g")
	rm, _ := inDir(d, "rm -r inner 2>&1; ls -A inner").CombinedOutput()
	if !strings.Contains(string(rm), "busy") || strings.Contains(string(rm), "\ng") {
		t.Errorf("rm -r inner: %s", rm)
	}
	if _, err := task.Stat("/data/inner/d"); err != linux.ENOENT {
		t.Errorf("inner/d after rm -r: %v", err)
	}
}

// TestSubmountsFollow makes and unmounts virtual mounts while exported:
// the host's submounts follow (a new mount appears, one lazily
// unmounted in the virtual system goes), and one the host unmounts
// itself is then served through the mount above.
func TestSubmountsFollow(t *testing.T) {
	mp, task, srv := export(t, "/", withInner(t))
	d := filepath.Join(mp, "data")
	must(t, task.Mkdir("/data/later", 0o755))
	must(t, task.Mount("tmpfs", "/data/later", "tmpfs", 0, ""))
	must(t, task.Mkdir("/data/later/deeper", 0o755))
	must(t, task.Mount("tmpfs", "/data/later/deeper", "tmpfs", 0, ""))
	srv.SyncSubmounts()
	devs := strings.Fields(sh(t, d, "stat -c %d . later later/deeper"))
	if devs[0] == devs[1] || devs[1] == devs[2] || devs[0] == devs[2] {
		t.Errorf("st_dev of . later later/deeper: %v", devs)
	}
	// A plain umount in the virtual system succeeds, as for a mount no
	// virtual process uses, even with a host shell working inside it
	// (the export serves it through a detached copy), and the host
	// mount is detached; so is a lazy one.
	c := inDir(d+"/later/deeper", "echo in; read x; echo x > new; cat new")
	in, err := c.StdinPipe()
	must(t, err)
	outp, err := c.StdoutPipe()
	must(t, err)
	must(t, c.Start())
	r := bufio.NewReader(outp)
	if line, err := r.ReadString('\n'); line != "in\n" {
		t.Fatalf("shell: %q %v", line, err)
	}
	if err := task.Umount("/data/later/deeper"); err != nil {
		t.Errorf("umount of an exported mount: %v", err)
	}
	srv.SyncSubmounts()
	if got := hostMounts(t, d+"/later"); !slices.Equal(got, []string{d + "/later"}) {
		t.Errorf("after the virtual umount: %q", got)
	}
	fmt.Fprintln(in, "go")
	in.Close()
	if rest, _ := io.ReadAll(r); string(rest) != "x\n" {
		t.Errorf("the shell inside after the virtual umount: %q", rest)
	}
	must(t, c.Wait())
	must(t, task.Mount("tmpfs", "/data/later/deeper", "tmpfs", 0, ""))
	srv.SyncSubmounts()
	if got := hostMounts(t, d+"/later"); len(got) != 2 {
		t.Errorf("mounted again: %q", got)
	}
	must(t, task.Umount2("/data/later/deeper", linux.MNT_DETACH))
	srv.SyncSubmounts()
	if got := hostMounts(t, d+"/later"); !slices.Equal(got, []string{d + "/later"}) {
		t.Errorf("after the virtual umount -l: %q", got)
	}
	devs = strings.Fields(sh(t, d, "stat -c %d later later/deeper"))
	if devs[0] != devs[1] {
		t.Errorf("st_dev of later later/deeper after umount: %v", devs)
	}
	// A move is followed: unmounted at the old place, mounted at the new.
	must(t, task.Mkdir("/data/moved", 0o755))
	must(t, task.Mount("/data/later", "/data/moved", "", linux.MS_MOVE, ""))
	srv.SyncSubmounts()
	if got := hostMounts(t, d); !slices.Contains(got, d+"/moved") || slices.Contains(got, d+"/later") {
		t.Errorf("after the move: %q", got)
	}
	// A plain virtual umount of a mount right below the top: the top's
	// node of the mount point does not hold it either.
	sh(t, d, "ls moved >/dev/null")
	if err := task.Umount("/data/moved"); err != nil {
		t.Errorf("umount of an exported mount below the top: %v", err)
	}
	srv.SyncSubmounts()
	if got := hostMounts(t, d); slices.Contains(got, d+"/moved") {
		t.Errorf("after the virtual umount of moved: %q", got)
	}
	// The host drops a submount: the virtual mount is still reached,
	// through the FUSE mount above, and not mounted again.
	if o, err := exec.Command("umount", d+"/inner").CombinedOutput(); err != nil {
		t.Fatalf("umount inner: %v %s", err, o)
	}
	srv.SyncSubmounts()
	srv.SyncSubmounts()
	if got := sh(t, d, "cat inner/g; stat -c %d . inner | uniq | wc -l"); got != "/data/inner/g\n1\n" {
		t.Errorf("inner after the host's umount: %q", got)
	}
}

// TestSubmountLazyUnmount detaches the top of the export while a host
// shell works inside an inner mount: the shell goes on, and every server
// ends once it leaves.
func TestSubmountLazyUnmount(t *testing.T) {
	mp, _, srv := export(t, "/", withInner(t))
	c := inDir(filepath.Join(mp, "data", "inner"), "echo in; read x; cat g; echo x > new; cat new")
	in, err := c.StdinPipe()
	must(t, err)
	outp, err := c.StdoutPipe()
	must(t, err)
	must(t, c.Start())
	r := bufio.NewReader(outp)
	if line, err := r.ReadString('\n'); line != "in\n" {
		t.Fatalf("shell: %q %v", line, err)
	}
	if o, err := exec.Command("umount", "-l", mp).CombinedOutput(); err != nil {
		t.Fatalf("umount -l: %v %s", err, o)
	}
	if left := hostMounts(t, mp); len(left) > 0 {
		t.Errorf("still mounted after umount -l: %q", left)
	}
	fmt.Fprintln(in, "go")
	in.Close()
	rest, _ := io.ReadAll(r)
	must(t, c.Wait())
	if string(rest) != "/data/inner/g\nx\n" {
		t.Errorf("after umount -l: %q", rest)
	}
	srv.Wait()
}

// TestTopVirtualUmount unmounts, in the virtual system, the mount the
// export was started on. The export uses it as a FUSE server on the host
// uses the directory it passes through (as a working directory would),
// so a plain umount is EBUSY; umount -l detaches it in the virtual
// system, and the host goes on seeing the detached tree as a process
// inside it would: the mounts below it are gone from it (on the host
// too), the top's files stay, and the export ends with its host mount.
func TestTopVirtualUmount(t *testing.T) {
	mp, task, srv := export(t, "/data", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
		must(t, task.Mount("tmpfs", "/data", "tmpfs", 0, ""))
		must(t, task.Mkdir("/data/inner", 0o755))
		must(t, task.Mount("tmpfs", "/data/inner", "tmpfs", 0, ""))
		for _, p := range []string{"/data/f", "/data/inner/g"} {
			fd, err := task.Open(p, linux.O_CREAT|linux.O_WRONLY, 0o644)
			must(t, err)
			_, err = task.Write(fd, []byte(p+"\n"))
			must(t, err)
			must(t, task.Close(fd))
		}
	})
	if err := task.Umount("/data"); err != linux.EBUSY {
		t.Errorf("umount of the exported top: %v, want EBUSY", err)
	}
	must(t, task.Umount2("/data", linux.MNT_DETACH))
	srv.SyncSubmounts()
	if got := hostMounts(t, mp); !slices.Equal(got, []string{mp}) {
		t.Errorf("host mounts after the virtual umount -l: %q", got)
	}
	if got := sh(t, mp, "cat f; ls inner; echo new > n; cat n"); got != "/data/f\nnew\n" {
		t.Errorf("host after the virtual umount -l: %q", got)
	}
	if _, err := task.Stat("/data/f"); err != linux.ENOENT {
		t.Errorf("virtual /data/f after umount -l: %v", err)
	}
	if o, err := exec.Command("umount", mp).CombinedOutput(); err != nil {
		t.Fatalf("umount: %v %s", err, o)
	}
	srv.Wait()
}

// TestSubmountKilledClient kills a reader blocked inside an inner mount;
// Unmount then takes every mount off the host and ends every server.
func TestSubmountKilledClient(t *testing.T) {
	mp, _, srv := export(t, "/", withInner(t))
	d := filepath.Join(mp, "data", "inner")
	sh(t, d, "head -c 4194304 /dev/zero > big")
	c := inDir(d, "exec cat big")
	out, err := c.StdoutPipe()
	must(t, err)
	must(t, c.Start())
	if _, err := io.ReadFull(out, make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	must(t, c.Process.Kill())
	_ = c.Wait()
	must(t, srv.Unmount())
	if left := hostMounts(t, mp); len(left) > 0 {
		t.Errorf("still mounted after Unmount: %q", left)
	}
}

// TestSubmountDeniedLookup checks that a caller refused the walk to a
// mount point (a lookup error, on which the host kernel drops the
// dentry and detaches what is mounted there) does not take the
// submount away from the others: the export mounts it again.
func TestSubmountDeniedLookup(t *testing.T) {
	mp, _, srv := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
		must(t, task.Mkdir("/data/secret", 0o700))
		must(t, task.Mkdir("/data/secret/inner", 0o755))
		must(t, task.Mount("tmpfs", "/data/secret/inner", "tmpfs", 0, ""))
	})
	d := filepath.Join(mp, "data")
	before := sh(t, d, "stat -c %d secret secret/inner")
	if out, ok := asNobody(t, d, "stat secret/inner"); ok || !strings.Contains(out, "Permission denied") {
		t.Errorf("nobody: %v %s", ok, out)
	}
	srv.SyncSubmounts()
	if !slices.Contains(hostMounts(t, mp), d+"/secret/inner") {
		t.Errorf("not mounted again: %q", hostMounts(t, mp))
	}
	devs := strings.Fields(sh(t, d, "stat -c %d secret secret/inner"))
	if devs[0] == devs[1] {
		t.Errorf("st_dev of secret secret/inner: %v (before: %s)", devs, before)
	}
}
