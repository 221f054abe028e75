// SPDX-License-Identifier: Apache-2.0

package utillinux

// Our own --help texts for the mount tools: what each applet accepts here,
// in our words. The options follow util-linux 2.38 (and coreutils 9.1 for
// chroot); the texts do not.
var helpTexts = map[string]string{
	"lsns": `Usage: lsns [OPTION]... [NAMESPACE]
List the namespaces the processes are in, each shown through its first
process; with NAMESPACE (an inode number), the processes inside it.

  -t, --type TYPE        only namespaces of this type (mnt, net, ipc,
                         user, pid, uts, cgroup, time); repeatable
  -p, --task PID         only the namespaces of this process
  -o, --output COLS      these columns (+COLS: added to the default ones)
      --output-all       every column
  -l, --list  -r, --raw  -J, --json
                         a flat list, raw cells, or JSON
  -n, --noheadings       no header line
  -u, --notruncate  -W, --nowrap
                         accepted: nothing is truncated here
  -h, --help             show this help;  -V, --version: the version
`,
	"mount": `Usage: mount [OPTION]... [SOURCE] [DIRECTORY]
       mount --bind|--rbind|--move OLD NEW
       mount --make-[r]shared|slave|private|unbindable DIRECTORY
Attach a file system to the tree, or change an attached one. Without
arguments, list what is mounted.

  -t, --types TYPE       file system type (tried from /proc/filesystems
                         when left out)
  -o, --options LIST     comma-separated mount options (ro, remount,
                         loop, offset=, size=, ...)
  -r, --read-only        mount read-only;  -w, --rw: read-write
  -B, --bind, -R, --rbind, -M, --move
                         graft a tree elsewhere, or move a mount
  -a, --all              mount what /etc/fstab lists
  -f, --fake  -n, --no-mtab  -v, --verbose  -l, --show-labels
      --source SRC, --target DIR
                         name the source or the mountpoint explicitly
      --options-mode ignore|append|prepend|replace
                         how options from fstab join the given ones
      --options-source fstab,mtab|disable
                         where a half-named mount is looked up;
      --options-source-force: a fully named one too
  -N, --namespace PID|FILE
                         mount in that mount namespace
  -h, --help             show this help;  -V, --version: the version
`,
	"umount": `Usage: umount [OPTION]... DIRECTORY|SOURCE...
Detach file systems from the tree.

  -l, --lazy             detach now, release when no longer busy
  -f, --force            force (MNT_FORCE)
  -R, --recursive        the mounts below the target too
  -d, --detach-loop      free the loop device as well
  -a, --all              every mount (with -t, -O: the matching ones)
  -t, --types LIST  -O, --test-opts LIST
                         restrict -a to these types or options
  -c, --no-canonicalize  -n, --no-mtab  -r, --read-only  -v, --verbose
  -q, --quiet            no "not mounted" complaints
  -N, --namespace PID|FILE
                         unmount in that mount namespace
  -h, --help             show this help;  -V, --version: the version
`,
	"findmnt": `Usage: findmnt [OPTION]... [SOURCE|TARGET [TARGET]]
List mounted file systems as a tree (or a list), or find one.

  -l, --list  -r, --raw  -J, --json  -P, --pairs
                         list, raw, JSON or KEY="value" output
  -o, --output COLS      these columns;  --output-all: every column
  -n, --noheadings       no header line
  -t, --types LIST  -O, --options LIST
                         only these types, or mounts with these options
  -S, --source SRC  -T, --target PATH  -M, --mountpoint DIR
                         match on the source, the path or the mountpoint
  -f, --first-only  -u, --notruncate  -a, --ascii  -v, --nofsroot
      --pseudo  --real  --shadowed  -R, --submounts
  -D, --df               room on each file system, as df shows it
  -U, --uniq             one entry per mountpoint: the last one
  -s, --fstab  -F, --tab-file FILE
                         read fstab, or FILE, instead of the kernel
  -x, --verify           check an fstab (or -F FILE) for mistakes;
      --verbose          and tell what is right too
  -h, --help             show this help;  -V, --version: the version
`,
	"unshare": `Usage: unshare [OPTION]... [COMMAND [ARGUMENT]...]
Run COMMAND (a shell by default) in new namespaces.

  -m, --mount[=FILE]     a new mount namespace
  -u, --uts, -i, --ipc, -n, --net, -p, --pid, -U, --user, -C, --cgroup,
  -T, --time             other namespaces
      --propagation private|shared|slave|unchanged
                         how the new namespace's mounts propagate
                         (private and recursive by default)
  -f, --fork             run COMMAND in a child
      --mount-proc[=DIR] mount a fresh proc (on /proc by default)
  -R, --root DIR  -w, --wd DIR
                         the root and working directory of COMMAND
  -h, --help             show this help;  -V, --version: the version
`,
	"nsenter": `Usage: nsenter [OPTION]... [PROGRAM [ARGUMENT]...]
Run PROGRAM (a shell by default) in the namespaces of another process, or
of namespace files.

  -t, --target PID       the process whose namespaces, root and working
                         directory the options below take by default
  -a, --all              every namespace of PID that differs
  -m, --mount[=FILE]  -u, --uts[=FILE]  -i, --ipc[=FILE]  -U, --user[=FILE]
  -n, --net[=FILE]  -p, --pid[=FILE]  -C, --cgroup[=FILE]  -T, --time[=FILE]
                         join that namespace (PID's, or FILE's)
  -S, --setuid UID  -G, --setgid GID
                         the ids to take (0 after joining a user namespace)
      --preserve-credentials
                         keep the ids as they are
  -r, --root[=DIR]  -w, --wd[=DIR]
                         root and working directory (PID's, or DIR)
  -W, --wdns DIR         working directory inside the new root
  -F, --no-fork          do not fork (nsenter forks only for -p)
  -Z, --follow-context   (no SELinux here: ignored)
  -h, --help             show this help;  -V, --version: the version
`,
	"setsid": `Usage: setsid [OPTION]... PROGRAM [ARGUMENT]...
Run PROGRAM as the leader of a new session (and process group).

  -c, --ctty             take standard input as controlling terminal
  -f, --fork             run PROGRAM in a child process in any case
  -w, --wait             wait for that child and exit with its status
  -h, --help             show this help;  -V, --version: the version
`,
	"setpriv": `Usage: setpriv [OPTION]... PROGRAM [ARGUMENT]...
Run PROGRAM with other user and group IDs, capabilities and securebits,
or show those of this process.

  -d, --dump             show the current settings (-dd, -ddd: more)
      --nnp, --no-new-privs
                         set no_new_privs
      --ruid ID  --euid ID  --reuid ID
                         real, effective, or both user IDs (or names)
      --rgid ID  --egid ID  --regid ID
                         the same for group IDs; one of the group
                         options below must go with them
      --clear-groups  --keep-groups  --init-groups  --groups LIST
                         no supplementary groups, the current ones,
                         those of the user (--ruid), or these
      --inh-caps LIST  --ambient-caps LIST  --bounding-set LIST
                         change a capability set: +NAME, -NAME, +all...
      --list-caps        print the capability names known
      --securebits LIST  +noroot, -no_setuid_fixup, -all...
      --pdeathsig keep|clear|SIGNAL
                         the signal to get when the parent dies
      --reset-env        a clean environment for the user
      --selinux-label L  --apparmor-profile P
                         (neither is running here)
  -h, --help             show this help;  -V, --version: the version
`,
	"chroot": `Usage: chroot [OPTION]... NEWROOT [COMMAND [ARG]...]
Run COMMAND (a shell by default) with NEWROOT as its root directory.

      --groups=G1,G2     supplementary groups
      --userspec=USER:GROUP
                         the user and group to run as
      --skip-chdir       keep the working directory
      --help             show this help
      --version          show the version
`,
	"losetup": `Usage: losetup [OPTION]... [LOOPDEV]
       losetup [OPTION]... -f|LOOPDEV FILE
Attach files to loop devices, detach them, or list them.

  -f, --find             the first free device (with FILE: attach to it)
      --show             print the device attached (with -f)
  -d, --detach LOOPDEV...  -D, --detach-all
                         detach the given devices, or all of them
  -a, --all  -j, --associated FILE
                         list every device in use, or those using FILE
  -c, --set-capacity LOOPDEV
                         pick up a change of the backing file's size
  -o, --offset N  --sizelimit N
                         use the file from byte N on, at most N bytes
  -b, --sector-size N    N-byte logical blocks for the device
  -r, --read-only  -P, --partscan  -L, --nooverlap  -v, --verbose
      --direct-io[=on|off]
                         read and write the file with O_DIRECT
  -l, --list  -J, --json  --raw  -n, --noheadings
  -O, --output COLS  --output-all
                         list formats and columns
  -h, --help             show this help;  -V, --version: the version
`,
	"blkid": `Usage: blkid --label LABEL | --uuid UUID
       blkid [-c FILE] [-ghlLv] [-o FORMAT] [-s TAG] [-t NAME=VALUE] [DEVICE]...
       blkid -p [-s TAG] [-O OFFSET] [-S SIZE] [-o FORMAT] DEVICE...
       blkid -i [-s TAG] [-o FORMAT] DEVICE...
Tell what a block device or image holds: its file system type, label,
UUID, partition table. Without devices, every block device is looked at.
Nothing is cached here: each run probes afresh.

  -c, --cache-file FILE  accepted; no cache is kept
  -d, --no-encoding      print values as they are
  -g, --garbage-collect  nothing to collect: does nothing
  -o, --output FORMAT    full (default), value, device, export, udev, list
  -k, --list-filesystems the signatures known, and exit
  -s, --match-tag TAG    show only this tag (repeatable)
  -t, --match-token N=V  only devices with this tag and value
  -l, --list-one         with -t: the first such device only
  -L, --label LABEL  -U, --uuid UUID
                         print the device with this label or UUID
  -p, --probe            look at the device itself, with every value
  -i, --info             its I/O limits
  -O, --offset N  -S, --size N
                         probe only this part of the device (with -p)
  -u, --usages LIST  -n, --match-types LIST
                         only these uses or types ("no" before: all others)
  -D, --no-part-details  leave out the partition entry's values
  -h, --help             show this help;  -V, --version: the version
`,
	"lsblk": `Usage: lsblk [OPTION]... [DEVICE]...
List block devices as sysfs describes them, with where they are mounted.

  -o, --output COLS      these columns (+COLS: the default ones and these)
  -O, --output-all       every column
  -f, --fs  -m, --perms  -t, --topology  -D, --discard  -z, --zoned
  -S, --scsi             column sets: file systems, node owner and mode,
                         queue limits, discards, zones, SCSI devices
  -l, --list  -r, --raw  -J, --json  -P, --pairs  -y, --shell
  -n, --noheadings  -i, --ascii  -T, --tree[=COL]  -w, --width N
                         output formats
  -a, --all              empty devices too
  -A, --noempty          no empty device, not even with -a
  -b, --bytes            sizes in bytes
  -d, --nodeps  -s, --inverse  -M, --merge
                         (no device here has holders or partitions)
  -e, --exclude LIST  -I, --include LIST
                         leave out, or keep only, these major numbers
                         (RAM disks, major 1, are left out by default)
  -p, --paths            names as paths in /dev
  -x, --sort COL         sort by COL (by MAJ:MIN otherwise)
  -E, --dedup COL        one device for each value of COL
  -h, --help             show this help;  -V, --version: the version
`,
	"pivot_root": `Usage: pivot_root NEW_ROOT PUT_OLD
Make NEW_ROOT the root mount of this namespace and move the old root
mount to PUT_OLD.

  -h, --help             show this help;  -V, --version: the version
`,
	"dmesg": `Usage: dmesg [OPTION]...
Print the kernel's message log, or control it and the console.

  -C, --clear  -c, --read-clear
                         empty the log (after printing it, with -c)
  -l, --level LIST  -f, --facility LIST  -k, --kernel  -u, --userspace
                         only these levels or facilities (names or
                         numbers: emerg alert crit err warn notice info
                         debug; kern user mail daemon ... ftp)
  -x, --decode           put facility and level before each message
  -r, --raw              "<PRIORITY>[TIME] message", as syslog has it
  -t, --notime  -T, --ctime  -e, --reltime  -d, --show-delta
      --time-format notime|ctime|delta|reltime|iso
                         how the time of each message is shown
  -p, --force-prefix     the time on every line of a long message
  -J, --json             JSON output;  --noescape: print bytes as they are
  -S, --syslog           take the messages from syslog(2), not /dev/kmsg
  -F, --file FILE        read a saved log instead
  -n, --console-level LEVEL  -D, --console-off  -E, --console-on
                         what the console shows
  -s, --buffer-size N  -P, --nopager  -H, --human  -L, --color[=WHEN]
                         accepted
  -h, --help             show this help;  -V, --version: the version
`,
	"prlimit": `[OPTION]... [--pid PID | COMMAND [ARG]...]
Show the resource limits of a process (this one, or PID), or set them;
with COMMAND, run it under the limits set.

A resource option without a value puts that limit in the table; with
one (-nVALUE, --nofile=VALUE) it sets the limit: SOFT:HARD, SOFT: or
:HARD (the other kept), or one value for both; "unlimited" for none.

  -v, --as  -c, --core  -t, --cpu  -d, --data  -f, --fsize  -x, --locks
  -l, --memlock  -q, --msgqueue  -e, --nice  -n, --nofile  -u, --nproc
  -m, --rss  -r, --rtprio  -y, --rttime  -i, --sigpending  -s, --stack
                         the resources
  -p, --pid PID          the process whose limits these are
  -o, --output COLS      these columns (RESOURCE, DESCRIPTION, SOFT,
                         HARD, UNITS)
      --noheadings       no header line
      --raw              cells separated by one space, blanks escaped
      --verbose          say each limit set
  -h, --help             show this help;  -V, --version: the version
`,
	"ipcs": `[-m|-q|-s|-a] [-t|-p|-c|-l|-u] [--human|-b]
       ipcs -m|-q|-s -i ID
Show the System V IPC objects of this IPC namespace: message queues,
shared memory segments and semaphore arrays (all three by default).

  -i, --id ID        one object in detail (with one of -m, -q, -s)
  -m, --shmems       shared memory segments
  -q, --queues       message queues
  -s, --semaphores   semaphore arrays
  -a, --all          all three
  -t, --time         times of the last operations and change
  -p, --pid          creating and last operating processes
  -c, --creator      creators and owners
  -l, --limits       the namespace's limits
  -u, --summary      how much is in use
      --human        sizes with units
  -b, --bytes        sizes in bytes
  -h, --help         show this help;  -V, --version: the version
`,
	"ipcmk": `[-M SIZE] [-Q] [-S NUMBER] [-p MODE]
Make System V IPC objects under random keys and print their ids.

  -M, --shmem SIZE        a shared memory segment of SIZE bytes (K, M, G...)
  -Q, --queue             a message queue
  -S, --semaphore NUMBER  an array of NUMBER semaphores
  -p, --mode MODE         octal permissions (0644 without)
  -h, --help              show this help;  -V, --version: the version
`,
	"ipcrm": `[-m|-q|-s ID] [-M|-Q|-S KEY] [-a[=shm|msg|sem]] [-v]
       ipcrm shm|msg|sem ID...
Remove System V IPC objects.

  -m, --shmem-id ID         the shared memory segment ID
  -M, --shmem-key KEY       the shared memory segment of KEY
  -q, --queue-id ID         the message queue ID
  -Q, --queue-key KEY       the message queue of KEY
  -s, --semaphore-id ID     the semaphore array ID
  -S, --semaphore-key KEY   the semaphore array of KEY
  -a, --all[=KIND]          every object (of one kind: shm, msg or sem)
  -v, --verbose             say what is removed
  -h, --help                show this help;  -V, --version: the version
`,
	"lsipc": `[-m|-q|-s] [-g] [-i ID] [OPTION]...
List the System V IPC objects of this IPC namespace, or its limits and
how much of them is used (the default, or -g).

  -m, --shmems            shared memory segments
  -q, --queues            message queues
  -s, --semaphores        semaphore arrays
  -g, --global            limits and usage (with -m, -q, -s: theirs)
  -i, --id ID             one object, field by field
  -b, --bytes             sizes in bytes
  -c, --creator           add the creator's and owner's IDs
  -t, --time              add the times
      --time-format FMT   short, full or iso
  -o, --output LIST       the columns (+LIST: added to the others)
  -P, --numeric-perms     permissions in octal
  -J, --json              JSON
  -r, --raw               raw cells
      --noheadings        no header line
  -h, --help              show this help;  -V, --version: the version
`,
	"mountpoint": `Usage: mountpoint [-q] [-d] [--nofollow] DIRECTORY|FILE
       mountpoint -x DEVICE
Report whether a path is a mountpoint (exit status 0) or not (32).

  -q, --quiet            say nothing, only set the exit status
  -d, --fs-devno         print MAJ:MIN of the file system holding it
  -x, --devno            print MAJ:MIN of the block device DEVICE
      --nofollow         a symbolic link DIRECTORY is not followed
  -h, --help             show this help;  -V, --version: the version
`,
}

// warnf is util-linux's warnx: "NAME: message" on standard error.
func (c *cmd) warnf(format string, a ...any) { c.Errorf(format, a...) }

// tryHelp is util-linux's errtryhelp: the hint after a usage error, and
// the status to exit with.
func (c *cmd) tryHelp(code int) int {
	c.Out.Flush()
	c.TryHelp()
	return code
}

// badUsage is "NAME: bad usage" followed by the hint.
func (c *cmd) badUsage(code int) int {
	c.warnf("bad usage")
	return c.tryHelp(code)
}
