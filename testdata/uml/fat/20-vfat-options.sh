# vfat mount options: what mountinfo shows, and the modes, owners, times
# and names they give.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
@mtools mattrib +r ::/readme.txt
@mtools mattrib +r ::/sub
mkdir /a
for o in defaults uid=1000,gid=100 uid=4294967294 umask=027 umask=0 fmask=0133,dmask=0022 fmask=0777 dmask=0777 \
	shortname=lower shortname=win95 shortname=winnt shortname=mixed utf8 utf8=1 utf8=0 utf8=yes utf8,uni_xlate \
	iocharset=utf8 iocharset=ascii iocharset=iso8859-1 iocharset=cp437 iocharset=utf8,utf8=0 codepage=437 codepage=cp437 \
	showexec quiet flush tz=UTC time_offset=60 time_offset=-120 time_offset=-1440 time_offset=1440 \
	check=r check=n check=s check=relaxed check=normal check=strict \
	errors=continue errors=panic errors=remount-ro discard nfs nfs=stale_rw nfs=nostale_ro dos1xfloppy usefree \
	sys_immutable rodir allow_utime=022 allow_utime=0 debug nonumtail numtail=1 uni_xlate=0 posix cvf_format=x \
	sys_immutable,uid=5,gid=6,fmask=0600,dmask=0700,showexec,quiet,flush,tz=UTC,nfs,shortname=winnt,iocharset=utf8; do
	mount -r -o $o /w/img /a 2>&1; echo "$o: $?"
	awk '$5=="/a" {for (i=6;i<=NF;i++) if ($i=="-") {print $6, $(i+1), $(i+3); break}}' /proc/self/mountinfo
	stat -c '%n %f %u %g %Y %X %Z %W' /a/readme.txt /a/run.bat /a/empty /a/sub /a 2>&1
	ls -a /a /a/sub 2>&1 | tr '\n' ' '; echo
	cat /a/sub/résumé.doc /a/sub/r*.doc 2>&1
	umount /a 2>/dev/null
done
