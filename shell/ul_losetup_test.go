// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/linuxvfs/linuxvfs/userland"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// loopCase is a script for losetup and mount's loop devices. The
// expectations were captured from util-linux 2.38.1 on Linux 6.18 in the
// real-kernel sandbox (kerneltest), except for blockFS cases: those need
// a block filesystem, and the real kernel has no "tblk" (they follow what
// the real tools do with squashfs images instead; see
// testdata/diff/block).
//
// Loop devices are machine-wide, so with LINUXVFS_REFERENCE the real
// kernel may hand out other numbers than loop0, loop1, ...: the reference
// output is compared after renumbering the devices in order of first
// appearance, and with the backing file's st_dev ("[0042]") replaced by
// [DEV] on every side. The scripts detach every device they set up, by
// name: never with -D, which would reach other users' devices.
type loopCase struct {
	name    string
	script  string
	stdout  string
	stderr  string
	exit    int
	blockFS bool // needs tblk registered: linuxvfs only
}

func TestLosetup(t *testing.T) { runLoopCases(t, losetupCases) }

func TestMountLoop(t *testing.T) { runLoopCases(t, mountLoopCases) }

func runLoopCases(t *testing.T, cases []loopCase) {
	t.Helper()
	reference := os.Getenv("LINUXVFS_REFERENCE") != ""
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := outcome{tc.stdout, tc.stderr, tc.exit}
			setup := func(*vfs.Kernel) error { return nil }
			if tc.blockFS {
				setup = func(k *vfs.Kernel) error { return k.RegisterFilesystem(tblkType{}) }
			}
			if got := normalizeDev(runScriptOn(t, tc.script, setup)); got != want {
				t.Errorf("linuxvfs:\n%s", diffOutcome(want, got))
			}
			if !reference || tc.blockFS {
				return
			}
			if ok, reason := kerneltest.Available(); !ok {
				t.Skip(reason)
			}
			w := renumberLoops(want)
			var ref outcome
			for try := 0; try < 3 && ref != w; try++ { // autoclear is asynchronous in Linux
				ref = runLoopReference(t, tc.script)
			}
			if ref != w {
				t.Errorf("the real kernel disagrees with the table:\n%s", diffOutcome(w, ref))
			}
		})
	}
}

// runLoopReference runs script in the real-kernel sandbox, alone (loop
// devices are shared by every sandbox), and normalizes what it printed.
func runLoopReference(t *testing.T, script string) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := kerneltest.RunExclusive(ctx, script)
	if err != nil {
		t.Fatalf("kernel: %v", err)
	}
	return renumberLoops(normalizeDev(outcome{res.Stdout, res.Stderr, res.Exit}))
}

// runScriptOn is runScript on a kernel that setup has added to.
func runScriptOn(t *testing.T, script string, setup func(*vfs.Kernel) error) outcome {
	t.Helper()
	task, err := userland.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	if err := setup(task.Kernel()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute) // a hang, not load, reaches it
	defer cancel()
	var out, errb strings.Builder
	code, err := shell.Run(ctx, shell.Config{Task: task, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Set: userland.Programs()}, script)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return outcome{out.String(), errb.String(), code}
}

var (
	losetupDevField = regexp.MustCompile(`\[[0-9]{4,}\]:`)
	loopDevName     = regexp.MustCompile(`\bloop([0-9]+)\b`)
	loopMajMin      = regexp.MustCompile(`\b7:([0-9]+)\b`)
)

// normalizeDev replaces losetup's "[DDDD]:" (the backing file's st_dev,
// an anonymous device number that differs between kernels).
func normalizeDev(o outcome) outcome {
	o.stdout = losetupDevField.ReplaceAllString(o.stdout, "[DEV]:")
	o.stderr = losetupDevField.ReplaceAllString(o.stderr, "[DEV]:")
	return o
}

// renumberLoops numbers loop devices (loopN and 7:N) in order of first
// appearance in stdout, then stderr.
func renumberLoops(o outcome) outcome {
	seen := map[string]int{}
	ordinal := func(n string) int {
		if _, ok := seen[n]; !ok {
			seen[n] = len(seen)
		}
		return seen[n]
	}
	rewrite := func(s string) string {
		s = loopDevName.ReplaceAllStringFunc(s, func(m string) string {
			return fmt.Sprintf("loop%d", ordinal(loopDevName.FindStringSubmatch(m)[1]))
		})
		return loopMajMin.ReplaceAllStringFunc(s, func(m string) string {
			return fmt.Sprintf("7:%d", ordinal(loopMajMin.FindStringSubmatch(m)[1]))
		})
	}
	o.stdout, o.stderr = rewrite(o.stdout), rewrite(o.stderr)
	return o
}

// tblkType is a block filesystem for the tests: a disk starting with
// "TBLK" holds an empty writable filesystem, one starting with "TBRO" an
// empty filesystem that is always read-only (as squashfs is); anything
// else is EINVAL.
type tblkType struct{}

func (tblkType) Name() string           { return "tblk" }
func (tblkType) Flags() vfs.FSTypeFlags { return vfs.FS_REQUIRES_DEV }
func (tblkType) InitFsContext(fc *vfs.FsContext) error {
	fc.Ops = tblkOps{}
	return nil
}

type tblkOps struct{}

func (tblkOps) ParseParam(*vfs.FsContext, *vfs.FsParameter) error { return vfs.ENOPARAM }
func (tblkOps) GetTree(fc *vfs.FsContext) error                   { return fc.GetTreeBdev(tblkFill) }

func (tblkOps) Reconfigure(fc *vfs.FsContext) error {
	if fc.Root.Inode().Superblock().Private == "TBRO" {
		fc.SbFlags |= linux.SB_RDONLY
	}
	return nil
}

func tblkFill(sb *vfs.Superblock, disk vfs.Disk, fc *vfs.FsContext) error {
	magic := make([]byte, 4)
	if _, err := disk.ReadAt(magic, 0); err != nil || !bytes.Equal(magic, []byte("TBLK")) && !bytes.Equal(magic, []byte("TBRO")) {
		return fc.Errorf("no tblk filesystem on %s", fc.Source)
	}
	sb.Private = string(magic)
	if sb.Private == "TBRO" {
		sb.SetFlags(linux.SB_RDONLY, linux.SB_RDONLY)
	}
	sb.Ops = tblkSuper{}
	fs := &libfs.FS{NextIno: fc.Kernel.GetNextIno}
	root, err := fs.NewRoot(sb, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o755})
	if err != nil {
		return err
	}
	sb.SetRoot(root)
	return nil
}

type tblkSuper struct{}

func (tblkSuper) ShowOptions(*vfs.Superblock, *strings.Builder) {}
func (tblkSuper) Statfs(*vfs.Superblock) (vfs.Statfs, error)    { return vfs.Statfs{}, nil }

var losetupCases = []loopCase{
	{
		name: "setup-and-list",
		script: `cd /tmp; head -c 1300 /dev/zero > img; head -c 4096 /dev/zero > big
d0=$(losetup -f --show img); echo "show $?"
d1=$(losetup -f --show -r -o 512 --sizelimit 1024 big); echo "ro $?"
losetup -a
losetup "$d0"
losetup
losetup -l -n -O NAME,RO,BACK-INO,MAJ:MIN,PARTSCAN,LOG-SEC
losetup --raw -O NAME,SIZELIMIT,BACK-FILE
losetup -J -O NAME,OFFSET,RO,BACK-FILE
losetup -j /tmp/big
losetup -j big -o 512
losetup -j img -o 512; echo "none $?"
losetup "$d0" big; echo "busy $?"
losetup -d "$d0" "$d1"; echo "detach $?"
losetup -a; echo "empty $?"
losetup -J
`,
		stdout: `show 0
ro 0
/dev/loop1: [DEV]:3 (/tmp/big), offset 512, sizelimit 1024
/dev/loop0: [DEV]:2 (/tmp/img)
/dev/loop0: [DEV]:2 (/tmp/img)
NAME       SIZELIMIT OFFSET AUTOCLEAR RO BACK-FILE DIO LOG-SEC
/dev/loop1      1024    512         0  1 /tmp/big    0     512
/dev/loop0         0      0         0  0 /tmp/img    0     512
/dev/loop1  1        3   7:1          0     512
/dev/loop0  0        2   7:0          0     512
NAME SIZELIMIT BACK-FILE
/dev/loop1 1024 /tmp/big
/dev/loop0 0 /tmp/img
{
   "loopdevices": [
      {
         "name": "/dev/loop1",
         "offset": 512,
         "ro": true,
         "back-file": "/tmp/big"
      },{
         "name": "/dev/loop0",
         "offset": 0,
         "ro": false,
         "back-file": "/tmp/img"
      }
   ]
}
/dev/loop1: [DEV]:3 (/tmp/big), offset 512, sizelimit 1024
/dev/loop1: [DEV]:3 (/tmp/big), offset 512, sizelimit 1024
none 0
busy 1
detach 0
empty 0
{
   "loopdevices": [

   ]
}
`,
		stderr: `losetup: img: Warning: file does not fit into a 512-byte sector; the end of the file will be ignored.
losetup: big: failed to set up loop device: Device or resource busy
`,
	},
	{
		name: "usage",
		script: `cd /tmp; head -c 4096 /dev/zero > big
losetup -x; echo "rc $?"
losetup --foo; echo "rc $?"
losetup -a -d /dev/loop0; echo "rc $?"
losetup -f -l; echo "rc $?"
losetup -J --raw; echo "rc $?"
losetup -r; echo "rc $?"
losetup --show /dev/loop0; echo "rc $?"
losetup -o 1 /dev/loop0; echo "rc $?"
losetup -o abc -f big; echo "rc $?"
losetup --sizelimit 1x -f big; echo "rc $?"
losetup -f --direct-io=maybe big; echo "rc $?"
losetup -f big extra; echo "rc $?"
losetup loop0; echo "rc $?"
losetup /tmp/big; echo "rc $?"
losetup -d /tmp/big; echo "rc $?"
losetup -O FOO; echo "rc $?"
losetup -O NAME,,RO; echo "rc $?"
losetup --output-all; echo "rc $?"
losetup -V >/dev/null; echo "rc $?"
losetup -h >/dev/null; echo "rc $?"
`,
		stdout: "rc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\n" +
			"rc 0\nrc 0\n",
		stderr: `losetup: invalid option -- 'x'
Try 'losetup --help' for more information.
losetup: unrecognized option '--foo'
Try 'losetup --help' for more information.
losetup: mutually exclusive arguments: --detach-all --all --set-capacity --detach --find --associated
losetup: mutually exclusive arguments: --detach-all --set-capacity --detach --find --list
losetup: mutually exclusive arguments: --json --raw
losetup: no loop device specified
losetup: the options --{sizelimit,partscan,read-only,show} are allowed during loop device setup only
losetup: the option --offset is not allowed in this context
losetup: failed to parse offset: 'abc': Invalid argument
losetup: failed to parse size: '1x': Invalid argument
losetup: argument error: 'maybe'
losetup: unexpected arguments
losetup: loop0: failed to use device: No such device
losetup: /tmp/big: failed to use device: No such device
losetup: /tmp/big: failed to use device: No such device
losetup: unknown column: FOO
losetup: no loop device specified
`,
	},
	{
		name: "setup-errors",
		script: `cd /tmp; head -c 4096 /dev/zero > big
losetup -f /nonexist; echo "missing $?"
losetup -f /tmp; echo "dir $?"
losetup /tmp/xx /tmp/big; echo "not a device $?"
losetup -j /nonexist; echo "assoc missing $?"
dev=$(losetup -f)
losetup "$dev"; echo "show unbound $?"
losetup -l -n -O NAME,RO,BACK-FILE "$dev"; echo "list unbound $?"
losetup -d "$dev"; echo "detach unbound $?"
losetup "$dev" /nonexist; echo "missing file $?"
`,
		stdout: "missing 1\ndir 1\nnot a device 1\nassoc missing 0\nshow unbound 1\n/dev/loop0  0 \nlist unbound 0\ndetach unbound 1\nmissing file 1\n",
		stderr: `losetup: /nonexist: failed to set up loop device: No such file or directory
losetup: /tmp: failed to set up loop device: Is a directory
losetup: /tmp/xx: failed to set up loop device: No such file or directory
losetup: /dev/loop0: No such file or directory
losetup: /dev/loop0: detach failed: No such device or address
losetup: /nonexist: failed to set up loop device: No such file or directory
`,
	},
	{
		name: "sizes",
		script: `cd /tmp; head -c 8192 /dev/zero > big; head -c 100 /dev/zero > tiny
a=$(losetup -f --show -o 0x200 --sizelimit 01000 big)
b=$(losetup -f --show --sizelimit 1.5K big)
c=$(losetup -f --show --sizelimit 1KB big)
d=$(losetup -f --show -o 10000 big)
e=$(losetup -f --show tiny)
losetup -l -O NAME,OFFSET,SIZELIMIT
losetup -a
losetup -d "$a" "$b" "$c" "$d" "$e"
`,
		stdout: `NAME       OFFSET SIZELIMIT
/dev/loop1      0      1536
/dev/loop4      0         0
/dev/loop2      0      1000
/dev/loop0    512       512
/dev/loop3  10000         0
/dev/loop1: [DEV]:2 (/tmp/big), sizelimit 1536
/dev/loop4: [DEV]:3 (/tmp/tiny)
/dev/loop2: [DEV]:2 (/tmp/big), sizelimit 1000
/dev/loop0: [DEV]:2 (/tmp/big), offset 512, sizelimit 512
/dev/loop3: [DEV]:2 (/tmp/big), offset 10000
`,
		stderr: `losetup: big: Warning: file does not fit into a 512-byte sector; the end of the file will be ignored.
losetup: big: Warning: file does not fit into a 512-byte sector; the end of the file will be ignored.
losetup: tiny: Warning: file is smaller than 512 bytes; the loop device may be useless or invisible for system tools.
`,
	},
	{
		name: "nooverlap",
		script: `cd /tmp; head -c 8192 /dev/zero > big
a=$(losetup -f --show big)
losetup -L -f --show big; echo "reuse $?"
losetup -L -f -o 512 big; echo "overlap $?"
losetup -L -f --show -o 4096 --sizelimit 512 big; echo "inside $?"
b=$(losetup -f --show -r -o 4096 big)
losetup -L -f -o 4096 big; echo "ro $?"
losetup -L -r -f --show -o 4096 big; echo "ro reuse $?"
losetup -a
losetup -d "$a" "$b"
`,
		stdout: `/dev/loop0
reuse 0
overlap 1
inside 1
ro 1
/dev/loop1
ro reuse 0
/dev/loop1: [DEV]:2 (/tmp/big), offset 4096
/dev/loop0: [DEV]:2 (/tmp/big)
`,
		stderr: `losetup: big: overlapping loop device exists
losetup: big: overlapping loop device exists
losetup: big: overlapping read-only loop device exists
`,
	},
	{
		name: "nooverlap-read-only",
		script: `cd /tmp; head -c 8192 /dev/zero > big
b=$(losetup -f --show -r -o 4096 big)
losetup -L -f -o 4096 big; echo "ro $?"
losetup -L -r -f --show -o 4096 big; echo "ro reuse $?"
losetup -l -n -O NAME,OFFSET,RO,AUTOCLEAR
losetup -d "$b"
`,
		stdout: "ro 1\n/dev/loop0\nro reuse 0\n/dev/loop0   4096  1         0\n",
		stderr: "losetup: big: overlapping read-only loop device exists\n",
	},
}

var mountLoopCases = []loopCase{
	{
		name: "mount-o-loop",
		script: squashfsImage + `mkdir /a /b
mount -o loop /tmp/img /a; echo "loop $?"
findmnt -no SOURCE,FSTYPE,VFS-OPTIONS /a
losetup -l -O NAME,AUTOCLEAR,RO,BACK-FILE,OFFSET
cat /a/top
mount -o loop /tmp/img /a; echo "same target $?"
mount /tmp/img /b; echo "second $?"
findmnt -no SOURCE,FSTYPE,VFS-OPTIONS /b
umount /tmp/img; echo "umount file $?"
findmnt -no TARGET /b; echo "b gone $?"
umount -v /a; losetup -a; echo "after $?"
`,
		stdout: `loop 0
/dev/loop0 squashfs rw,relatime
NAME       AUTOCLEAR RO BACK-FILE OFFSET
/dev/loop0         1  0 /tmp/img       0
top file
same target 1
second 0
/dev/loop0 squashfs ro,relatime
umount file 0
b gone 1
after 0
`,
		stderr: `mount: /a: /tmp/img is already mounted.
mount: /b: WARNING: source write-protected, mounted read-only.
umount: /a unmounted
`,
	},
	{
		name: "mount-read-only",
		script: squashfsImage + `mkdir /a /ro
mount --bind /tmp /ro; mount -o remount,bind,ro /ro
mount /ro/img /a; echo "ro file $?"; findmnt -no SOURCE,VFS-OPTIONS /a; losetup -l -n -O NAME,RO,BACK-FILE; umount /a
mount -r -o loop /tmp/img /a; echo "ro $?"; findmnt -no VFS-OPTIONS /a; losetup -l -n -O NAME,AUTOCLEAR,RO; umount /a
dev=$(losetup -r -f --show /tmp/img)
mount -o loop /tmp/img /a; echo "reuse ro $?"; findmnt -no SOURCE,VFS-OPTIONS /a; umount /a
losetup -d "$dev"; losetup -a; echo "after $?"
`,
		stdout: `ro file 0
/dev/loop0 ro,relatime
/dev/loop0  1 /ro/img
ro 0
ro,relatime
/dev/loop0         1  1
reuse ro 0
/dev/loop0 ro,relatime
after 0
`,
		stderr: `mount: /a: WARNING: source write-protected, mounted read-only.
`,
	},
	{
		name: "mount-offset",
		script: squashfsImage + `mkdir /a
head -c 4096 /dev/zero > /tmp/off; cat /tmp/img >> /tmp/off
mount -o loop,offset=4096 /tmp/off /a; echo "offset $?"
losetup -a; cat /a/d/hello
mount -v -o loop,offset=4096 /tmp/off /a; echo "again $?"
umount -v /a; losetup -a; echo "after $?"
mount -o loop,offset=4096,sizelimit=2048 /tmp/off /a; echo "short $?"
losetup -a; echo "none $?"
`,
		stdout: `offset 0
/dev/loop0: [DEV]:3 (/tmp/off), offset 4096
hello
again 1
after 0
short 32
none 0
`,
		stderr: `mount: /a: /tmp/off is already mounted.
umount: /a unmounted
mount: /a: wrong fs type, bad option, bad superblock on /dev/loop0, missing codepage or helper program, or other error.
       dmesg(1) may have more information after failed mount system call.
`,
	},
	{
		name: "mount-failures",
		script: squashfsImage + `mkdir /a
head -c 8192 /dev/zero > /tmp/z
mount -o loop /tmp/z /a; echo "no fs $?"
losetup -a; echo "released $?"
dev=$(losetup -f --show /tmp/z)
mount -o loop /tmp/z /a; echo "reused $?"
losetup -a
mount -t squashfs /tmp/z /a; echo "not squashfs $?"
losetup -d "$dev"
printf hsqs > /tmp/small; mount /tmp/small /a; echo "small $?"
mount -t squashfs /tmp/small /a; echo "small typed $?"
losetup -a; echo "none $?"
`,
		stdout: `no fs 32
released 0
reused 32
/dev/loop0: [DEV]:3 (/tmp/z)
not squashfs 32
small 32
small typed 32
none 0
`,
		stderr: `mount: /a: wrong fs type, bad option, bad superblock on /dev/loop0, missing codepage or helper program, or other error.
       dmesg(1) may have more information after failed mount system call.
mount: /a: wrong fs type, bad option, bad superblock on /dev/loop0, missing codepage or helper program, or other error.
       dmesg(1) may have more information after failed mount system call.
mount: /a: wrong fs type, bad option, bad superblock on /dev/loop0, missing codepage or helper program, or other error.
       dmesg(1) may have more information after failed mount system call.
mount: /a: /tmp/small is not a block device; try "-o loop".
       dmesg(1) may have more information after failed mount system call.
mount: /a: /tmp/small is not a block device; try "-o loop".
       dmesg(1) may have more information after failed mount system call.
`,
	},
	{
		name: "umount-detach",
		script: squashfsImage + `mkdir /a
dev=$(losetup -f --show /tmp/img)
mount "$dev" /a; echo "mount $?"; findmnt -no SOURCE,FSTYPE /a
umount -d /a; echo "umount -d $?"
losetup -a; echo "detached $?"
mount -o loop /tmp/img /a; umount -d /a; echo "autoclear $?"; losetup -a
`,
		stdout: `mount 0
/dev/loop0 squashfs
umount -d 0
detached 0
autoclear 0
`,
	},
	{
		name: "mount-option-errors",
		script: `cd /tmp; head -c 4096 /dev/zero > big; head -c 1000 /dev/zero > small; mkdir -p /mnt
mount -o loop /nonexist /mnt; echo "missing $?"
mount -o loop,offset=abc /tmp/big /mnt; echo "offset $?"
mount -o loop,encryption=x big /mnt; echo "encryption $?"
mount -o loop /dev/null /mnt; echo "char $?"
mount -t tmpfs -o loop t /mnt; echo "tmpfs $?"; umount /mnt
a=$(losetup -f --show big)
mount -o loop,offset=512 /tmp/big /mnt; echo "overlap $?"
mount -o loop="$a" small /mnt; echo "busy loop= $?"
losetup -a
losetup -d "$a"
losetup -a; echo "after $?"
`,
		stdout: "missing 32\noffset 1\nencryption 1\nchar 32\ntmpfs 0\noverlap 32\nbusy loop= 32\n/dev/loop0: [DEV]:2 (/tmp/big)\nafter 0\n",
		stderr: `mount: /mnt: failed to setup loop device for /nonexist.
mount: /mnt: failed to parse mount options 'rw,loop,offset=abc': Invalid argument.
mount: /mnt: failed to parse mount options 'rw,loop,encryption=x': Invalid argument.
mount: /mnt: failed to setup loop device for /dev/null.
mount: /mnt: overlapping loop device exists for /tmp/big.
mount: /mnt: failed to setup loop device for /tmp/small.
`,
	},
	{
		// A writable block filesystem on a read-only loop device: mount(2)
		// fails with EACCES and libmount retries read-only, unless -w.
		name: "mount-write-protected",
		script: `printf TBLK > /tmp/w; head -c 8188 /dev/zero >> /tmp/w; mkdir /a
dev=$(losetup -r -f --show /tmp/w)
mount -t tblk "$dev" /a; echo "ro device $?"; findmnt -no SOURCE,VFS-OPTIONS /a; umount /a
mount -w -t tblk "$dev" /a; echo "explicit rw $?"
mount -t tblk -o loop /tmp/w /a; echo "reuse $?"; findmnt -no SOURCE,VFS-OPTIONS /a; umount /a
losetup -d "$dev"
mount -t tblk -o loop /tmp/w /a; echo "rw $?"; findmnt -no SOURCE,FSTYPE,VFS-OPTIONS /a
losetup -l -n -O NAME,AUTOCLEAR,RO
umount /a; losetup -a; echo "after $?"
`,
		stdout: `ro device 0
/dev/loop0 ro,relatime
explicit rw 32
reuse 0
/dev/loop0 ro,relatime
rw 0
/dev/loop0 tblk   rw,relatime
/dev/loop0         1  0
after 0
`,
		stderr: `mount: /a: WARNING: source write-protected, mounted read-only.
mount: /a: /dev/loop0 is write-protected but explicit read-write mode requested.
       dmesg(1) may have more information after failed mount system call.
mount: /a: WARNING: source write-protected, mounted read-only.
`,
		blockFS: true,
	},
	{
		// A second type cannot open a disk another type holds (EBUSY);
		// without -t, libmount tries squashfs first and stops there.
		name: "mount-held-by-another-type",
		script: `printf TBLK > /tmp/w; head -c 8188 /dev/zero >> /tmp/w; mkdir /a /b
mount -t tblk -o loop /tmp/w /a; echo "tblk $?"
mount /tmp/w /b; echo "untyped $?"
mount -t tblk /tmp/w /b; echo "typed $?"
findmnt -no SOURCE,FSTYPE /b
umount /a /b; losetup -a; echo "after $?"
`,
		stdout: "tblk 0\nuntyped 32\ntyped 32\nafter 0\n",
		stderr: `mount: /b: /dev/loop0 already mounted on /a.
       dmesg(1) may have more information after failed mount system call.
mount: /b: /tmp/w is not a block device; try "-o loop".
       dmesg(1) may have more information after failed mount system call.
umount: /b: not mounted.
`,
		blockFS: true,
	},
}

// squashfsImage writes the squashfs image of testdata/diff/block (d/hello
// and top, made by internal/testimage) to /tmp/img, 8 KiB long.
var squashfsImage = func() string {
	files := map[string]string{"d/": "", "d/hello": "hello\n", "top": "top file\n"}
	img, err := testimage.Squashfs(files, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		panic("shell tests: squashfs image: " + err.Error())
	}
	return testimage.Script(img, "/tmp/img", 8192)
}()
