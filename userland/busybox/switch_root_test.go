// SPDX-License-Identifier: Apache-2.0

package busybox_test

import "testing"

// TestSwitchRoot: busybox's switch_root refuses (with its synopsis) a new
// root that is no mount and a caller that is not pid 1, and a root
// without /init as a regular file; then it deletes the old root's files
// but not its directories (the program files in /usr/bin go, /usr stays),
// nor what other filesystems hold, moves no mounts, and runs the new init
// as pid 1 in the new root (whose programs need their loader there).
func TestSwitchRoot(t *testing.T) {
	script := `mkdir -p /nr /notmount; mount -t tmpfs t /nr
mkdir -p /nr/old /nr/proc /nr/bin /keep/deep; mount --bind / /nr/old; mount -t tmpfs k /keep/deep
cp /usr/bin/ls /usr/bin/tr /usr/bin/sh /nr/bin
mkdir /nr/lib64; cp /lib64/ld-linux-x86-64.so.2 /nr/lib64
mount -t proc proc /proc
touch /keep/deep/file /keep/f; ln -s /x /lnk
(busybox switch_root /nr /init); echo "child $?"
(exec busybox switch_root /notmount /init); echo "notmount $?"
touch /init
cat > /nr/init <<'EOF2'
#!/bin/sh
echo "new init $$: $1"
ls /old /old/keep /proc | tr '\n' ' '; echo
EOF2
chmod +x /nr/init
exec busybox switch_root /nr /init arg1
echo not reached
`
	want := `Usage: switch_root [-c CONSOLE_DEV] NEW_ROOT NEW_INIT [ARGS]
child 1
Usage: switch_root [-c CONSOLE_DEV] NEW_ROOT NEW_INIT [ARGS]
notmount 1
new init 1: arg1
/old: dev etc keep mnt notmount nr proc run sys tmp usr  /old/keep: deep  /proc: 
`
	check(t, run(t, script), want)
	check(t, run(t, "mkdir /nr; mount -t tmpfs t /nr; exec busybox switch_root /nr /init"),
		"switch_root: '/init' is not a regular file\n")
}
