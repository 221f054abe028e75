# Listings, stat, statx btime, statfs and mountinfo of a vfat image, with
# attributes set (read-only, hidden, system), default options.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
@mtools mattrib +r ::/readme.txt
@mtools mattrib +h ::/UPPER.TXT
@mtools mattrib +s ::/run.bat
@mtools mattrib +r ::/sub
@mtools mattrib +a ::/empty
mkdir /a
mount -r /w/img /a; echo "mount $?"
cd /a
ls -lAn --full-time . sub sub/deep
ls -liAn . | sed 's/ \+/ /g'
find . -printf '%p %i %m %n %U %G %s %b %T+ %A+ %C+\n' | sort
stat -c '%n|%s|%b|%B|%o|%f|%h|%W|%w|%X|%Y|%Z' . sub sub/deep readme.txt 'a rather long file name.text' empty UPPER.TXT run.bat sub/résumé.doc
stat -f -c '%t %b %f %a %c %d %s %S %l %T' . sub
awk '$5=="/a" {for (i=6;i<=NF;i++) if ($i=="-") {print $6, $(i+1), $(i+3); break}}' /proc/self/mountinfo
md5sum * sub/* sub/deep/* 2>&1
ls -d sub/RÉSUMÉ.DOC sub/résumé.doc. SUB/DEEP/F MIXEDCASE.TXT mixedcase.txt A\ RATHER\ LONG\ FILE\ NAME.TEXT arathe~1.tex ARATHE~1.TEX arathe~1.tex. 'a rather long file name.text...' 2>&1
cat 'readme.txt/' readme.txt/. nosuch/x 2>&1
touch readme.txt 2>&1; mkdir x 2>&1; rm empty 2>&1; ln readme.txt r2 2>&1; mv run.bat r 2>&1
cd /; umount /a; echo "umount $?"
