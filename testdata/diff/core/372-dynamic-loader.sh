# The programs are dynamically linked: execve opens the loader they name
# (/lib64/ld-linux-x86-64.so.2, a link into the multiarch directory) in
# the caller's root, so a copy of a program in a chroot, or the old
# root's programs run after pivot_root, fail with ENOENT: dash says "not
# found", bash names the file, chroot and env their own way, status 127.
readlink /lib64 /usr/lib64/ld-linux-x86-64.so.2
test -x /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 && echo "the loader is an executable file"
mkdir -p /tmp/c/bin && cp /usr/bin/ls /usr/bin/cat /tmp/c/bin/
chroot /tmp/c /bin/ls; echo "chroot $?"
chroot /tmp/c /bin/cat /nothing; echo "chroot cat $?"
cp /usr/bin/true /tmp/c/t; /tmp/c/t; echo "copy in place $?"
mkdir -p /mnt2
unshare -m sh -c '
mount -t tmpfs nr /mnt2
mkdir /mnt2/old
cd /mnt2 && pivot_root . old && cd / && echo pivoted
/old/usr/bin/ls -d /old; echo "dash: $?"
/old/usr/bin/bash -c "echo never"; echo "bash: $?"
/old/usr/bin/env true; echo "env: $?"
' 2>&1
