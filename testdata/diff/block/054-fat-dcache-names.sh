# The names the dentry cache keeps on vfat and msdos (their d_hash and
# d_compare): vfat folds case (not with check=strict) and ignores final
# dots, and a lookup of a file by its other name (long name or 8.3
# alias) moves its dentry to that name, a directory's stays where it is;
# msdos compares formatted 8.3 names, so with dots a name and the same
# name with a leading dot are one name, and the first lookup (a miss
# too, as a negative dentry) answers for both. A dentry shows in the
# paths of descriptors and working directories.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
@mtools mattrib +h ::/UPPER.TXT
@mtools mattrib +h ::/sub
mkdir /a
fd() { if [ -e "$1" ]; then exec 3<"$1"; readlink /proc/self/fd/3; exec 3<&-; else echo "$1: cannot open"; fi; }
cwd() { cd "$1" && readlink /proc/self/cwd; cd /; }
mount -r /w/img /a
fd /a/README.TXT; fd /a/readme.txt; fd /a/Readme.Txt..
fd /a/ZBIG.BIN; fd /a/zbig.bin
fd /a/ARATHE~1.TEX; fd '/a/A Rather Long File Name.Text'; fd /a/arathe~1.tex; fd /a/ARATHE~1.TEX
cwd /a/SUB; cwd /a/sub; cwd /a/Sub/DEEP; cwd /a/sub/deep
fd /a/SUB/DEEP/F; fd /a/sub/deep/f
stat -c %n /a/readme.txt. /a/README.TXT... /a/nosuch /a/NOSUCH 2>&1
umount /a
mount -r -o check=s /w/img /a
fd /a/readme.txt.; fd /a/readme.txt; stat -c %n /a/README.TXT 2>&1
fd /a/arathe~1.tex; fd /a/ARATHE~1.TEX; fd '/a/a rather long file name.text'; fd /a/ARATHE~1.TEX
umount /a
mount -t msdos -r /w/img /a 2>&1; echo "msdos without loop: $?"
mount -t msdos -r -o loop,dots /w/img /a
stat -c %n /a/upper.txt /a/.upper.txt 2>&1
stat -c %n /a/.sub /a/sub 2>&1
cwd /a/.sub; cwd /a/.SUB; cwd /a/sub
fd /a/.SUB/deep/f; fd /a/sub/DEEP/F
fd /a/readme.txt; fd /a/.readme.txt; fd /a/README.TXT
umount /a
mount -t msdos -r -o loop,dots /w/img /a
stat -c %n /a/.upper.txt /a/upper.txt /a/UPPER.TXT 2>&1
umount /a
mount -t msdos -r -o loop,nodots /w/img /a
stat -c %n /a/upper.txt /a/.upper.txt /a/sub 2>&1
umount /a
mount -t msdos -r -o loop,nocase /w/img /a
fd /a/README.TXT; stat -c %n /a/readme.txt 2>&1
umount /a
