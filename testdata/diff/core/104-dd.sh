# dd: if= of= bs= ibs= obs= count= skip= seek= with size suffixes and
# products, conv= (notrunc, sync, block, unblock, lcase, ucase, swab,
# sparse, excl, nocreat), iflag/oflag byte counts, the records summary
# (its time and speed cut off) and the errors.
cd /tmp
stats() { # the summary without the varying time and speed
	while IFS= read -r l; do
		case $l in *copied*) echo "${l%%copied*}copied";; *) echo "$l";; esac
	done
}
printf 'abcdefghijklmnopqrstuvwxyz' > in
dd if=in of=out 2>&1 | stats; cat out; echo
dd if=in bs=4 count=2 2>&1 | stats; echo
dd if=in bs=4 skip=2 count=1 status=noxfer; echo
dd if=in ibs=3 obs=5 count=3 status=noxfer; echo
dd if=in bs=1 skip=5B count=3B status=none; echo
dd if=in iflag=skip_bytes,count_bytes skip=7 count=5 bs=4 status=none; echo
dd if=in bs=2x3 count=1 status=none; echo
dd if=in bs=1c count=1w status=none; echo
printf 'XY' > o2; dd if=in of=o2 bs=1 seek=3 count=2 status=none; od -c o2
printf '0123456789' > o3; dd if=in of=o3 bs=1 seek=3 count=2 conv=notrunc status=none; cat o3; echo
printf '0123456789' > o4; dd if=in of=o4 bs=2 count=1 status=none; cat o4; echo
dd if=in of=o5 bs=1 seek=4 count=1 oflag=seek_bytes status=none; od -c o5
dd if=in bs=10 count=3 conv=sync status=noxfer | od -c
printf 'ab\ncdefgh\n\nij' | dd conv=block cbs=4 status=noxfer | od -c
printf 'ab  cd  efgh' | dd conv=unblock cbs=4 status=none | od -c
printf 'Hello World' | dd conv=ucase status=none; echo
printf 'Hello World' | dd conv=lcase status=none; echo
printf 'abcde' | dd conv=swab status=none; echo
printf 'abcdef' | dd conv=swab bs=3 status=none; echo
dd if=/dev/zero of=sp bs=1K count=4 conv=sparse status=none; stat -c '%s' sp
dd if=in of=in conv=excl; echo "rc=$?"
dd if=in of=nosuch conv=nocreat; echo "rc=$?"
dd if=nosuch; echo "rc=$?"
dd if=in skip=1 bs=100 status=noxfer; echo "rc=$?"
dd if=in bs=1 count=0 2>&1 | stats
dd if=/dev/zero bs=1K count=3 of=z 2>&1 | stats
dd if=/dev/zero bs=1000 count=3 of=z 2>&1 | stats
dd if=/dev/zero bs=1 count=1 of=z 2>&1 | stats
dd if=/dev/zero bs=1M count=2 of=z status=noxfer
mkdir dir; dd if=dir status=noxfer; echo "rc=$?"
dd if=in of=dir; echo "rc=$?"
dd if=/dev/zero of=/dev/full bs=1 count=1 status=noxfer; echo "rc=$?"
dd if=in bs=0; echo "rc=$?"
dd if=in bs=-1; echo "rc=$?"
dd if=in bs=1x; echo "rc=$?"
dd if=in count=1Q; echo "rc=$?"
dd if=in bs=99999999999999999999; echo "rc=$?"
dd if=in conv=foo; echo "rc=$?"
dd if=in conv=lcase,ucase; echo "rc=$?"
dd if=in conv=block,unblock cbs=1; echo "rc=$?"
dd if=in iflag=bogus; echo "rc=$?"
dd if=in oflag=fullblock; echo "rc=$?"
dd if=in status=loud; echo "rc=$?"
dd foo; echo "rc=$?"
dd foo=1; echo "rc=$?"
dd -x; echo "rc=$?"
dd if=in bs=0x2 count=1; echo "rc=$?"
printf 'abc' | dd bs=2 seek=1 status=none > o6; echo "rc=$?"; od -c o6
printf 'abc' | { dd bs=2 seek=1 status=none; echo "rc=$?" >&2; } | cat
printf 'abcdef' | dd bs=2 seek=1 count=1 status=none >> o6; od -c o6
printf 'abc' | dd skip=2 bs=1 status=none; echo
dd if=/dev/zero bs=1K count=64 status=none | head -c 10 | wc -c
