# A vfat image made by mkfs.vfat and mcopy, mounted read-only: readdir in
# on-disk order with "." and ".." first (the root's made up), long names,
# short names shown by their case bits, lookups that ignore ASCII case
# and trailing dots, modes from the default masks, sizes, blocks, times
# (mtime to 2 s, atime a date, ctime = mtime, btime the creation time),
# link counts, reads across clusters, and EROFS for changes.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
mkdir /a
mount -r /w/img /a; echo "mount $?"
findmnt -no FSTYPE,OPTIONS /a
ls -fa /a | tr '\n' '|'; echo
ls -fa /a/sub | tr '\n' '|'; echo
cd /a
stat -c '%n %f %h %u %g %s %b %B %o' . sub sub/deep * sub/* | sort
stat -c '%n %y %x %z' readme.txt sub/deep/f
stat -c '%n %Y %X %Z' . sub
cat README.TXT Readme.Txt. mixedcase.txt; md5sum 'a rather long file name.text' ARATHE~1.TEX
cat sub/résumé.doc; cat sub/RÉSUMÉ.doc 2>&1
ls -l run.bat empty | cut -d' ' -f1,5
touch readme.txt 2>&1; mkdir x 2>&1; rm empty 2>&1
cd /; umount /a; echo "umount $?"
