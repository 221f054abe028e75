# gzip, gunzip and zcat on files: compressing in place (mode and mtime
# kept, the input removed), existing outputs with and without -f, names
# that already have the suffix or lack it, -c -d -k -t -S -r, zcat's
# added .gz, data that is not gzip, directories, pipes, and several
# operands with a missing one. Compressed bytes are never compared.
mkdir -p /tmp/gz && cd /tmp/gz || exit
printf 'hello world\n' > a; printf 'xx' > b; chmod 640 a; touch -d '2001-02-03 04:05:06' a
gzip a 2>&1; echo "rc $?"; ls; stat -c '%n %a %y' a.gz
gzip a 2>&1; echo "rc $?"
gzip a.gz 2>&1; echo "rc $?"
echo hi > a; gzip a 2>&1; echo "rc $?"
gzip -f a 2>&1; echo "rc $?"
gzip -dc a.gz; zcat a.gz; zcat a; echo "rc $?"
gunzip a.gz 2>&1; echo "rc $?"; cat a; stat -c '%n %a' a
gzip -k b; ls
gzip -t b.gz; echo "rc $?"
gzip -d b 2>&1; echo "rc $?"
gunzip b 2>&1; echo "rc $?"
echo notgz > c.gz; gunzip c.gz 2>&1; echo "rc $?"
zcat nonexist 2>&1; echo "rc $?"
gzip -c a | gunzip
mkdir d; echo in > d/f; gzip d 2>&1; echo "rc $?"
gzip -r d 2>&1; echo "rc $?"; ls d; gunzip -r d; ls d; cat d/f
printf 'abc' | gzip | gzip -d; echo
printf 'abc' | gzip -c > s.gz; gunzip -c s.gz; echo
gunzip -k s.gz; ls
gzip -q nonexist 2>&1; echo "rc $?"
gzip -S .z b 2>&1; ls; gunzip -S .z b.z; cat b; echo
echo zz | gzip -c > e.gz; gzip -d < e.gz
gzip -dc a.gz s.gz 2>&1; echo "rc $?"
cat e.gz e.gz | zcat
gzip -9 -c a | zcat
