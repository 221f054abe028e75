# cp --preserve[=ATTR_LIST] and --no-preserve=ATTR_LIST in the order
# given (mode, ownership, timestamps, links, xattr, all; context needs
# SELinux), --reflink (always: no file system here clones), --sparse=
# never/auto/always (zeros made holes), --remove-destination,
# --strip-trailing-slashes and --attributes-only, with argmatch's errors.
# The source's time shows as "kept", any other as "new" (a copy's own
# time may fall in the next second).
st() { stat -c '%n %a %u %g %Y' "$@" | sed 's/ 978307200$/ kept/; s/ [0-9]*$/ new/'; }
mkdir /cz; cd /cz; echo a > s; chmod 640 s; chown 1:2 s; touch -d 2001-01-01 s
cp --reflink=always s r1; echo rc=$?; ls -l r1 | cut -c1-10,24-27; cp --reflink s r2; echo rc=$?; cp --reflink=auto s r3; echo rc=$?; cp --reflink=never s r4; echo rc=$?; cp --reflink=bogus s r5; echo rc=$?; cp --reflink=a s r6; echo rc=$?
cp --preserve=mode s p1; st p1; cp --preserve=ownership s p2; st p2; cp --preserve=timestamps s p3; st p3; cp --preserve s p4; st p4
cp --preserve=all s p5; st p5; cp -p --no-preserve=mode s p6; st p6; cp -a --no-preserve=ownership s p7; st p7; cp --preserve=bogus s p8; echo rc=$?; cp --preserve=mode,timestamps s p9; st p9
cp --preserve=links,xattr,context s p10; echo rc=$?; ls p10; cp --no-preserve=all -a s p11; st p11; cp --preserve=xattr s p13; echo rc=$?; cp --pres=m s p14; stat -c "%n %a" p14; cp -a --no-preserve=all s p15; st p15
mkdir d; chmod 700 d; cp -r --preserve=mode d d2; stat -c %a d2; cp -r --no-preserve=mode -p d d3; stat -c %a d3; cp -r -p --no-preserve=mode d d4; stat -c %a d4
echo b > t; ln -s t tl; cp --remove-destination -v s t; cat t; cp --remove-destination s tl; ls -l tl | cut -c1; cp --strip-trailing-slashes s t2/; echo rc=$?; mkdir dd; cp -r --strip-trailing-slashes dd/ dd2; echo rc=$?; ls -d dd2
echo c > e; cp --attributes-only s e; cat e; cp --attributes-only s e1; stat -c "%n %s %a" e1; cp --attributes-only -p s e2; stat -c "%n %s %a %u" e2
cp --sparse=bogus s q; echo rc=$?; truncate -s 1M sp; cp --sparse=never sp sn; du -k sn; cp --sparse=always sp sa; du -k sa; head -c 100000 /dev/zero > z; cp --sparse=always z za; du -k za; wc -c za; cp --sparse=auto z zu; du -k zu; cp --sparse=always --reflink=always z x; echo rc=$?; cp --sparse=al s q2; echo rc=$?
printf 'x%.0s' $(seq 5000) > mixed; head -c 8192 /dev/zero >> mixed; echo end >> mixed; cp --sparse=always mixed mx; cmp mixed mx; echo rc=$?; du -k mx
# Holes are made only in a regular destination: a device takes the data.
echo hi > /tmp/sp; truncate -s 64K /tmp/sph
cp --sparse=always /tmp/sp /dev/null; echo "sparse to null rc=$?"
cp /tmp/sph /dev/null; echo "auto to null rc=$?"
