# vfat's mount options as mountinfo shows them and as stat sees them:
# uid=, gid=, umask=/fmask=/dmask=, showexec, allow_utime, quiet, flush,
# tz=UTC, time_offset=, shortname=, iocharset=, check=s; the options it
# refuses; remount keeps them all.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
@mtools mattrib +r ::/readme.txt
@mtools mattrib +r ::/sub
mkdir /a
for o in defaults uid=1000,gid=100 umask=0 fmask=0133,dmask=0022 showexec,quiet,flush allow_utime=2 tz=UTC \
	time_offset=-60 shortname=lower shortname=win95 shortname=winnt check=s iocharset=utf8 utf8=0 uni_xlate nonumtail rodir; do
	mount -r -o $o /w/img /a; echo "$o: $?"
	findmnt -no OPTIONS /a
	stat -c '%n %f %u %g %Y' /a/readme.txt /a/run.bat /a/sub /a/MixedCase.Txt 2>&1
	ls /a | tr '\n' ' '; echo
	umount /a
done
for o in uid=x umask=8 shortname=dos errors=no iocharset=nope codepage=850 dots time_offset=2000; do
	mount -r -o $o /w/img /a 2>&1; echo "$o: $?"
done
mount -r -o uid=7 /w/img /a; mount -o remount,ro,uid=8 /a; echo "remount $?"
findmnt -no OPTIONS /a; umount /a
