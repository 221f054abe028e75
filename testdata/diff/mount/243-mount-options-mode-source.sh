# mount --options-mode (ignore, append, prepend, replace: how an fstab or
# mount table entry's options join the command line's), --options-source
# (fstab, mtab, disable: where a half-named mount is looked up; mtab only
# for remounts) and --options-source-force (look up a fully named mount
# too, by source and target), with their "bad usage" for unknown words.
# Replace drops even the command line's "remount" (a new mount then).
mkdir -p /mnt; mount -t tmpfs top /mnt; mkdir /mnt/a /mnt/b /mnt/c
printf 'src /mnt/a tmpfs size=1m,nodev 0 0\nother /mnt/b tmpfs ro,noexec 0 0\n' > /tmp/tab
exec 2>&1
o() { findmnt -n -o SOURCE,OPTIONS "$1"; umount "$1"; }
echo A; mount -T /tmp/tab /mnt/a; echo rc=$?; o /mnt/a
echo B; mount -T /tmp/tab -o size=2m /mnt/a; echo rc=$?; o /mnt/a
echo C; mount -T /tmp/tab --options-mode append -o size=2m /mnt/a; echo rc=$?; o /mnt/a
echo D; mount -T /tmp/tab --options-mode prepend -o size=2m /mnt/a; echo rc=$?; o /mnt/a
echo E; mount -T /tmp/tab --options-mode replace -o size=2m,noatime /mnt/a; echo rc=$?; o /mnt/a
echo F; mount -T /tmp/tab --options-mode ignore -o size=2m /mnt/a; echo rc=$?; o /mnt/a
echo G; mount -T /tmp/tab --options-source disable /mnt/a; echo rc=$?
echo H; mount -T /tmp/tab --options-source mtab /mnt/a; echo rc=$?
echo I; mount -T /tmp/tab --options-source fstab /mnt/a; echo rc=$?; o /mnt/a
echo J; mount -T /tmp/tab --options-source fstab,mtab other; echo rc=$?; o /mnt/b
echo K; mount -T /tmp/tab --options-source-force -t tmpfs src /mnt/a; echo rc=$?; o /mnt/a
echo L; mount -T /tmp/tab --options-source-force -t tmpfs zzz /mnt/a; echo rc=$?; o /mnt/a
echo M; mount -T /tmp/tab --options-source-force -t tmpfs src /mnt/c; echo rc=$?; o /mnt/c
echo N; mount -t tmpfs x /mnt/c; mount -T /tmp/tab --options-source mtab -o remount,ro /mnt/c; echo rc=$?; o /mnt/c
echo O; mount -t tmpfs -o size=3m x /mnt/c; mount -T /tmp/tab --options-source mtab --options-mode replace -o remount,ro /mnt/c; echo rc=$?; o /mnt/c
echo P; mount --options-source '' -t tmpfs x /mnt/c; echo rc=$?; mount --options-source fstab, -t tmpfs x /mnt/c; echo rc=$?; o /mnt/c; mount --options-source ,fstab -t tmpfs x /mnt/c; echo rc=$?; o /mnt/c; mount --options-source fst -t tmpfs x /mnt/c; echo rc=$?
echo Q; mount --options-mode '' -t tmpfs x /mnt/c; echo rc=$?; mount --options-mode APPEND -t tmpfs x /mnt/c; echo rc=$?
echo R; mount -T /tmp/tab --options-source disable --options-source-force -t tmpfs src /mnt/a; echo rc=$?; o /mnt/a
echo S; mount -T /tmp/tab --options-mode ignore --bind /mnt/c /mnt/a; echo rc=$?; mount -T /tmp/tab --options-source-force --make-private /mnt/a; echo rc=$?
