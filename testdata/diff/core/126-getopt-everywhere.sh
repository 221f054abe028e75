# Every applet parses by getopt_long's rules: abbreviated long options,
# their errors, --help and --version ending with status 0; chmod, chown
# and chgrp know --preserve-root.
echo hi | base64 -w ' 5'; echo $?
echo hi | base64 -w 0x5; echo $?
echo hi | base64 --wr 3; echo $?
mkdir --par /tmp/go/a/b; echo $?
rm --recu /tmp/go; echo $?
rm --bogus; echo $?
rm -r --f /tmp/go; echo $?
mkdir -m; echo $?
touch --no-c /tmp/nc; echo $?; ls /tmp/nc
chmod --ref; echo $?
cp --rec; echo $?
mv --help >/dev/null; echo $?
mkdir --version >/dev/null; echo $?
readlink -f --no-newline /tmp; echo; echo $?
mkdir --parents=x /tmp/q; echo $?
wc --l /dev/null; echo $?
printf "a\nb\n" > /tmp/hl; head --lin=1 /tmp/hl; echo $?
chmod -R --preserve-root 755 /; echo $?
chmod --preserve-root 755 /; echo $?
chown -R --preserve-root root //; echo $?
mkdir -p /tmp/pr/x; chgrp -R --preserve-root root /tmp/pr/x/../../; echo $?
chmod -R --preserve-root --no-preserve-root 755 /tmp/pr/x; echo $?
rm -r --preserve-root --no-preserve-root /tmp/pr; echo $?
mkdir /tmp/cx; chown -R --dereference root /tmp/cx; echo $?; ln -s /tmp/cx /tmp/cl
chown -h --dereference 5 /tmp/cl; stat -c %u /tmp/cx; chown --dereference -h 7 /tmp/cl; stat -c %u /tmp/cx /tmp/cl
