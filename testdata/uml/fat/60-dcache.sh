# Names the dentry cache keeps: vfat's case-insensitive d_compare and its
# lookup that reuses an alias (long name vs 8.3 alias), msdos's d_compare
# on the formatted 8.3 name (with dots: a leading dot dropped).
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
@mtools mattrib +h ::/UPPER.TXT
mkdir /a
mount -r /w/img /a
cd /a/SUB; pwd; cd /a/sub; pwd; cd /a/Sub/DEEP; pwd; cd /a/sub/deep; pwd; cd /
realpath /a/sub /a/SUB/deep /a/sub/DEEP/F
cd /a/SUB/.; pwd; cd /a/sub./deep..; pwd 2>&1; cd /
ls -d /a/ARATHE~1.TEX /a/'a rather long file name.text' /a/arathe~1.tex
realpath /a/ARATHE~1.TEX /a/'A RATHER LONG FILE NAME.TEXT'
exec 3</a/ARATHE~1.TEX; ls -l /proc/self/fd/3 | sed 's/.*-> //'; ls -d /a/'a rather long file name.text' >/dev/null; ls -l /proc/self/fd/3 | sed 's/.*-> //'; exec 3<&-
exec 3</a/readme.txt; ls -l /proc/self/fd/3 | sed 's/.*-> //'; cat /a/README.TXT >/dev/null; ls -l /proc/self/fd/3 | sed 's/.*-> //'; exec 3<&-
cd /a/sub/deep; pwd; ls /a/SUB >/dev/null; cd ../..; pwd; cd /
umount /a
mount -t msdos -r -o loop,dots /w/img /a
stat -c %n /a/.upper.txt /a/upper.txt /a/UPPER.TXT 2>&1
umount /a
mount -t msdos -r -o loop,dots /w/img /a
stat -c %n /a/upper.txt /a/.upper.txt 2>&1
cd /a/SUB; pwd; cd /a/sub; pwd; cd /
exec 3</a/readme.txt; ls -l /proc/self/fd/3 | sed 's/.*-> //'; exec 3<&-
exec 3</a/README.TXT; ls -l /proc/self/fd/3 | sed 's/.*-> //'; exec 3<&-
umount /a
mount -t msdos -r -o loop,nocase /w/img /a
stat -c %n /a/README.TXT /a/readme.txt 2>&1
umount /a
