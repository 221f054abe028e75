// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// ulCase is a script run on a freshly booted system and all it must print.
// The expectations were captured from util-linux 2.38.1 (and coreutils 9.1
// for chroot) on Linux 6.18, in a private mount namespace whose root is a
// fresh tmpfs with proc on /proc, sysfs on /sys and tmpfs on /dev, /tmp
// and /run, like linuxvfs.Boot. ref marks the cases whose output does not depend on what
// the real sandbox has in addition (bind mounts of /usr and /etc, the
// binaries of a real root, mount IDs and device numbers): with
// LINUXVFS_UL_REFERENCE=1, as root, those are also run in the real kernel
// and must print the same there.
type ulCase struct {
	name   string
	script string
	stdout string
	stderr string
	exit   int
	ref    bool
}

// ulReferenceSetup builds the real-kernel twin of linuxvfs.Boot inside
// "unshare -m": a tmpfs root holding read-only binds of the host's
// programs, proc, sysfs, devtmpfs on /dev, a tmpfs /tmp and a tmpfs /run
// (mode=755, where libmount keeps /run/mount/utab), and chroots into it.
const ulReferenceSetup = `set -e
T=$(mktemp -d)
mount -t tmpfs tmpfs "$T"
chmod 755 "$T"
for d in bin sbin lib lib32 lib64 libx32 usr etc; do
	if [ -L "/$d" ]; then
		ln -s "$(readlink "/$d")" "$T/$d"
	elif [ -d "/$d" ]; then
		mkdir "$T/$d"
		mount --bind "/$d" "$T/$d"
		mount -o remount,bind,ro "$T/$d"
	fi
done
mkdir "$T/proc" "$T/sys" "$T/dev" "$T/tmp" "$T/run"
mount -t proc proc "$T/proc"
mount -t sysfs sysfs "$T/sys"
mount -t devtmpfs devtmpfs "$T/dev"
mount -t tmpfs tmpfs "$T/tmp"
chmod 1777 "$T/tmp"
mount -t tmpfs -o mode=755 tmpfs "$T/run"
cd "$T"
umask 022
exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C TZ=UTC HOME=/ chroot "$T" /bin/bash -c "$0"
`

func ulRunReference(t *testing.T, script string) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "unshare", "-m", "--propagation", "private", "/bin/sh", "-c", ulReferenceSetup, script)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("reference: %v", err)
	}
	return outcome{out.String(), errb.String(), code}
}

func ulRunCases(t *testing.T, cases []ulCase) {
	t.Helper()
	reference := os.Getenv("LINUXVFS_UL_REFERENCE") != "" && os.Geteuid() == 0
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := outcome{tc.stdout, tc.stderr, tc.exit}
			if got := runScript(t, tc.script); got != want {
				if f := os.Getenv("LINUXVFS_UL_GOT"); f != "" {
					recordGot(t, f, tc.name, got)
				}
				t.Errorf("script:\n%s\ngot stdout:\n%s\ngot stderr:\n%s\ngot exit %d\nwant stdout:\n%s\nwant stderr:\n%s\nwant exit %d",
					tc.script, got.stdout, got.stderr, got.exit, want.stdout, want.stderr, want.exit)
			}
			if !reference || !tc.ref {
				return
			}
			if ref := ulRunReference(t, tc.script); ref != want {
				t.Errorf("the real tools disagree with the table:\nstdout:\n%s\nstderr:\n%s\nexit %d", ref.stdout, ref.stderr, ref.exit)
			}
		})
	}
}

// recordGot appends what a case printed to file, as a JSON line, for a
// maintainer reviewing a change of the tables (LINUXVFS_UL_GOT=file).
func recordGot(t *testing.T, file, name string, got outcome) {
	recordMu.Lock()
	defer recordMu.Unlock()
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	json.NewEncoder(f).Encode(map[string]any{"name": name, "stdout": got.stdout, "stderr": got.stderr, "exit": got.exit})
}

var recordMu sync.Mutex

func TestUtilLinuxApplets(t *testing.T) {
	ulRunCases(t, ulCases)
}

var ulCases = []ulCase{
	{
		name:   "mount/list",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m,mode=700 t /mnt; mount -t tmpfs",
		stdout: "tmpfs on / type tmpfs (rw,relatime)\n" +
			"tmpfs on /tmp type tmpfs (rw,relatime)\n" +
			"tmpfs on /run type tmpfs (rw,relatime,mode=755)\n" +
			"t on /mnt type tmpfs (rw,relatime,size=1024k,mode=700)\n",
		ref: true,
	},
	{
		name:   "mount/list-types-negated",
		script: "mkdir /r; mount -t ramfs ram /r; mount -t noproc,tmpfs; mount -t proc,ramfs",
		stdout: "sysfs on /sys type sysfs (rw,relatime)\n" +
			"devtmpfs on /dev type devtmpfs (rw,relatime,mode=755)\n" +
			"ram on /r type ramfs (rw,relatime)\n" +
			"proc on /proc type proc (rw,relatime)\n" +
			"ram on /r type ramfs (rw,relatime)\n",
	},
	{
		name:   "mount/no-mountpoint",
		script: "mount -t tmpfs t /nonexist; echo $?",
		stdout: "32\n",
		stderr: "mount: /nonexist: mount point does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/no-mountpoint-relative",
		script: "cd /tmp; mount -t tmpfs t nonexist; echo $?",
		stdout: "32\n",
		stderr: "mount: nonexist: mount point does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/bad-option",
		script: "mkdir -p /mnt; mount -t tmpfs -o foo t /mnt; echo $?",
		stdout: "32\n",
		stderr: "mount: /mnt: wrong fs type, bad option, bad superblock on t, missing codepage or helper program, or other error.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/unknown-type",
		script: "mkdir -p /mnt; mount -t foo t /mnt; echo $?",
		stdout: "32\n",
		stderr: "mount: /mnt: unknown filesystem type 'foo'.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/not-a-directory",
		script: "touch /file; mount -t tmpfs t /file; echo $?",
		stdout: "32\n",
		stderr: "mount: /file: mount point is not a directory.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/bind-missing-source",
		script: "mkdir -p /mnt; mount --bind /y /mnt; echo $?; mount --bind /y/z /mnt; echo $?",
		stdout: "32\n" +
			"32\n",
		stderr: "mount: /mnt: special device /y does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /mnt: special device /y/z does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/bind-source-prefix-not-dir",
		script: "mkdir -p /mnt; touch /file; mount --bind /file/z /mnt; echo $?; mount --bind /file /mnt; echo $?",
		stdout: "32\n" +
			"32\n",
		stderr: "mount: /mnt: special device /file/z does not exist (a path prefix is not a directory).\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /mnt: mount(2) system call failed: Not a directory.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/stacked-and-remount",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m,mode=700 t /mnt; mount -t tmpfs t /mnt; mount -t tmpfs t /mnt/; mount -o remount,ro /mnt; findmnt -R /mnt",
		stdout: "TARGET   SOURCE FSTYPE OPTIONS\n" +
			"/mnt     t      tmpfs  rw,relatime,size=1024k,mode=700\n" +
			"`-/mnt   t      tmpfs  rw,relatime\n" +
			"  `-/mnt t      tmpfs  ro,relatime\n",
		ref: true,
	},
	{
		name:   "mount/remount-keeps-options",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m,mode=700 t /mnt; mount -o remount,nosuid,size=2m /mnt; findmnt -n -o OPTIONS /mnt; mount -o remount,noexec /mnt; findmnt -n -o OPTIONS /mnt; mount -o remount,exec,suid,noatime /mnt; findmnt -n -o OPTIONS /mnt",
		stdout: "rw,nosuid,relatime,size=2048k,mode=700\n" +
			"rw,nosuid,noexec,relatime,size=2048k,mode=700\n" +
			"rw,noatime,size=2048k,mode=700\n",
		ref: true,
	},
	{
		name:   "mount/remount-errors",
		script: "mkdir -p /mnt /tmp/a; mount -t tmpfs t /mnt; mount -o remount,foo /mnt; echo $?; mount -o remount,ro /tmp/nonexist; echo $?; mount -o remount,ro /tmp/a; echo $?",
		stdout: "32\n" +
			"32\n" +
			"32\n",
		stderr: "mount: /mnt: mount point not mounted or bad option.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /tmp/nonexist: mount point does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /tmp/a: mount point not mounted or bad option.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/remount-bind-ro",
		script: "mkdir -p /a/sub /c; mount -B /a/sub /c; mount -o remount,bind,ro /c; findmnt -n -o TARGET,SOURCE,OPTIONS /c; mount -o remount,rw /c; findmnt -n -o TARGET,SOURCE,OPTIONS /c; mount -o remount,bind,rw /c; findmnt -n -o TARGET,SOURCE,OPTIONS /c",
		stdout: "/c     tmpfs[/a/sub] ro,relatime\n" +
			"/c     tmpfs[/a/sub] rw,relatime\n" +
			"/c     tmpfs[/a/sub] rw,relatime\n",
		ref: true,
	},
	{
		name:   "mount/bind-ro",
		script: "mkdir -p /a/sub /b /d; mount --bind -o ro /a /b; mount -o bind,ro,nosuid /a /d; findmnt -n -o TARGET,SOURCE,OPTIONS,FSROOT /b; findmnt -n -o TARGET,SOURCE,OPTIONS,FSROOT /d",
		stdout: "/b     tmpfs[/a] ro,relatime /a\n" +
			"/d     tmpfs[/a] ro,nosuid,relatime /a\n",
		ref: true,
	},
	{
		name:   "mount/rbind-propagation",
		script: "mkdir -p /mnt /tmp/x; mount -t tmpfs x /tmp/x; mount --rbind -o shared /tmp /mnt; findmnt -R -o TARGET,SOURCE,PROPAGATION /mnt",
		stdout: "TARGET   SOURCE PROPAGATION\n" +
			"/mnt     tmpfs  shared\n" +
			"`-/mnt/x x      private\n",
		ref: true,
	},
	{
		name:   "mount/rbind-slave",
		script: "mkdir -p /mnt; mount --make-shared /proc; mount -o rbind,slave /proc /mnt; findmnt -o TARGET,PROPAGATION /mnt",
		stdout: "TARGET PROPAGATION\n" +
			"/mnt   private,slave\n",
		ref: true,
	},
	{
		name:   "mount/propagation-changes",
		script: "mkdir /b; mount -t tmpfs b /b; mount --make-shared /b; findmnt -n -o PROPAGATION /b; mount --make-slave /b; findmnt -n -o PROPAGATION /b; mount --make-shared --make-unbindable /b; findmnt -n -o PROPAGATION /b; mount --make-private /b; findmnt -n -o PROPAGATION /b",
		stdout: "shared\n" +
			"private\n" +
			"private,unbindable\n" +
			"private\n",
		ref: true,
	},
	{
		name:   "mount/propagation-recursive",
		script: "mkdir /b; mount -t tmpfs b /b; mkdir /b/c; mount -t tmpfs c /b/c; mount --make-rshared /b; findmnt -R -o TARGET,PROPAGATION /b; mount --make-rprivate -o unbindable /b; findmnt -R -o TARGET,PROPAGATION /b",
		stdout: "TARGET PROPAGATION\n" +
			"/b     shared\n" +
			"`-/b/c shared\n" +
			"TARGET PROPAGATION\n" +
			"/b     private,unbindable\n" +
			"`-/b/c private\n",
		ref: true,
	},
	{
		name:   "mount/propagation-errors",
		script: "mkdir /tmp/a; mount --make-private /tmp/a; echo $?; mount --make-rprivate /tmp/nonexist; echo $?",
		stdout: "32\n" +
			"32\n",
		stderr: "mount: /tmp/a: not mount point or bad option.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /tmp/nonexist: mount point does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/propagation-option-needs-fstab",
		script: "mkdir /c; mount -o shared /c; echo $?; mount /c; echo $?",
		stdout: "1\n" +
			"1\n",
		stderr: "mount: /c: can't find in /etc/fstab.\n" +
			"mount: /c: can't find in /etc/fstab.\n",
		ref: true,
	},
	{
		name:   "mount/move",
		script: "mkdir -p /a /c /d; mount -t tmpfs c /c; mount -o move /c /d; echo $?; mount -M /d /a/x; echo $?; mount --move /d /a; echo $?; findmnt -n -o TARGET,SOURCE /a",
		stdout: "0\n" +
			"32\n" +
			"0\n" +
			"/a     c\n",
		stderr: "mount: /a/x: mount point does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/move-root-and-shared",
		script: "mkdir /d /s /sub; mount --move / /d; echo $?; mount -t tmpfs s /s; mount --make-shared /s; mkdir /s/m; mount -t tmpfs m /s/m; mount --move /s/m /sub; echo $?",
		stdout: "32\n" +
			"32\n",
		stderr: "mount: /d: mount(2) system call failed: Too many levels of symbolic links.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /sub: bad option; moving a mount residing under a shared mount is unsupported.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/bind-unbindable",
		script: "mkdir /u /a; mount -t tmpfs u /u; mount --make-unbindable /u; mount --bind /u /a; echo $?",
		stdout: "32\n",
		stderr: "mount: /a: wrong fs type, bad option, bad superblock on /u, missing codepage or helper program, or other error.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/usage",
		script: "mkdir -p /a /b; mount --bind -t tmpfs /a /b; echo $?; mount -o ro; echo $?; mount -B; echo $?; mount x y z; echo $?; mount --foo; echo $?; mount -Z; echo $?; mount -o; echo $?; mount -t; echo $?; mount -B -M /a /b; echo $?; mount --make /a; echo $?; mount -o =x /a; echo $?; mount --bind=x /a /b; echo $?",
		stdout: "1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n",
		stderr: "mount: bad usage\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: bad usage\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: bad usage\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: bad usage\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: unrecognized option '--foo'\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: invalid option -- 'Z'\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: option requires an argument -- 'o'\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: option requires an argument -- 't'\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: mutually exclusive arguments: --bind --move --rbind\n" +
			"mount: option '--make' is ambiguous; possibilities: '--make-shared' '--make-slave' '--make-private' '--make-unbindable' '--make-rshared' '--make-rslave' '--make-rprivate' '--make-runbindable'\n" +
			"Try 'mount --help' for more information.\n" +
			"mount: unsupported option format: =x\n" +
			"mount: option '--bind' doesn't allow an argument\n" +
			"Try 'mount --help' for more information.\n",
		ref: true,
	},
	{
		name:   "mount/verbose",
		script: "mkdir -p /a /b /c /m; mount -v -t tmpfs vv /a; mount -v --bind /a /b; mount -v --move /b /c; mount -v --make-private /c; mount -v -o remount,ro /c; mount -v -o remount,bind,rw /c; mount -v -t tmpfs -o shared vs /m",
		stdout: "mount: vv mounted on /a.\n" +
			"mount: /a bound on /b.\n" +
			"mount: /b moved to /c.\n" +
			"mount: /c propagation flags changed.\n" +
			"mount: vv mounted on /c.\n" +
			"mount: vv bound on /c.\n" +
			"mount: vs mounted on /m.\n" +
			"mount: /m propagation flags changed.\n",
		ref: true,
	},
	{
		name:   "mount/read-only-flags",
		script: "mkdir /b /c /m; mount -r -t tmpfs -o defaults,noexec r /b; mount -w -o ro -t tmpfs w /c; mount -o ro,rw -t tmpfs rw /m; findmnt -n -o TARGET,OPTIONS /b; findmnt -n -o TARGET,OPTIONS /c; findmnt -n -o TARGET,OPTIONS /m",
		stdout: "/b     ro,noexec,relatime\n" +
			"/c     ro,relatime\n" +
			"/m     rw,relatime\n",
		ref: true,
	},
	{
		name:   "mount/userspace-options",
		script: "mkdir /m; mount -t tmpfs -o x-foo=bar,comment=x,user,context=foo,nosymfollow t /m; findmnt -n -o OPTIONS /m",
		stdout: "rw,nosuid,nodev,noexec,relatime,nosymfollow\n",
		ref:    true,
	},
	{
		name:   "mount/mkdir",
		script: "mount -t tmpfs -o X-mount.mkdir t /new/x; echo $?; mount -t tmpfs -m0700 t /new2; echo $?; ls -d /new/x /new2; findmnt -n -o TARGET /new/x",
		stdout: "0\n" +
			"0\n" +
			"/new/x\n" +
			"/new2\n" +
			"/new/x\n",
		ref: true,
	},
	{
		name:   "mount/tags-and-types",
		script: "mkdir /m; mount LABEL=foo /m; echo $?; mount -L foo /m; echo $?; mount -t tmpfs,ramfs tr /m; echo $?; findmnt -n -o FSTYPE /m",
		stdout: "1\n" +
			"1\n" +
			"0\n" +
			"tmpfs\n",
		stderr: "mount: /m: can't find LABEL=foo.\n" +
			"mount: /m: can't find LABEL=\"foo\".\n",
		ref: true,
	},
	{
		name:   "mount/ramfs-proc",
		script: "mkdir /m; mount -t ramfs -o foo r /m; echo $?; mount -t proc -o foo proc /m; echo $?; mount -t proc p /m; findmnt -R -o TARGET,SOURCE,FSTYPE /m",
		stdout: "0\n" +
			"32\n" +
			"TARGET SOURCE FSTYPE\n" +
			"/m     r      ramfs\n" +
			"`-/m   p      proc\n",
		stderr: "mount: /m: wrong fs type, bad option, bad superblock on proc, missing codepage or helper program, or other error.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "mount/mkdir-nofail-empty-target",
		script: "touch /f; mkdir /a; mount -t tmpfs -m t /f/x; echo $?; mount -v --bind -o nofail /nonexist /a; echo $?; mount -t tmpfs t ''; echo $?",
		stdout: "1\n" +
			"0\n" +
			"32\n",
		stderr: "mount: /f/x: operation permitted for root only.\n" +
			"mount: : mount point does not exist.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
		ref: true,
	},
	{
		name:   "umount/errors",
		script: "mkdir /a; touch /file; umount /nonexist; echo $?; umount nonexist; echo $?; umount /a; echo $?; umount a; echo $?; umount /file; echo $?; umount /file/x; echo $?; umount ''; echo $?",
		stdout: "32\n" +
			"32\n" +
			"32\n" +
			"32\n" +
			"32\n" +
			"32\n" +
			"32\n",
		stderr: "umount: /nonexist: no mount point specified.\n" +
			"umount: nonexist: no mount point specified.\n" +
			"umount: /a: not mounted.\n" +
			"umount: a: not mounted.\n" +
			"umount: /file: not mounted.\n" +
			"umount: /file/x: umount(2) system call failed: Not a directory.\n" +
			"umount: : no mount point specified.\n",
		ref: true,
	},
	{
		name:   "umount/busy-and-several",
		script: "mkdir /b; mount -t tmpfs t /b; mkdir /b/x; mount -t tmpfs u /b/x; umount /b; echo $?; umount /nonexist /a; echo $?; umount -v /b/x /b; echo $?",
		stdout: "32\n" +
			"64\n" +
			"0\n",
		stderr: "umount: /b: target is busy.\n" +
			"umount: /nonexist: no mount point specified.\n" +
			"umount: /a: no mount point specified.\n" +
			"umount: /b/x unmounted\n" +
			"umount: /b unmounted\n",
		ref: true,
	},
	{
		name:   "umount/usage",
		script: "umount; echo $?; umount -Z; echo $?; umount --foo; echo $?; umount -R -a; echo $?; umount -a /x; echo $?",
		stdout: "1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n",
		stderr: "umount: bad usage\n" +
			"Try 'umount --help' for more information.\n" +
			"umount: invalid option -- 'Z'\n" +
			"Try 'umount --help' for more information.\n" +
			"umount: unrecognized option '--foo'\n" +
			"Try 'umount --help' for more information.\n" +
			"umount: mutually exclusive arguments: --recursive --all\n" +
			"umount: unexpected number of arguments\n" +
			"Try 'umount --help' for more information.\n",
		ref: true,
	},
	{
		name:   "umount/recursive",
		script: "mkdir /b; mount -t tmpfs t /b; mkdir /b/x /b/y; mount -t tmpfs u /b/x; mount -t tmpfs v /b/y; mkdir /b/x/z; mount -t tmpfs w /b/x/z; mount -t tmpfs w2 /b/x/z; umount -R -v /b; echo $?; findmnt /b; echo $?",
		stdout: "0\n" +
			"1\n",
		stderr: "umount: /b/x/z unmounted\n" +
			"umount: /b/x/z unmounted\n" +
			"umount: /b/x unmounted\n" +
			"umount: /b/y unmounted\n" +
			"umount: /b unmounted\n",
	},
	{
		name:   "umount/recursive-errors",
		script: "mkdir /a; touch /file; umount -R /a; echo $?; umount -R /nonexist; echo $?; umount -R /file; echo $?; umount -R -q /a; echo $?",
		stdout: "1\n" +
			"1\n" +
			"1\n" +
			"1\n",
		stderr: "umount: /a: not mounted\n" +
			"umount: /nonexist: not found\n" +
			"umount: /file: not mounted\n",
		ref: true,
	},
	{
		name:   "umount/lazy-source-force",
		script: "mkdir /b; mount -t tmpfs t /b; mkdir /b/x; mount -t tmpfs u /b/x; umount -l -v /b; echo $?; mount -t tmpfs t /b; umount -v t; echo $?; mount -t tmpfs t /b; umount -f /b; echo $?",
		stdout: "0\n" +
			"0\n" +
			"0\n",
		stderr: "umount: /b (t) unmounted\n" +
			"umount: /b (t) unmounted\n",
		ref: true,
	},
	{
		name:   "umount/busy-cwd",
		script: "mkdir /b; mount -t tmpfs t /b; cd /b; umount /b; echo $?; umount -l /b/; echo $?",
		stdout: "32\n" +
			"0\n",
		stderr: "umount: /b: target is busy.\n",
		ref:    true,
	},
	{
		name:   "umount/stacked-trailing-slash",
		script: "mkdir /b; mount -t tmpfs t /b; mount -t tmpfs t2 /b; umount /b/; findmnt -n -o TARGET,SOURCE /b",
		stdout: "/b     t\n",
		ref:    true,
	},
	{
		name:   "umount/quiet-and-proc",
		script: "mkdir /a; umount -q /a; echo $?; umount -q /nonexist; echo $?; umount /proc/self; echo $?",
		stdout: "32\n" +
			"32\n" +
			"32\n",
		stderr: "umount: /nonexist: no mount point specified.\n" +
			"umount: /proc/self: not mounted.\n",
		ref: true,
	},
	{
		name:   "umount/all-targets",
		script: "mkdir /b /c; mount -t tmpfs t /b; mount --bind /b /c; umount -A /c; echo $?; findmnt -t tmpfs -o TARGET",
		stdout: "0\n" +
			"TARGET\n" +
			"/\n" +
			"|-/tmp\n" +
			"`-/run\n",
	},
	{
		name:   "findmnt/tree",
		script: "mkdir -p /a/sub /b /c /mnt; mount -t tmpfs -o size=1m,mode=700 t /mnt; mkdir /mnt/x /mnt/y; mount -t tmpfs u /mnt/x; mount -t tmpfs v /mnt/x; mount --bind /a/sub /b; mount --make-shared /b; mount --bind /b /c; mount --make-slave /c; mount --make-unbindable /mnt/x; findmnt; findmnt -l; findmnt -n -o TARGET,ID,PARENT,MAJ:MIN,FSROOT,PROPAGATION",
		stdout: "TARGET       SOURCE        FSTYPE   OPTIONS\n" +
			"/            tmpfs         tmpfs    rw,relatime\n" +
			"|-/proc      proc          proc     rw,relatime\n" +
			"|-/sys       sysfs         sysfs    rw,relatime\n" +
			"|-/dev       devtmpfs      devtmpfs rw,relatime,mode=755\n" +
			"|-/tmp       tmpfs         tmpfs    rw,relatime\n" +
			"|-/run       tmpfs         tmpfs    rw,relatime,mode=755\n" +
			"|-/mnt       t             tmpfs    rw,relatime,size=1024k,mode=700\n" +
			"| `-/mnt/x   u             tmpfs    rw,relatime\n" +
			"|   `-/mnt/x v             tmpfs    rw,relatime\n" +
			"|-/b         tmpfs[/a/sub] tmpfs    rw,relatime\n" +
			"`-/c         tmpfs[/a/sub] tmpfs    rw,relatime\n" +
			"TARGET SOURCE        FSTYPE   OPTIONS\n" +
			"/      tmpfs         tmpfs    rw,relatime\n" +
			"/proc  proc          proc     rw,relatime\n" +
			"/sys   sysfs         sysfs    rw,relatime\n" +
			"/dev   devtmpfs      devtmpfs rw,relatime,mode=755\n" +
			"/tmp   tmpfs         tmpfs    rw,relatime\n" +
			"/run   tmpfs         tmpfs    rw,relatime,mode=755\n" +
			"/mnt   t             tmpfs    rw,relatime,size=1024k,mode=700\n" +
			"/mnt/x u             tmpfs    rw,relatime\n" +
			"/mnt/x v             tmpfs    rw,relatime\n" +
			"/b     tmpfs[/a/sub] tmpfs    rw,relatime\n" +
			"/c     tmpfs[/a/sub] tmpfs    rw,relatime\n" +
			"/            10      2   0:8   /      private\n" +
			"|-/proc      11     10   0:9   /      private\n" +
			"|-/sys       12     10   0:10  /      private\n" +
			"|-/dev       13     10   0:4   /      private\n" +
			"|-/tmp       14     10   0:11  /      private\n" +
			"|-/run       15     10   0:12  /      private\n" +
			"|-/mnt       16     10   0:13  /      private\n" +
			"| `-/mnt/x   17     16   0:14  /      private\n" +
			"|   `-/mnt/x 18     17   0:15  /      private,unbindable\n" +
			"|-/b         19     10   0:8   /a/sub shared\n" +
			"`-/c         20     10   0:8   /a/sub private,slave\n",
	},
	{
		name:   "findmnt/submounts",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m,mode=700 t /mnt; mkdir /mnt/x /mnt/y; mount -t tmpfs u /mnt/x; mount -t tmpfs v /mnt/x; mount --make-unbindable /mnt/x; findmnt -R /mnt; findmnt -R -l /mnt; findmnt -R -n /mnt; findmnt -o TARGET,PROPAGATION,FSROOT,VFS-OPTIONS,FS-OPTIONS,OPT-FIELDS -R /mnt",
		stdout: "TARGET     SOURCE FSTYPE OPTIONS\n" +
			"/mnt       t      tmpfs  rw,relatime,size=1024k,mode=700\n" +
			"`-/mnt/x   u      tmpfs  rw,relatime\n" +
			"  `-/mnt/x v      tmpfs  rw,relatime\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k,mode=700\n" +
			"/mnt/x u      tmpfs  rw,relatime\n" +
			"/mnt/x v      tmpfs  rw,relatime\n" +
			"/mnt       t      tmpfs  rw,relatime,size=1024k,mode=700\n" +
			"`-/mnt/x   u      tmpfs  rw,relatime\n" +
			"  `-/mnt/x v      tmpfs  rw,relatime\n" +
			"TARGET     PROPAGATION        FSROOT VFS-OPTIONS FS-OPTIONS             OPT-FIELDS\n" +
			"/mnt       private            /      rw,relatime rw,size=1024k,mode=700 \n" +
			"`-/mnt/x   private            /      rw,relatime rw                     \n" +
			"  `-/mnt/x private,unbindable /      rw,relatime rw                     unbindable\n",
		ref: true,
	},
	{
		name:   "findmnt/json",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m t /mnt; mkdir /mnt/x; mount -t tmpfs u /mnt/x; findmnt -J -R /mnt; findmnt -J -o TARGET,PROPAGATION -l /mnt/x; findmnt -J -o ID,TARGET /mnt/x",
		stdout: "{\n" +
			"   \"filesystems\": [\n" +
			"      {\n" +
			"         \"target\": \"/mnt\",\n" +
			"         \"source\": \"t\",\n" +
			"         \"fstype\": \"tmpfs\",\n" +
			"         \"options\": \"rw,relatime,size=1024k\",\n" +
			"         \"children\": [\n" +
			"            {\n" +
			"               \"target\": \"/mnt/x\",\n" +
			"               \"source\": \"u\",\n" +
			"               \"fstype\": \"tmpfs\",\n" +
			"               \"options\": \"rw,relatime\"\n" +
			"            }\n" +
			"         ]\n" +
			"      }\n" +
			"   ]\n" +
			"}\n" +
			"{\n" +
			"   \"filesystems\": [\n" +
			"      {\n" +
			"         \"target\": \"/mnt/x\",\n" +
			"         \"propagation\": \"private\"\n" +
			"      }\n" +
			"   ]\n" +
			"}\n" +
			"{\n" +
			"   \"filesystems\": [\n" +
			"      {\n" +
			"         \"id\": 17,\n" +
			"         \"target\": \"/mnt/x\"\n" +
			"      }\n" +
			"   ]\n" +
			"}\n",
	},
	{
		name:   "findmnt/json-tree",
		script: "findmnt -J -o TARGET,PROPAGATION",
		stdout: "{\n" +
			"   \"filesystems\": [\n" +
			"      {\n" +
			"         \"target\": \"/\",\n" +
			"         \"propagation\": \"private\",\n" +
			"         \"children\": [\n" +
			"            {\n" +
			"               \"target\": \"/proc\",\n" +
			"               \"propagation\": \"private\"\n" +
			"            },{\n" +
			"               \"target\": \"/sys\",\n" +
			"               \"propagation\": \"private\"\n" +
			"            },{\n" +
			"               \"target\": \"/dev\",\n" +
			"               \"propagation\": \"private\"\n" +
			"            },{\n" +
			"               \"target\": \"/tmp\",\n" +
			"               \"propagation\": \"private\"\n" +
			"            },{\n" +
			"               \"target\": \"/run\",\n" +
			"               \"propagation\": \"private\"\n" +
			"            }\n" +
			"         ]\n" +
			"      }\n" +
			"   ]\n" +
			"}\n",
	},
	{
		name:   "findmnt/raw-pairs",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m 'my src' /mnt; findmnt -r -R /mnt; findmnt -P -R /mnt; findmnt -y -P -o MAJ:MIN,USE% /mnt",
		stdout: "TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt my\\x20src tmpfs rw,relatime,size=1024k\n" +
			"TARGET=\"/mnt\" SOURCE=\"my src\" FSTYPE=\"tmpfs\" OPTIONS=\"rw,relatime,size=1024k\"\n" +
			"MAJ_MIN=\"0:13\" USE_PCT=\"0%\"\n",
	},
	{
		name:   "findmnt/match",
		script: "mkdir -p /a/sub /mnt; mount -t tmpfs -o size=1m t /mnt; mkdir /mnt/x /mnt/y; mount -t tmpfs u /mnt/x; findmnt /mnt; echo $?; findmnt /mnt/y; echo $?; findmnt t; echo $?; findmnt /a/sub; echo $?; findmnt -T /mnt/y; echo $?; findmnt --target /mnt/y/nonexist; echo $?; findmnt --mountpoint /mnt/y; echo $?; findmnt -M /mnt/x; echo $?; findmnt /nonexist; echo $?; findmnt t /mnt; echo $?; findmnt u /mnt; echo $?",
		stdout: "TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k\n" +
			"0\n" +
			"1\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k\n" +
			"0\n" +
			"1\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k\n" +
			"0\n" +
			"1\n" +
			"1\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt/x u      tmpfs  rw,relatime\n" +
			"0\n" +
			"1\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k\n" +
			"0\n" +
			"1\n",
		ref: true,
	},
	{
		name:   "findmnt/filters",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m t /mnt; findmnt tmpfs; findmnt -t proc; findmnt -f tmpfs; findmnt -S t; findmnt -S /mnt; echo $?; findmnt -O size=1024k; findmnt -i -t tmpfs,proc -o TARGET; echo $?; findmnt -d backward -t tmpfs -l -o TARGET; findmnt --pseudo -t proc -n; findmnt -v -o SOURCE -n /mnt",
		stdout: "TARGET SOURCE FSTYPE OPTIONS\n" +
			"/      tmpfs  tmpfs  rw,relatime\n" +
			"/tmp   tmpfs  tmpfs  rw,relatime\n" +
			"/run   tmpfs  tmpfs  rw,relatime,mode=755\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/proc  proc   proc   rw,relatime\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/      tmpfs  tmpfs  rw,relatime\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k\n" +
			"1\n" +
			"TARGET SOURCE FSTYPE OPTIONS\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k\n" +
			"TARGET\n" +
			"/sys\n" +
			"/dev\n" +
			"0\n" +
			"TARGET\n" +
			"/mnt\n" +
			"/run\n" +
			"/tmp\n" +
			"/\n" +
			"/proc  proc   proc   rw,relatime\n" +
			"t\n",
	},
	{
		name:   "findmnt/columns",
		script: "mkdir -p /mnt; mount -t tmpfs -o size=1m t /mnt; findmnt -n -o TARGET /mnt; findmnt -n -o FSTYPE,TARGET /mnt; findmnt -o +PROPAGATION /mnt; findmnt -o TARGET,SIZE,USED,AVAIL,USE% /mnt; findmnt -b -o TARGET,SIZE /mnt; findmnt -o FOO; echo $?; findmnt -o ACTION; echo $?",
		stdout: "/mnt\n" +
			"tmpfs  /mnt\n" +
			"TARGET SOURCE FSTYPE OPTIONS                PROPAGATION\n" +
			"/mnt   t      tmpfs  rw,relatime,size=1024k private\n" +
			"TARGET SIZE USED AVAIL USE%\n" +
			"/mnt     1M    0    1M   0%\n" +
			"TARGET    SIZE\n" +
			"/mnt   1048576\n" +
			"1\n" +
			"1\n",
		stderr: "findmnt: unknown column: FOO\n" +
			"findmnt: ACTION column is requested, but --poll is not enabled\n",
		ref: true,
	},
	{
		name:   "findmnt/usage",
		script: "findmnt -M /a -T /b; echo $?; findmnt -J -r; echo $?; findmnt -Z; echo $?; findmnt --foo; echo $?; findmnt -S x /y; echo $?",
		stdout: "1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n",
		stderr: "findmnt: mutually exclusive arguments: --mountpoint --target\n" +
			"findmnt: mutually exclusive arguments: --json --pairs --raw --verify\n" +
			"findmnt: invalid option -- 'Z'\n" +
			"Try 'findmnt --help' for more information.\n" +
			"findmnt: unrecognized option '--foo'\n" +
			"Try 'findmnt --help' for more information.\n" +
			"findmnt: options --target and --source can't be used together with command line element that is not an option\n",
		ref: true,
	},
	{
		name:   "findmnt/bind-subdir-source",
		script: "mkdir -p /d/sub /b; mount --bind /d/sub /b; findmnt -o TARGET,SOURCE,FSROOT /b; findmnt -c -o SOURCE -n /b; findmnt tmpfs[/d/sub] ; echo $?",
		stdout: "TARGET SOURCE        FSROOT\n" +
			"/b     tmpfs[/d/sub] /d/sub\n" +
			"tmpfs[/d/sub]\n" +
			"1\n",
		ref: true,
	},
	{
		name:   "unshare/private-namespace",
		script: "mkdir -p /mnt; unshare -m sh -c 'mount -t tmpfs x /mnt; findmnt -n -o TARGET,SOURCE /mnt; echo in'; echo $?; findmnt /mnt; echo $?",
		stdout: "/mnt   x\n" +
			"in\n" +
			"0\n" +
			"1\n",
		ref: true,
	},
	{
		name:   "unshare/propagation",
		script: "mount --make-shared /tmp; unshare -m findmnt -n -o TARGET,PROPAGATION /tmp; unshare -m --propagation unchanged findmnt -n -o TARGET,PROPAGATION /tmp; unshare -m --propagation slave findmnt -n -o TARGET,PROPAGATION /tmp; unshare -m --propagation shared findmnt -n -o PROPAGATION /tmp",
		stdout: "/tmp   private\n" +
			"/tmp   shared\n" +
			"/tmp   private,slave\n" +
			"shared\n",
		ref: true,
	},
	{
		name:   "unshare/shared-propagates",
		script: "mkdir -p /mnt; mount --make-shared /tmp; unshare -m --propagation unchanged sh -c 'mkdir /tmp/in; mount -t tmpfs in /tmp/in'; findmnt -n -o TARGET,SOURCE /tmp/in",
		stdout: "/tmp/in in\n",
		ref:    true,
	},
	{
		name:   "unshare/errors",
		script: "touch /file; mkdir /a; unshare -m --propagation foo true; echo $?; unshare -m nonexist; echo $?; unshare -m /file; echo $?; unshare -m /a; echo $?; unshare --mount -f sh -c 'exit 3'; echo $?; unshare -Z; echo $?; unshare true; echo $?; unshare -m; echo $?",
		stdout: "1\n" +
			"127\n" +
			"126\n" +
			"126\n" +
			"3\n" +
			"1\n" +
			"0\n" +
			"0\n",
		stderr: "unshare: unsupported propagation mode: foo\n" +
			"unshare: failed to execute nonexist: No such file or directory\n" +
			"unshare: failed to execute /file: Permission denied\n" +
			"unshare: failed to execute /a: Permission denied\n" +
			"unshare: invalid option -- 'Z'\n" +
			"Try 'unshare --help' for more information.\n",
		ref: true,
	},
	{
		name:   "unshare/mount-proc",
		script: "mkdir /m; unshare -m --mount-proc=/m findmnt -n -o TARGET,SOURCE,OPTIONS /m; echo $?",
		stdout: "/m     proc   rw,nosuid,nodev,noexec,relatime\n" +
			"0\n",
		ref: true,
	},
	{
		name:   "chroot/errors",
		script: "touch /file; chroot /nonexist true; echo $?; chroot /file true; echo $?; chroot; echo $?; chroot / nonexist; echo $?; chroot --foo; echo $?",
		stdout: "125\n" +
			"125\n" +
			"125\n" +
			"127\n" +
			"125\n",
		stderr: "chroot: cannot change root directory to '/nonexist': No such file or directory\n" +
			"chroot: cannot change root directory to '/file': Not a directory\n" +
			"chroot: missing operand\n" +
			"Try 'chroot --help' for more information.\n" +
			"chroot: failed to run command 'nonexist': No such file or directory\n" +
			"chroot: unrecognized option '--foo'\n" +
			"Try 'chroot --help' for more information.\n",
		ref: true,
	},
	{
		name:   "chroot/runs-in-new-root",
		script: "mkdir -p /new/etc; echo inside > /new/etc/f; chroot /new cat /etc/f; echo $?; chroot /new sh -c 'pwd; ls /'; chroot /new findmnt; echo $?",
		stdout: "127\n" +
			"127\n",
		stderr: "chroot: failed to run command 'cat': No such file or directory\n" +
			"chroot: failed to run command 'sh': No such file or directory\n" +
			"chroot: failed to run command 'findmnt': No such file or directory\n",
		ref: true,
	},
	{
		name:   "pivot_root/usage",
		script: "mkdir /a /b; pivot_root; echo $?; pivot_root /a; echo $?; pivot_root /nonexist /b; echo $?; pivot_root /a /b /c; echo $?; pivot_root /a /b; echo $?",
		stdout: "1\n" +
			"1\n" +
			"1\n" +
			"1\n" +
			"1\n",
		stderr: "pivot_root: bad usage\n" +
			"Try 'pivot_root --help' for more information.\n" +
			"pivot_root: bad usage\n" +
			"Try 'pivot_root --help' for more information.\n" +
			"pivot_root: failed to change root from `/nonexist' to `/b': No such file or directory\n" +
			"pivot_root: bad usage\n" +
			"Try 'pivot_root --help' for more information.\n" +
			"pivot_root: failed to change root from `/a' to `/b': Device or resource busy\n",
		ref: true,
	},
	{
		name:   "pivot_root/works",
		script: "mkdir /newroot; unshare -m sh -c 'mount -t tmpfs nr /newroot; mkdir /newroot/old /newroot/bin /newroot/proc /newroot/lib64; cp /usr/bin/findmnt /usr/bin/umount /usr/bin/mount /newroot/bin; cp /lib64/ld-linux-x86-64.so.2 /newroot/lib64; cd /newroot; pivot_root . old; echo $?; cd /; mount -t proc p /proc; findmnt -o TARGET,SOURCE; umount -l /old; findmnt -o TARGET,SOURCE'",
		stdout: "0\n" +
			"TARGET        SOURCE\n" +
			"/             nr\n" +
			"|-/old        tmpfs\n" +
			"| |-/old/proc proc\n" +
			"| |-/old/sys  sysfs\n" +
			"| |-/old/dev  devtmpfs\n" +
			"| |-/old/tmp  tmpfs\n" +
			"| `-/old/run  tmpfs\n" +
			"`-/proc       p\n" +
			"TARGET  SOURCE\n" +
			"/       nr\n" +
			"`-/proc p\n",
	},
	{
		name:   "mountpoint/basic",
		script: "mkdir /a; touch /file; mountpoint /proc; echo $?; mountpoint /a; echo $?; mountpoint -q /a; echo $?; mountpoint -q /proc; echo $?; mountpoint /nonexist; echo $?; mountpoint -q /nonexist; echo $?; mountpoint /file; echo $?; mountpoint /; echo $?; mountpoint /proc/..; echo $?; mountpoint /proc/../tmp; echo $?",
		stdout: "/proc is a mountpoint\n" +
			"0\n" +
			"/a is not a mountpoint\n" +
			"32\n" +
			"32\n" +
			"0\n" +
			"1\n" +
			"1\n" +
			"/file is not a mountpoint\n" +
			"32\n" +
			"/ is a mountpoint\n" +
			"0\n" +
			"/proc/.. is a mountpoint\n" +
			"0\n" +
			"/proc/../tmp is a mountpoint\n" +
			"0\n",
		stderr: "mountpoint: /nonexist: No such file or directory\n",
		ref:    true,
	},
	{
		name:   "mountpoint/options",
		script: "mkdir /a; touch /file; ln -s /proc /lnk; mountpoint -d /a; echo $?; mountpoint -x /file; echo $?; mountpoint; echo $?; mountpoint /a /b; echo $?; mountpoint /lnk; echo $?; mountpoint --nofollow /lnk; echo $?; mountpoint -Z /a; echo $?",
		stdout: "/a is not a mountpoint\n" +
			"32\n" +
			"32\n" +
			"1\n" +
			"1\n" +
			"/lnk is a mountpoint\n" +
			"0\n" +
			"/lnk is not a mountpoint\n" +
			"32\n" +
			"1\n",
		stderr: "mountpoint: /file: not a block device\n" +
			"mountpoint: bad usage\n" +
			"Try 'mountpoint --help' for more information.\n" +
			"mountpoint: bad usage\n" +
			"Try 'mountpoint --help' for more information.\n" +
			"mountpoint: invalid option -- 'Z'\n" +
			"Try 'mountpoint --help' for more information.\n",
		ref: true,
	},
	{
		name:   "dmesg/fs-context-errors",
		script: "mkdir -p /mnt; mount -t tmpfs -o foo t /mnt; mount -t tmpfs -o mode=abc t /mnt; mount -t proc -o bar p /mnt; dmesg -t",
		stdout: "devtmpfs: initialized\n" +
			"tmpfs: Unknown parameter 'foo'\n" +
			"tmpfs: Bad value for 'mode'\n" +
			"proc: Unknown parameter 'bar'\n",
		stderr: "mount: /mnt: wrong fs type, bad option, bad superblock on t, missing codepage or helper program, or other error.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /mnt: wrong fs type, bad option, bad superblock on t, missing codepage or helper program, or other error.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n" +
			"mount: /mnt: wrong fs type, bad option, bad superblock on p, missing codepage or helper program, or other error.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
	},
	{
		name:   "mount/remount-proc-self",
		script: "mount -o remount,ro /proc/self; echo $?",
		stdout: "32\n",
		stderr: "mount: /proc/4: mount point not mounted or bad option.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
	},
	{
		name:   "mount/fstab",
		script: "mkdir -p /etc /data /m; echo \"tab /data tmpfs size=2m,nosuid 0 0\" > /etc/fstab; mount /data; echo $?; findmnt -n -o SOURCE,OPTIONS /data; umount /data; mount tab; echo $?; findmnt -n /data; umount /data; mount -o ro /data; findmnt -n -o OPTIONS /data; mount -o remount,rw /data;  findmnt -n -o OPTIONS /data; mount --source tab; echo $?; mount --target /data; echo $?; mount --target /nonexist; echo $?; mount --source nonexist; echo $?",
		stdout: "0\n" +
			"tab    rw,nosuid,relatime,size=2048k\n" +
			"0\n" +
			"/data  tab    tmpfs  rw,nosuid,relatime,size=2048k\n" +
			"ro,nosuid,relatime,size=2048k\n" +
			"rw,nosuid,relatime,size=2048k\n" +
			"0\n" +
			"0\n" +
			"1\n" +
			"1\n",
		stderr: "mount: /nonexist: can't find mount point in /etc/fstab.\n" +
			"mount: nonexist: can't find mount source nonexist in /etc/fstab.\n",
	},
	{
		name:   "mount/uid-names",
		script: "mkdir -p /m /etc; echo 'daemon:x:1:1::/:/bin/false' > /etc/passwd; mount -t tmpfs -o uid=daemon t /m; findmnt -n -o FS-OPTIONS /m; mount -t tmpfs -o uid=nosuchuser t /m; echo $?",
		stdout: "rw,uid=1\n" +
			"32\n",
		stderr: "mount: /m: wrong fs type, bad option, bad superblock on t, missing codepage or helper program, or other error.\n" +
			"       dmesg(1) may have more information after failed mount system call.\n",
	},
	{
		name:   "mount/rbind-ro-and-bind-file",
		script: "mkdir -p /a/s /b; mount -t tmpfs s /a/s; mount -R -o ro /a /b; findmnt -R -o TARGET,SOURCE,OPTIONS /b; touch /f1 /f2; mount --bind /f1 /f2; findmnt -n -o TARGET,SOURCE,FSROOT /f2; umount /f2; echo $?",
		stdout: "TARGET SOURCE    OPTIONS\n" +
			"/b     tmpfs[/a] ro,relatime\n" +
			"`-/b/s s         rw,relatime\n" +
			"/f2    tmpfs[/f1] /f1\n" +
			"0\n",
		ref: true,
	},
	{
		name:   "mount/remount-bind-flags-and-propagation",
		script: "mkdir /c; mount -t tmpfs t /c; mount --bind -o remount,ro,nosuid /c; findmnt -n -o TARGET,OPTIONS /c; mount -o remount,bind,shared /c; findmnt -n -o TARGET,OPTIONS,PROPAGATION /c",
		stdout: "/c     ro,nosuid,relatime\n" +
			"/c     ro,nosuid,relatime shared\n",
		ref: true,
	},
	{
		name:   "umount/read-only-fallback",
		script: "mkdir /c; mount -t tmpfs t /c; cd /c; umount -r /c; echo $?; findmnt -n -o TARGET,OPTIONS /c",
		stdout: "32\n" +
			"/c     rw,relatime\n",
		stderr: "umount: /c: target is busy.\n",
		ref:    true,
	},
	{
		name:   "umount/all",
		script: "mkdir -p /a/s /b; mount -t tmpfs s /a/s; mount -t ramfs r /b; umount -a -t tmpfs,ramfs -v; echo $?; findmnt -l -o TARGET,FSTYPE",
		stdout: "/b                       : successfully unmounted\n" +
			"/a/s                     : successfully unmounted\n" +
			"/run                     : successfully unmounted\n" +
			"/tmp                     : successfully unmounted\n" +
			"/dev                     : ignored\n" +
			"/sys                     : ignored\n" +
			"/proc                    : ignored\n" +
			"/                        : successfully unmounted\n" +
			"0\n" +
			"TARGET FSTYPE\n" +
			"/      tmpfs\n" +
			"/proc  proc\n" +
			"/sys   sysfs\n" +
			"/dev   devtmpfs\n",
	},
	// libmount updates /run/mount/utab after a move, making /run/mount if
	// /run exists: on the /run tmpfs, then in the bare directory under it
	// once that is unmounted. Only with no /run at all does the update fail
	// (exit 16); -n skips it.
	{
		name:   "mount/move-utab",
		script: "mkdir /a /b /c; mount -t tmpfs tmpfs /a; mount --move /a /b; echo \"move with /run $?\"; ls -a /run /run/mount; umount /run; mount --move /b /c; echo \"move over the bare /run $?\"; ls -a /run/mount; rm -r /run; mount --move /c /a; echo \"move without /run $?\"; mount -n --move /a /b; echo \"move -n $?\"; findmnt -n -o TARGET /b",
		stdout: "move with /run 0\n" +
			"/run:\n" +
			".\n" +
			"..\n" +
			"mount\n" +
			"\n" +
			"/run/mount:\n" +
			".\n" +
			"..\n" +
			"utab\n" +
			"utab.lock\n" +
			"move over the bare /run 0\n" +
			".\n" +
			"..\n" +
			"utab\n" +
			"utab.lock\n" +
			"move without /run 16\n" +
			"move -n 0\n" +
			"/b\n",
		stderr: "mount: /a: filesystem was mounted, but failed to update userspace mount table.\n",
		ref:    true,
	},
	{
		name: "dmesg/filters-and-formats",
		script: "mkdir /m; mount -t tmpfs -o nosuchkey x /m 2>/dev/null; dmesg -t -l err; dmesg -l err,warn -x -t | tail -1; " +
			"dmesg -r | tail -1 | sed 's/[0-9]/N/g'; dmesg -f user; dmesg -u; dmesg -k -t -l 3; " +
			"dmesg -J -l err | sed 's/[0-9]\\.[0-9]*/T/'; dmesg --time-format=delta -l err | sed 's/[0-9]/N/g'",
		stdout: "tmpfs: Unknown parameter 'nosuchkey'\n" +
			"kern  :err   : tmpfs: Unknown parameter 'nosuchkey'\n" +
			"<N>[    N.NNNNNN] tmpfs: Unknown parameter 'nosuchkey'\n" +
			"tmpfs: Unknown parameter 'nosuchkey'\n" +
			"{\n   \"dmesg\": [\n      {\n         \"pri\": 3,\n         \"time\":     T,\n" +
			"         \"msg\": \"tmpfs: Unknown parameter 'nosuchkey'\"\n      }\n   ]\n}\n" +
			"[<    N.NNNNNN>] tmpfs: Unknown parameter 'nosuchkey'\n",
	},
	{
		name:   "dmesg/clear",
		script: "dmesg -C; dmesg; echo $?; mkdir /m; mount -t tmpfs -o nokey x /m 2>/dev/null; dmesg -c -t; dmesg -t; echo end",
		stdout: "0\ntmpfs: Unknown parameter 'nokey'\nend\n",
	},
	{
		name: "dmesg/usage-errors",
		script: "for a in '-l foo' '-f foo' '-l err,foo' '-n 0' '--time-format x' '-r -t' '-C -c' x '-l err,,warn' '-l err,' '-s x' '-L=foo'; do " +
			"eval dmesg $a; echo \"$a: $?\"; done",
		stdout: "-l foo: 1\n-f foo: 1\n-l err,foo: 1\n-n 0: 1\n--time-format x: 1\n-r -t: 1\n-C -c: 1\nx: 1\n" +
			"-l err,,warn: 1\n-l err,: 1\n-s x: 1\n-L=foo: 1\n",
		stderr: "dmesg: unknown level 'foo'\ndmesg: unknown facility 'foo'\ndmesg: unknown level 'foo'\ndmesg: unknown level '0'\n" +
			"dmesg: unknown time format: x\ndmesg: mutually exclusive arguments: --raw --notime\n" +
			"dmesg: mutually exclusive arguments: --clear --console-off --console-on --read-clear --console-level --raw\n" +
			"dmesg: bad usage\nTry 'dmesg --help' for more information.\n" +
			"dmesg: unknown level 'err,'\ndmesg: invalid buffer size argument: 'x'\ndmesg: unsupported color mode: 'foo'\n",
	},
}
