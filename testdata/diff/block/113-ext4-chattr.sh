# Inode flags on ext4 (i_flags on disk): lsattr shows the extents flag of
# what mke2fs wrote, and a directory's flags; chattr stores what ext4
# lets be changed (compression and secure-deletion flags included, which
# ext4 only keeps), refuses what it cannot (+C: EOPNOTSUPP; +T or +P on a
# file; +j: EPERM; +F without casefold), drops what it only shows (+m),
# converts small files and directories between extents and a block map
# (-e, +e, =), keeps an immutable inode from other changes, gives new
# inodes their directory's inheritable flags by type, and the flags and
# the converted maps survive an unmount. The generation is readable
# (lsattr -v) but metadata checksums forbid setting it; no project quota.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext4 8M small
mkdir /a
mount /w/img /a; echo "mount $?"
cd /a
lsattr -d . d top two-blocks; lsattr; echo "rc=$?"
lsattr -p top; chattr -v 5 top; echo "rc=$?"; chattr -p 5 top; echo "rc=$?"
chattr +c top; echo "rc=$?"; chattr +j top; echo "rc=$?"; chattr +x top; echo "rc=$?"
chattr +F d; echo "rc=$?"; chattr +D top; echo "rc=$?"; chattr +D d; echo "rc=$?"
chattr +T d; echo "rc=$?"; chattr +T top; echo "rc=$?"; chattr +tsuS top; echo "rc=$?"
chattr -e top; echo "rc=$?"; chattr +e top; echo "rc=$?"; chattr +m top; echo "rc=$?"
chattr +P d; echo "rc=$?"; chattr +C top; echo "rc=$?"; chattr +P top; echo "rc=$?"
lsattr top d; lsattr -l top
chattr +i top; chattr +d top; echo "rc=$?"; chattr -i top; echo "rc=$?"
chattr +dA d; touch d/n; mkdir d/sd; mkfifo d/fp; ln -s x d/sl; lsattr d; lsattr -d d/sd
chattr +ia two-blocks; echo x >> two-blocks; echo "rc=$?"; rm two-blocks; echo "rc=$?"
cd /; umount /a; mount /w/img /a; cd /a
lsattr top two-blocks d/n; lsattr -d d d/sd
echo x >> two-blocks; echo "rc=$?"; rm two-blocks; echo "rc=$?"
chattr -R = /a 2>/dev/null; lsattr top two-blocks d/n; lsattr -d d d/sd
cat top d/hello; cksum two-blocks; ls d; echo more >> two-blocks; mkdir d/new
cd /; umount /a; mount /w/img /a
lsattr /a/top /a/d; cat /a/top; cksum /a/two-blocks; ls /a/d
chattr +e /a/top /a/d /a/two-blocks; echo "rc=$?"; lsattr -d /a/top /a/d /a/two-blocks; cat /a/top /a/d/hello
umount /a; umount /w
