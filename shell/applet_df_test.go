// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"fmt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"strconv"
	"strings"
	"testing"
)

// TestDf checks df and stat --file-system against what GNU coreutils 9.1
// prints on Linux 6.18 for the same mounts (captured in a private mount
// namespace laid out like linuxvfs.Boot). Every file system shown has an
// explicit size= and nr_inodes= (or none), so that nothing depends on the
// host's memory or on what linuxvfs.Boot mounts; listings of all mounted
// file systems run in a chroot whose root is a mount of its own
// (dfChroot). LINUXVFS_REFERENCE=1 reruns the cases in the real kernel,
// but for those marked linuxvfsOnly.
func TestDf(t *testing.T) {
	runCases(t, dfCases)
}

// dfChroot prepares /R: a 1 MiB tmpfs with proc on /R/proc and a "df"
// program, so that "chroot /R df" lists only the mounts under /R. The
// linuxvfsOnly cases that use it were captured from coreutils in the same
// chroot with the host's /usr bound in instead (hidden by their -t); the
// program file here takes a page of /R (Used 4).
const dfChroot = "mkdir /R; mount -t tmpfs -o size=1m,nr_inodes=64 R /R; mkdir -p /R/bin /R/proc /R/m /R/b /R/n /R/lib64; " +
	"cp /usr/bin/df /R/bin/df; cp /lib64/ld-linux-x86-64.so.2 /R/lib64; mount -t proc proc /R/proc; "

var dfCases = []scriptCase{
	{
		name:   "file",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df /m",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"t                   1024     0      1024   0% /m\n",
	},
	{
		name:   "human",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -h /m",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"t               1.0M     0  1.0M   0% /m\n",
	},
	{
		name:   "si",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -H /m",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"t               1.1M     0  1.1M   0% /m\n",
	},
	{
		name:   "inodes",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -i /m",
		stdout: "Filesystem     Inodes IUsed IFree IUse% Mounted on\n" +
			"t                 100     1    99    1% /m\n",
	},
	{
		name:   "type",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -T /m",
		stdout: "Filesystem     Type  1K-blocks  Used Available Use% Mounted on\n" +
			"t              tmpfs      1024     0      1024   0% /m\n",
	},
	{
		name:   "posix",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -P /m",
		stdout: "Filesystem     1024-blocks  Used Available Capacity Mounted on\n" +
			"t                     1024     0      1024       0% /m\n",
	},
	{
		name:   "posix-type",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -PT /m",
		stdout: "Filesystem     Type  1024-blocks  Used Available Capacity Mounted on\n" +
			"t              tmpfs        1024     0      1024       0% /m\n",
	},
	{
		name:   "output-all",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df --output /m",
		stdout: "Filesystem     Type  Inodes IUsed IFree IUse% 1K-blocks  Used Avail Use% File Mounted on\n" +
			"t              tmpfs    100     1    99    1%      1024     0  1024   0% /m   /m\n",
	},
	{
		name:   "output-list",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df --output=target,size,source /m",
		stdout: "Mounted on 1K-blocks Filesystem\n" +
			"/m              1024 t\n",
	},
	{
		name:   "used",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df /b /c",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"B                  10240  1208      9032  12% /b\n" +
			"C                   3336     8      3328   1% /c\n",
	},
	{
		name:   "used-human",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df -h /b /c",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"B                10M  1.2M  8.9M  12% /b\n" +
			"C               3.3M  8.0K  3.3M   1% /c\n",
	},
	{
		name:   "used-si",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df -H /b /c",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"B                11M  1.3M  9.3M  12% /b\n" +
			"C               3.5M  8.2k  3.5M   1% /c\n",
	},
	{
		name:   "used-inodes-human",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df -ih /b /c",
		stdout: "Filesystem     Inodes IUsed IFree IUse% Mounted on\n" +
			"B                1000     2   998    1% /b\n" +
			"C                121K     2  121K    1% /c\n",
	},
	{
		name:   "block-size-1000",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df -B 1000 /b /c",
		stdout: "Filesystem     1kB-blocks  Used Available Use% Mounted on\n" +
			"B                   10486  1237      9249  12% /b\n" +
			"C                    3417     9      3408   1% /c\n",
	},
	{
		name:   "block-size-3",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df -B 3 /b",
		stdout: "Filesystem     3B-blocks   Used Available Use% Mounted on\n" +
			"B                3495254 412331   3082923  12% /b\n",
	},
	{
		name:   "block-size-units",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df -BM /c; df -BMB /c; df -BKiB /c; df -B si /c",
		stdout: "Filesystem     1M-blocks  Used Available Use% Mounted on\n" +
			"C                     4M    1M        4M   1% /c\n" +
			"Filesystem     1MB-blocks  Used Available Use% Mounted on\n" +
			"C                     4MB   1MB       4MB   1% /c\n" +
			"Filesystem     1KiB-blocks  Used Available Use% Mounted on\n" +
			"C                  3336KiB  8KiB   3328KiB   1% /c\n" +
			"Filesystem      Size  Used Avail Use% Mounted on\n" +
			"C               3.5M  8.2k  3.5M   1% /c\n",
	},
	{
		name:   "total",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df --total /b /c",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"B                  10240  1208      9032  12% /b\n" +
			"C                   3336     8      3328   1% /c\n" +
			"total              13576  1216     12360   9% -\n",
	},
	{
		name:   "total-human",
		script: "mkdir /b /c; mount -t tmpfs -o size=10m,nr_inodes=1000 B /b; mount -t tmpfs -o size=3333k,nr_inodes=123456 C /c; head -c 1234567 /dev/zero > /b/f; head -c 5000 /dev/zero > /c/f; df --total -h /b /c",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"B                10M  1.2M  8.9M  12% /b\n" +
			"C               3.3M  8.0K  3.3M   1% /c\n" +
			"total            14M  1.2M   13M   9% -\n",
	},
	{
		name:   "human-rounding",
		script: "i=0; for s in 4k 512k 1020k 1023k 1m 1025k 9m 10236k 10244k 1000m 1023m 1g 1025m 9999m 123456k 12t; do i=$((i+1)); mkdir /m$i; mount -t tmpfs -o size=$s,nr_inodes=$((i*997)) t$s /m$i; done; head -c 500000 /dev/zero > /m3/f; head -c 1044000 /dev/zero > /m4/f; df -h /m1 /m2 /m3 /m4 /m5 /m6 /m7 /m8 /m9 /m10 /m11 /m12 /m13 /m14 /m15 /m16",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"t4k             4.0K     0  4.0K   0% /m1\n" +
			"t512k           512K     0  512K   0% /m2\n" +
			"t1020k         1020K  492K  528K  49% /m3\n" +
			"t1023k          1.0M 1020K  4.0K 100% /m4\n" +
			"t1m             1.0M     0  1.0M   0% /m5\n" +
			"t1025k          1.1M     0  1.1M   0% /m6\n" +
			"t9m             9.0M     0  9.0M   0% /m7\n" +
			"t10236k          10M     0   10M   0% /m8\n" +
			"t10244k          11M     0   11M   0% /m9\n" +
			"t1000m         1000M     0 1000M   0% /m10\n" +
			"t1023m         1023M     0 1023M   0% /m11\n" +
			"t1g             1.0G     0  1.0G   0% /m12\n" +
			"t1025m          1.1G     0  1.1G   0% /m13\n" +
			"t9999m          9.8G     0  9.8G   0% /m14\n" +
			"t123456k        121M     0  121M   0% /m15\n" +
			"t12t             12T     0   12T   0% /m16\n",
	},
	{
		name:   "si-rounding",
		script: "i=0; for s in 4k 512k 1020k 1023k 1m 1025k 9m 10236k 10244k 1000m 1023m 1g 1025m 9999m 123456k 12t; do i=$((i+1)); mkdir /m$i; mount -t tmpfs -o size=$s,nr_inodes=$((i*997)) t$s /m$i; done; head -c 500000 /dev/zero > /m3/f; head -c 1044000 /dev/zero > /m4/f; df -H /m1 /m2 /m3 /m4 /m5 /m6 /m7 /m8 /m9 /m10 /m11 /m12 /m13 /m14 /m15 /m16",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"t4k             4.1k     0  4.1k   0% /m1\n" +
			"t512k           525k     0  525k   0% /m2\n" +
			"t1020k          1.1M  504k  541k  49% /m3\n" +
			"t1023k          1.1M  1.1M  4.1k 100% /m4\n" +
			"t1m             1.1M     0  1.1M   0% /m5\n" +
			"t1025k          1.1M     0  1.1M   0% /m6\n" +
			"t9m             9.5M     0  9.5M   0% /m7\n" +
			"t10236k          11M     0   11M   0% /m8\n" +
			"t10244k          11M     0   11M   0% /m9\n" +
			"t1000m          1.1G     0  1.1G   0% /m10\n" +
			"t1023m          1.1G     0  1.1G   0% /m11\n" +
			"t1g             1.1G     0  1.1G   0% /m12\n" +
			"t1025m          1.1G     0  1.1G   0% /m13\n" +
			"t9999m           11G     0   11G   0% /m14\n" +
			"t123456k        127M     0  127M   0% /m15\n" +
			"t12t             14T     0   14T   0% /m16\n",
	},
	{
		name:   "inodes-human-rounding",
		script: "i=0; for s in 4k 512k 1020k 1023k 1m 1025k 9m 10236k 10244k 1000m 1023m 1g 1025m 9999m 123456k 12t; do i=$((i+1)); mkdir /m$i; mount -t tmpfs -o size=$s,nr_inodes=$((i*997)) t$s /m$i; done; head -c 500000 /dev/zero > /m3/f; head -c 1044000 /dev/zero > /m4/f; df -ih /m1 /m2 /m3 /m4 /m5 /m6 /m7 /m8 /m9 /m10 /m11 /m12 /m13 /m14 /m15 /m16",
		stdout: "Filesystem     Inodes IUsed IFree IUse% Mounted on\n" +
			"t4k               997     1   996    1% /m1\n" +
			"t512k            2.0K     1  2.0K    1% /m2\n" +
			"t1020k           3.0K     2  3.0K    1% /m3\n" +
			"t1023k           3.9K     2  3.9K    1% /m4\n" +
			"t1m              4.9K     1  4.9K    1% /m5\n" +
			"t1025k           5.9K     1  5.9K    1% /m6\n" +
			"t9m              6.9K     1  6.9K    1% /m7\n" +
			"t10236k          7.8K     1  7.8K    1% /m8\n" +
			"t10244k          8.8K     1  8.8K    1% /m9\n" +
			"t1000m           9.8K     1  9.8K    1% /m10\n" +
			"t1023m            11K     1   11K    1% /m11\n" +
			"t1g               12K     1   12K    1% /m12\n" +
			"t1025m            13K     1   13K    1% /m13\n" +
			"t9999m            14K     1   14K    1% /m14\n" +
			"t123456k          15K     1   15K    1% /m15\n" +
			"t12t              16K     1   16K    1% /m16\n",
	},
	{
		name:   "zero-blocks",
		script: "mkdir /r /q; mount -t ramfs ram /r; mount -t mqueue mq /q; df -T /r /q /proc; df -i /r /proc; df -h /r",
		stdout: "Filesystem     Type   1K-blocks  Used Available Use% Mounted on\n" +
			"ram            ramfs          0     0         0    - /r\n" +
			"mq             mqueue         0     0         0    - /q\n" +
			"proc           proc           0     0         0    - /proc\n" +
			"Filesystem     Inodes IUsed IFree IUse% Mounted on\n" +
			"ram                 0     0     0     - /r\n" +
			"proc                0     0     0     - /proc\n" +
			"Filesystem      Size  Used Avail Use% Mounted on\n" +
			"ram                0     0     0    - /r\n",
	},
	{
		name:   "select-type",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; mkdir /r; mount -t ramfs r /r; df -t tmpfs /m /r; df -x tmpfs /m /r; df -t ramfs -t proc -T /m /r /proc",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"t                   1024     0      1024   0% /m\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"r                      0     0         0    - /r\n" +
			"Filesystem     Type  1K-blocks  Used Available Use% Mounted on\n" +
			"r              ramfs         0     0         0    - /r\n" +
			"proc           proc          0     0         0    - /proc\n",
	},
	{
		name:   "select-none",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -t nosuch /m",
		stderr: "df: no file systems processed\n",
		exit:   1,
	},
	{
		name:   "select-and-exclude",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -t tmpfs -x tmpfs /m",
		stderr: "df: file system type 'tmpfs' both selected and excluded\n",
		exit:   1,
	},
	{
		name:   "missing",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df /nope /m/nope/ /m",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"t                   1024     0      1024   0% /m\n",
		stderr: "df: /nope: No such file or directory\n" +
			"df: /m/nope/: No such file or directory\n",
		exit: 1,
	},
	{
		name:   "not-a-directory",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; touch /m/f; df /m/f/",
		stderr: "df: /m/f/: Not a directory\n",
		exit:   1,
	},
	{
		name:   "device-operand",
		script: "mkdir /m /n; mount -t tmpfs -o size=1m /dev/null /m; mount -t tmpfs -o size=2m /dev/zero /n; mount -t tmpfs -o size=3m other /n; df /dev/null /dev/zero",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"/dev/null           1024     0      1024   0% /m\n",
		stderr: "df: cannot access '/dev/zero': over-mounted by another device\n",
		exit:   1,
	},
	{
		name:   "names",
		script: "mkdir /m '/sp ace' /c:o; mount -t tmpfs -o size=1m t /m; mount -t tmpfs -o size=2m 'a b' '/sp ace'; mount -t tmpfs -o size=3m x:y /c:o; ln -s /m /lnk; cd /m; mkdir sub; df . sub ../lnk '/sp ace' /c:o /c:o/nope",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"t                   1024     0      1024   0% /m\n" +
			"t                   1024     0      1024   0% /m\n" +
			"t                   1024     0      1024   0% /m\n" +
			"a b                 2048     0      2048   0% /sp ace\n" +
			"x:y                 3072     0      3072   0% /c:o\n",
		stderr: "df: '/c:o/nope': No such file or directory\n",
		exit:   1,
	},
	{
		name:   "output-errors",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df --output=foo /m; df --output=size,size /m; df -i --output /m; df --output -P /m; df -T --output /m",
		stderr: "df: option --output: field 'foo' unknown\n" +
			"Try 'df --help' for more information.\n" +
			"df: option --output: field 'size' used more than once\n" +
			"Try 'df --help' for more information.\n" +
			"df: options -i and --output are mutually exclusive\n" +
			"Try 'df --help' for more information.\n" +
			"df: options -P and --output are mutually exclusive\n" +
			"Try 'df --help' for more information.\n" +
			"df: options -T and --output are mutually exclusive\n" +
			"Try 'df --help' for more information.\n",
		exit: 1,
	},
	{
		name:   "option-errors",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -q /m; df --nope; df --h; df -B; df -Bx /m; df --block-size=2X /m; df -B 0 /m; df -B 99E /m",
		stderr: "df: invalid option -- 'q'\n" +
			"Try 'df --help' for more information.\n" +
			"df: unrecognized option '--nope'\n" +
			"Try 'df --help' for more information.\n" +
			"df: option '--h' is ambiguous; possibilities: '--human-readable' '--help'\n" +
			"Try 'df --help' for more information.\n" +
			"df: option requires an argument -- 'B'\n" +
			"Try 'df --help' for more information.\n" +
			"df: invalid -B argument 'x'\n" +
			"df: invalid suffix in --block-size argument '2X'\n" +
			"df: invalid -B argument '0'\n" +
			"df: -B argument '99E' too large\n",
		exit: 1,
	},
	{
		name:   "units-last-wins",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; df -kh /m; df -hk /m; df -m /m; df -HP /m",
		stdout: "Filesystem      Size  Used Avail Use% Mounted on\n" +
			"t               1.0M     0  1.0M   0% /m\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"t                   1024     0      1024   0% /m\n" +
			"Filesystem     1M-blocks  Used Available Use% Mounted on\n" +
			"t                      1     0         1   0% /m\n" +
			"Filesystem      Size  Used Avail Use% Mounted on\n" +
			"t               1.1M     0  1.1M   0% /m\n",
	},
	{
		name:   "environment",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; DF_BLOCK_SIZE=1M df /m; BLOCK_SIZE=1000 df /m; BLOCKSIZE=human-readable df /m; POSIXLY_CORRECT=1 df /m; POSIXLY_CORRECT=1 df -P /m",
		stdout: "Filesystem     1M-blocks  Used Available Use% Mounted on\n" +
			"t                      1     0         1   0% /m\n" +
			"Filesystem     1kB-blocks  Used Available Use% Mounted on\n" +
			"t                    1049     0      1049   0% /m\n" +
			"Filesystem      Size  Used Avail Use% Mounted on\n" +
			"t               1.0M     0  1.0M   0% /m\n" +
			"Filesystem     512B-blocks  Used Available Use% Mounted on\n" +
			"t                     2048     0      2048   0% /m\n" +
			"Filesystem     512-blocks  Used Available Capacity Mounted on\n" +
			"t                    2048     0      2048       0% /m\n",
	},
	{
		name:   "version",
		script: "df --version",
		stdout: "df (linuxvfs) " + applet.Version + "\n",
	},
	{
		name:   "help",
		script: "df --help | head -n 1; df --help | grep -c FIELDS",
		stdout: "Usage: df [OPTION]... [FILE]...\n1\n",
	},
	{
		name:   "stat-f-format",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; mkdir /r; mount -t ramfs r /r; stat -f -c '%n %t %T %b %f %a %s %S %c %d %l' /m /r /proc",
		stdout: "/m 1021994 tmpfs 256 256 256 4096 4096 100 99 255\n" +
			"/r 858458f6 ramfs 0 0 0 4096 4096 0 0 255\n" +
			"/proc 9fa0 proc 0 0 0 4096 4096 0 0 255\n",
	},
	{
		name:   "stat-f-flags",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; stat -f -c '[%10b] [%-10T] [%#t] [%+d] [%05s] [%Hd] [%z] [%%] [%-5.3n]' /m",
		stdout: "[       256] [tmpfs     ] [0x1021994] [+99] [04096] [?d] [?] [%] [/m   ]\n",
	},
	{
		name:   "stat-f-printf",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; stat -f --printf '%n\\t%T\\n' /m",
		stdout: "/m\ttmpfs\n",
	},
	{
		name:   "stat-f-errors",
		script: "stat -f /nope; stat -f -",
		stderr: "stat: cannot read file system information for '/nope': No such file or directory\n" +
			"stat: using '-' to denote standard input does not work in file system mode\n",
		exit: 1,
	},

	{
		name:   "all-bind-dedup",
		script: dfChroot + "mount -t tmpfs -o size=2m t /R/m; mkdir /R/m/sub; mount --bind /R/m/sub /R/b; chroot /R df -t tmpfs; chroot /R df -a -t tmpfs -t proc",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"t                   2048     0      2048   0% /m\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"proc                   0     0         0    - /proc\n" +
			"t                   2048     0      2048   0% /m\n" +
			"t                   2048     0      2048   0% /b\n",
		linuxvfsOnly: true,
	},
	{
		name:   "all-bind-shorter-target",
		script: dfChroot + "mkdir -p /R/n/deep/er; mount -t tmpfs -o size=2m t /R/n/deep/er; mount --bind /R/n/deep/er /R/b; chroot /R df -t tmpfs; chroot /R df -aT -t tmpfs",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"t                   2048     0      2048   0% /b\n" +
			"Filesystem     Type  1K-blocks  Used Available Use% Mounted on\n" +
			"R              tmpfs      1024     8      1016   1% /\n" +
			"t              tmpfs      2048     0      2048   0% /n/deep/er\n" +
			"t              tmpfs      2048     0      2048   0% /b\n",
		linuxvfsOnly: true,
	},
	{
		name:   "all-over-mounted",
		script: dfChroot + "mount -t tmpfs -o size=2m a /R/m; mount -t tmpfs -o size=3m b /R/m; chroot /R df -t tmpfs; chroot /R df -a -t tmpfs; chroot /R df -ah -t tmpfs --output=source,fstype,size,pcent,target",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"b                   3072     0      3072   0% /m\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"a                      -     -         -    - /m\n" +
			"b                   3072     0      3072   0% /m\n" +
			"Filesystem     Type   Size Use% Mounted on\n" +
			"R              tmpfs  1.0M   1% /\n" +
			"a              -         -    - /m\n" +
			"b              tmpfs  3.0M   0% /m\n",
		linuxvfsOnly: true,
	},
	{
		name:   "all-pseudo-remote-total",
		script: dfChroot + "mount -t ramfs r /R/m; mount -t tmpfs -o size=2m,nr_inodes=9 srv:/x /R/n; chroot /R df -t tmpfs -t ramfs -t proc; chroot /R df -a -t tmpfs -t ramfs -t proc; chroot /R df -l -t tmpfs; chroot /R df --total -t tmpfs -t proc; chroot /R df -ai -t ramfs -t proc; chroot /R df -x ext4 -x ext2 -x ext3 -x xfs -x btrfs -x overlay",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"srv:/x              2048     0      2048   0% /n\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"proc                   0     0         0    - /proc\n" +
			"r                      0     0         0    - /m\n" +
			"srv:/x              2048     0      2048   0% /n\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"srv:/x              2048     0      2048   0% /n\n" +
			"total               3072     8      3064   1% -\n" +
			"Filesystem     Inodes IUsed IFree IUse% Mounted on\n" +
			"proc                0     0     0     - /proc\n" +
			"r                   0     0     0     - /m\n" +
			"Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"R                   1024     8      1016   1% /\n" +
			"srv:/x              2048     0      2048   0% /n\n",
		linuxvfsOnly: true,
	},
	// A chroot whose root is no mount point of the table (here, no table
	// at all without /proc) makes df walk up to the mount point itself,
	// with "-" for source and type. Captured as the dfChroot cases.
	{
		name: "chroot-unlisted-root",
		script: "mkdir /m; mount -t tmpfs -o size=1m,nr_inodes=50 t /m; mkdir -p /m/r/bin /m/r/d /m/r/proc /m/r/lib64; " +
			"cp /usr/bin/df /m/r/bin/df; cp /lib64/ld-linux-x86-64.so.2 /m/r/lib64; touch /m/r/d/f; chroot /m/r df / /d/f; " +
			"mount -t proc p /m/r/proc; chroot /m/r df --output=source,fstype,size,used,file,target / /d/f /proc; " +
			"chroot /m/r df -t tmpfs",
		stdout: "Filesystem     1K-blocks  Used Available Use% Mounted on\n" +
			"-                   1024     8      1016   1% /\n" +
			"-                   1024     8      1016   1% /\n" +
			"Filesystem     Type 1K-blocks  Used File  Mounted on\n" +
			"-              -         1024     8 /     /\n" +
			"-              -         1024     8 /d/f  /\n" +
			"p              proc         0     0 /proc /proc\n",
		stderr: "df: Warning: cannot read table of mounted file systems: No such file or directory\n" +
			"df: no file systems processed\n",
		exit:         1,
		linuxvfsOnly: true,
	},
}

// TestStatFileSystemDefault checks stat -f's default format. A tmpfs has
// a random f_fsid (its superblock's UUID folded, as on Linux 6.7 and
// later); ramfs has the one simple_statfs gives, from its device number,
// so that ID is worked out from stat's %d.
func TestStatFileSystemDefault(t *testing.T) {
	got := runScript(t, "mkdir /m /r; mount -t tmpfs -o size=1m,nr_inodes=100 t /m; mount -t ramfs r /r; "+
		"stat -f /m /r; stat -c %d /m /r")
	lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
	if len(lines) != 12 {
		t.Fatalf("stdout:\n%s", got.stdout)
	}
	var ids [2]string
	for i, l := range lines[10:] {
		dev, err := strconv.ParseUint(l, 10, 64)
		if err != nil || dev>>8 != 0 {
			t.Fatalf("stat -c %%d gave %q", l)
		}
		ids[i] = fmt.Sprintf("%x00000000", dev)
	}
	tmpfsID, _, _ := strings.Cut(strings.TrimPrefix(lines[1], "    ID: "), " ")
	if _, err := strconv.ParseUint(tmpfsID, 16, 64); err != nil || tmpfsID == ids[0] {
		t.Errorf("tmpfs ID %q: want a random one, not the device's %s", tmpfsID, ids[0])
	}
	ids[0] = tmpfsID
	want := "  File: \"/m\"\n" +
		"    ID: " + ids[0] + " Namelen: 255     Type: tmpfs\n" +
		"Block size: 4096       Fundamental block size: 4096\n" +
		"Blocks: Total: 256        Free: 256        Available: 256\n" +
		"Inodes: Total: 100        Free: 99\n" +
		"  File: \"/r\"\n" +
		"    ID: " + ids[1] + " Namelen: 255     Type: ramfs\n" +
		"Block size: 4096       Fundamental block size: 4096\n" +
		"Blocks: Total: 0          Free: 0          Available: 0\n" +
		"Inodes: Total: 0          Free: 0\n"
	if out := strings.Join(lines[:10], "\n") + "\n"; out != want || got.stderr != "" || got.exit != 0 {
		t.Errorf("got stdout:\n%s\nstderr: %q exit %d\nwant stdout:\n%s", out, got.stderr, got.exit, want)
	}
}
