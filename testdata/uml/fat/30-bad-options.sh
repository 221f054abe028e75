# Options vfat and msdos refuse: the status, mount(8)'s message and the
# kernel's log line.
# dm prints the kernel log lines added since its last call, without
# timestamps and the loop driver's capacity lines (linuxvfs's dmesg has
# no -c and prints no loop lines).
dm() { dmesg | sed 's/^\[[ 0-9.]*\] //' | grep -v -e 'detected capacity change' -e '^devtmpfs: initialized' > /tmp/dm; tail -n +$((dmn+1)) /tmp/dm; dmn=$(wc -l < /tmp/dm); }
dmn=0
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
mkdir /a
dm >/dev/null
for t in vfat msdos; do
for o in uid=x gid=-1 uid= umask=8 umask=01000 fmask=abc shortname=dos shortname= errors=no iocharset=nope codepage=850 \
	codepage=abc dots nodots nocase time_offset=2000 time_offset=-1441 time_offset=x tz=EST check=x utf8=2 \
	allow_utime=8 nfs=x foo foo=bar cvf_options=x uni_xlate=2 rodir=1 debug=1 ; do
	mount -t $t -r -o loop,$o /w/img /a 2>&1; echo "$t $o: $?"
	umount /a 2>/dev/null
	dm
done
done
mount -r -o uid=7,gid=8,fmask=0111 /w/img /a; mount -o remount,ro,uid=8,shortname=lower,umask=0 /a; echo "remount $?"
awk '$5=="/a" {for (i=6;i<=NF;i++) if ($i=="-") {print $6, $(i+1), $(i+3); break}}' /proc/self/mountinfo
stat -c '%n %f %u %g' /a/readme.txt
mount -o remount,rw /a; echo "remount rw $?"
awk '$5=="/a" {for (i=6;i<=NF;i++) if ($i=="-") {print $6, $(i+1), $(i+3); break}}' /proc/self/mountinfo
umount /a
dm
