# /proc/<pid>/fdinfo/N shows a descriptor's position, its flags in octal
# (O_LARGEFILE on every open of a file, O_APPEND and the access mode kept,
# O_CREAT and O_TRUNC dropped, O_CLOEXEC from the descriptor), the ID of
# the mount it was opened through and the inode number; pipe ends show
# 00 and 01. /proc/<pid>/mountstats has a line for each mount /proc/mounts
# lists. Modes: fdinfo 0555, its files 0444, mountstats 0400.
mkdir -p /mnt/a
mount -t tmpfs t /mnt/a
echo hello > /mnt/a/f
exec 3</mnt/a/f 4>>/mnt/a/f 5<>/mnt/a/f 6>/mnt/a/g
read x <&3
echo more >&5
# Mount IDs differ between the two systems: mnt_id is checked against
# mountinfo's.
for i in 3 4 5 6; do echo "== $i"; grep -v mnt_id /proc/$$/fdinfo/$i; done
exec 7</mnt/a
grep -v mnt_id /proc/$$/fdinfo/7
id=$(grep ' /mnt/a ' /proc/$$/mountinfo | cut -d' ' -f1)
for i in 3 4 5 6 7; do grep -x "mnt_id:	$id" /proc/$$/fdinfo/$i; done | uniq -c | sed 's/[0-9][0-9]*$/ID/'
stat -c '%i %n' /mnt/a/f /mnt/a/g /mnt/a
exec 8</dev/null
grep -E '^(pos|flags)' /proc/$$/fdinfo/8
echo x | { grep -E '^(pos|flags)' /proc/self/fdinfo/0; }
sleep 1 | grep -E '^(pos|flags)' /proc/$$/fdinfo/1 >/dev/null && echo pipe-ok
cd /proc/$$
cat fdinfo/99 2>&1; echo "status $?"
ls fdinfo/3 fdinfo/4
stat -c '%A %s %n' fdinfo fdinfo/3 mountstats
cd /
grep -c '' /proc/self/mounts /proc/self/mountstats | cut -d: -f2 | uniq | wc -l
grep ' /mnt/a ' /proc/self/mountstats
mount -t tmpfs 'x y' /mnt/a
grep 'x\\040y' /proc/self/mountstats
