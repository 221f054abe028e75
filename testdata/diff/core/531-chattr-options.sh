# chattr (e2fsprogs 1.47.0) reads its words by hand: +, - and = with
# flag letters, -R -V -f and -v N / -p N (strtol, base from the prefix),
# "--" and the first other word end them; its refusals ("Must use",
# "= is incompatible", "Can't both set and unset", the usage, bad
# numbers) and exit codes. On tmpfs: what it cannot set is "Operation
# not supported" (=FLAGS only perror'd, status 0), -v is ENOTTY, -p is
# EOPNOTSUPP; +D on a file is dropped before the call; -V reports to
# standard output, its version line to standard error.
mkdir /w; mount -t tmpfs w /w; cd /w
echo hi > f; mkdir -p d/e; touch d/x d/e/y
chattr =c f; echo "rc=$?"
chattr -p x f; echo "rc=$?"; chattr -v 1x f; echo "rc=$?"
chattr f; echo "rc=$?"; chattr; echo "rc=$?"; chattr +Z f; echo "rc=$?"; chattr -p; echo "rc=$?"
chattr +d -d f; echo "rc=$?"; chattr =d +A f; echo "rc=$?"
chattr -- +d f; echo "rc=$?"; chattr +d -- f; echo "rc=$?"; lsattr f
chattr -R +d d; echo "rc=$?"; lsattr -R d
chattr -Rf +c d /nonexistent; echo "rc=$?"
chattr +c /nonexistent; echo "rc=$?"
chattr -RV -d d; echo "rc=$?"
chattr -V =A f; echo "rc=$?"; lsattr f
chattr -V -v 3 -p 4 +d f; echo "rc=$?"
chattr -p 0x10 f; echo "rc=$?"; chattr -v -1 f; echo "rc=$?"; chattr -v 010 f; echo "rc=$?"
chattr - f; echo "rc=$?"; chattr -p '' f; echo "rc=$?"
chattr +D f; echo "rc=$?"; chattr +D d; echo "rc=$?"
chattr +e f; echo "rc=$?"; chattr -e f; echo "rc=$?"
chattr +P d; echo "rc=$?"; chattr +F d; echo "rc=$?"; chattr +x f; echo "rc=$?"; chattr +s f; echo "rc=$?"
ln -s f l; mkfifo p; chattr +d l p /proc/1; echo "rc=$?"
lsattr f; chattr = f; lsattr f
# =FLAGS' failure is printed even with -f; -V shows +D on a file.
chattr -f =c f; echo "rc=$?"; chattr -fV =c f 2>&1; echo "rc=$?"
chattr -V +D f; echo "rc=$?"; lsattr f
chattr -Vf +c f; echo "rc=$?"; chattr -V -v 5 =d f; echo "rc=$?"
chattr -R -iadA /w; cd /; umount /w
