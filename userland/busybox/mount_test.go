// SPDX-License-Identifier: Apache-2.0

package busybox_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/testimage"

	"github.com/linuxvfs/linuxvfs/userland"
)

// run runs script on a fresh system and returns its output and errors
// interleaved, as 2>&1 would.
func run(t *testing.T, script string) string {
	t.Helper()
	var out strings.Builder
	if _, err := userland.RunScript(context.Background(), "exec 2>&1\n"+script, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func check(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestMountTables: mount -a with an fstab (failures counted in the status,
// noauto and swap skipped, mounted directories not mounted again), one
// operand found by directory or source, a directory bound when no type is
// given, -t lists tried in turn, a remount taking /proc/mounts' options,
// a propagation change, and umount's messages. The expected transcript is
// busybox 1.35's on Linux 6.18 (unshare -m, paths /tmp/... renamed).
func TestMountTables(t *testing.T) {
	script := "mkdir -p /sand; mount -t tmpfs t /sand; D=/sand B=busybox\n" + `cd $D; mkdir -p mnt/a mnt/b mnt/c src etc
printf "tmpfs $D/mnt/a tmpfs size=1m 0 0\nnone $D/mnt/b tmpfs noauto 0 0\nproc $D/nowhere proc defaults 0 0\n/dev/sdz9 none swap sw 0 0\nbogus $D/mnt/c bogusfs defaults 0 0\n" > etc/fstab
$B mount -a -T etc/fstab; echo "all $?"
$B mount -a -T etc/fstab; echo "all-again $?"
grep $D/mnt /proc/mounts
$B mount -T etc/fstab $D/mnt/b; echo "one $?"
$B mount -T etc/fstab none; echo "one-src $?"
$B mount -T etc/fstab nothing; echo "one-missing $?"
$B mount src mnt/c; echo "bind $?"
grep $D/mnt/c /proc/mounts
$B mount -t tmpfs,proc none mnt/c; echo "list $?"
$B mount -t nosuchfs,tmpfs none mnt/c; echo "list2 $?"
$B mount -o remount,ro mnt/c; echo "remount1 $?"
$B mount --make-private mnt/c; echo "private $?"
$B mount --make-private mnt/nonexist; echo "private-bad $?"
$B umount none; echo "umount-src $?"
grep $D/mnt /proc/mounts
$B umount -r mnt/a; echo "r $?"
cd mnt/a; $B umount -r $D/mnt/a; echo "r-busy $?"; cd $D
$B umount -t proc -a ; echo "a-proc $?"
`
	check(t, run(t, script), `mount: mounting proc on /sand/nowhere failed: No such file or directory
mount: mounting bogus on /sand/mnt/c failed: No such device
all 2
mount: mounting proc on /sand/nowhere failed: No such file or directory
mount: mounting bogus on /sand/mnt/c failed: No such device
all-again 2
tmpfs /sand/mnt/a tmpfs rw,relatime,size=1024k 0 0
one 0
mount: mounting /dev/sdz9 on none failed: No such file or directory
one-src 255
mount: can't find nothing in etc/fstab
one-missing 1
bind 0
t /sand/mnt/c tmpfs rw,relatime 0 0
list 0
list2 0
remount1 0
private 0
mount: mnt/nonexist: No such file or directory
private-bad 1
umount: can't unmount none: No such file or directory
umount-src 1
tmpfs /sand/mnt/a tmpfs rw,relatime,size=1024k 0 0
none /sand/mnt/b tmpfs rw,relatime 0 0
t /sand/mnt/c tmpfs rw,relatime 0 0
none /sand/mnt/c tmpfs rw,relatime 0 0
none /sand/mnt/c tmpfs ro,relatime 0 0
r 0
umount: can't unmount /sand/mnt/a: Invalid argument
r-busy 1
a-proc 0
`)
}

// TestMountMessages: busybox's words and statuses where util-linux's
// differ: a move says nothing (no userspace table to update), a failed
// mount is "mounting SRC on DIR failed: REASON" with status 255, a bad
// option or too many operands print the synopsis with status 1, and
// umount says "can't unmount". As busybox 1.35 does on Linux 6.18.
func TestMountMessages(t *testing.T) {
	script := `mkdir -p /mnt/a /mnt/b
busybox mount -t tmpfs tmpfs /mnt/a; echo "tmpfs $?"
busybox mount --move /mnt/a /mnt/b; echo "move $?"
busybox mount -t proc proc /nonexistent; echo "nodir $?"
busybox mount -t bogusfs x /mnt/a; echo "bogus $?"
busybox mount /dev/nothing /mnt/a; echo "auto $?"
busybox mount -t tmpfs -o bogusopt x /mnt/a; echo "badopt $?"
busybox mount | grep /mnt
busybox mount -x; echo "badflag $?"
busybox mount a b c; echo "three $?"
busybox umount /mnt/a; echo "umount-notmounted $?"
busybox umount /mnt/b; echo "umount $?"
busybox umount; echo "umount-none $?"
`
	want := `tmpfs 0
move 0
mount: mounting proc on /nonexistent failed: No such file or directory
nodir 255
mount: mounting x on /mnt/a failed: No such device
bogus 255
mount: mounting /dev/nothing on /mnt/a failed: No such file or directory
auto 255
mount: mounting x on /mnt/a failed: Invalid argument
badopt 255
tmpfs on /mnt/b type tmpfs (rw,relatime)
mount: invalid option -- 'x'
Usage: mount [OPTIONS] [-o OPT] DEVICE NODE
badflag 1
Usage: mount [OPTIONS] [-o OPT] DEVICE NODE
three 1
umount: can't unmount /mnt/a: Invalid argument
umount-notmounted 1
umount 0
Usage: umount [-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY
umount-none 1
`
	check(t, run(t, script), want)
}

// TestMountLoop: a regular file is mounted through a free loop device,
// its type found by trying the block filesystems silently (no kernel
// message for those that did not fit); the device lets go of the file when
// unmounted (autoclear), and when the mount fails.
func TestMountLoop(t *testing.T) {
	img, err := testimage.Squashfs(map[string]string{"hello": "hi\n"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	script := testimage.Script(img, "/img.sq", 8192) + `mkdir -p /mnt/sq
dmesg -C
busybox mount /img.sq /mnt/sq; echo "loop $?"
cat /mnt/sq/hello
busybox mount | grep sq
losetup -a | sed 's/:[0-9]* (/:INO (/'
busybox umount -d /mnt/sq; echo "umount $?"
losetup -a
busybox mount -o loop,ro /img.sq /mnt/sq; echo "loop-ro $?"
busybox umount /dev/loop0; echo "umount-dev $?"
busybox mount -t ext4 /img.sq /mnt/sq; echo "wrongtype $?"
losetup -a
dmesg
`
	want := `loop 0
hi
/dev/loop0 on /mnt/sq type squashfs (ro,relatime,errors=continue)
/dev/loop0: [0008]:INO (/img.sq)
umount 0
loop-ro 0
umount-dev 0
mount: mounting /dev/loop0 on /mnt/sq failed: Invalid argument
wrongtype 255
`
	check(t, run(t, script), want)
}

// TestBusyboxLinks: a command word that is a link to busybox, symbolic or
// hard, or a bare name whose first file on PATH is one, runs busybox's
// applet; a name whose file is something else runs linuxvfs's program.
// The applet's messages name it; getopt's name argv[0], the link's path
// as it was run (busybox 1.35's Debian build does so).
func TestBusyboxLinks(t *testing.T) {
	script := `mkdir -p /bin /bb/bin /other
printf '\177ELF\2\1\1' > /bin/busybox; chmod 755 /bin/busybox
cp /bin/busybox /other/mount
ln -s ../../bin/busybox /bb/bin/mount; ln /bin/busybox /bb/bin/umount
/bb/bin/mount -t proc proc /nonexistent; echo "symlink $?"
/bb/bin/umount /nonexistent; echo "hardlink $?"
PATH=/bb/bin:/bin mount -t proc proc /nonexistent; echo "path $?"
PATH=/other:/bb/bin mount -t proc proc /nonexistent 2>/dev/null; echo "other $?"
/other/mount -t proc proc /nonexistent 2>/dev/null; echo "other-path $?"
/bb/bin/mount -Q; echo "getopt $?"
busybox mount -Q; echo "getopt-busybox $?"
`
	want := `mount: mounting proc on /nonexistent failed: No such file or directory
symlink 255
umount: can't unmount /nonexistent: No such file or directory
hardlink 1
mount: mounting proc on /nonexistent failed: No such file or directory
path 255
other 32
other-path 32
/bb/bin/mount: invalid option -- 'Q'
Usage: mount [OPTIONS] [-o OPT] DEVICE NODE
getopt 1
mount: invalid option -- 'Q'
Usage: mount [OPTIONS] [-o OPT] DEVICE NODE
getopt-busybox 1
`
	check(t, run(t, script), want)
}
