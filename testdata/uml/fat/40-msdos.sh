# msdos: mount options, listings, lookups of 8.3 names.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
@mtools mattrib +h ::/UPPER.TXT
@mtools mattrib +r ::/readme.txt
mkdir /a
for o in defaults nocase dots nodots dotsOK=yes dotsOK=no check=s check=r check=n uid=3,gid=4,umask=0 showexec quiet tz=UTC time_offset=30 \
	fmask=0,dmask=0 iocharset=utf8 utf8 shortname=lower codepage=437 nfs=stale_rw,usefree,discard,flush,sys_immutable; do
	mount -t msdos -r -o loop,$o /w/img /a 2>&1; echo "$o: $?"
	awk '$5=="/a" {for (i=6;i<=NF;i++) if ($i=="-") {print $6, $(i+1), $(i+3); break}}' /proc/self/mountinfo
	ls -fa /a /a/sub 2>&1 | tr '\n' ' '; echo
	stat -c '%n %f %s %u %g %Y %X %Z %W' /a/README.TXT /a/readme.txt /a/arathe~1.tex /a/.upper.txt /a/upper.txt /a/readme.txt. /a/readme.txtx /a/readme.tx /a/README /a/readmeXYZ.txt /a/readme.txt.bak /a/sub/r*.doc 2>&1
	ls -lAn --full-time /a | tail -n +2
	cat /a/Readme.Txt /a/MixedCase.Txt /a/SUB/DEEP/F 2>&1
	md5sum /a/arathe~1.tex
	stat -f -c '%t %l' /a
	umount /a 2>/dev/null
done
