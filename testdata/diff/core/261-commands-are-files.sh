# A command is a file found along PATH: the programs are files in
# /usr/bin and /usr/sbin (/bin and /sbin are links there), command -v,
# type and which name the file found, a copy under another name runs the
# same program, a directory or a file without x on PATH is passed over
# (and reported as denied when nothing else answers), and a root without
# the files has no commands at all. (A program copied into a chroot is
# not tried: the host's need their shared libraries.)
ls /
readlink /bin /sbin /lib /lib64
command -v ls losetup sh cat
type mount pivot_root
which -a ls blkid
test -x /usr/bin/ls && test -f /usr/bin/ls && echo "ls is an executable file"
mkdir -p /tmp/p/ls.d
cp /usr/bin/ls /tmp/p/myls; /tmp/p/myls -d /tmp; PATH=/tmp/p:$PATH myls -d /usr
echo 'echo from script "$0"' > /tmp/p/scr; chmod +x /tmp/p/scr; PATH=/tmp/p:$PATH scr
echo 'echo never' > /tmp/p/nox; (PATH=/tmp/p:$PATH; nox; echo "nox $?")
mkdir /tmp/p/dir; (PATH=/tmp/p; dir; echo "dir $?")
(PATH=/nonexistent; ls; echo "ls $?"; /usr/bin/ls -d /; echo "by path $?")
(PATH=/nonexistent; command -v ls; echo "command -v $?")
env PATH=/nonexistent ls; echo "env $?"
env -i ls -d /; echo "env -i $?"
mkdir -p /mnt/r && mount -t tmpfs r /mnt/r
chroot /mnt/r ls; echo "chroot $?"
chroot /mnt/r /bin/cat /nothing; echo "chroot cat $?"
umount /mnt/r
for sh in sh bash; do
	$sh -c 'PATH=/nonexistent; ls' 2>&1; echo "$sh: $?"
	$sh -c 'PATH=/tmp/p; nox' 2>&1; echo "$sh: $?"
	$sh -c 'PATH=/tmp/p; dir' 2>&1; echo "$sh: $?"
	$sh -c 'type ls; command -V cat' 2>&1
done
