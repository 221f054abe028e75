# install(1): -d (with -m, -v), copies with their default 0755 or -m's
# mode, -D's leading directories, -t, -T, -o/-g by name, -p, and the
# errors for directories, the same file, missing operands and bad modes.
mkdir /tmp/it; cd /tmp/it; echo x > src
install -d a/b/c; echo $?; stat -c '%A %n' a a/b a/b/c
install -d -m 700 d; stat -c %a d
install src dst; stat -c %a dst
install -m 640 src dst2; stat -c %a dst2
install -m u=rw,go=r src dst2b; stat -c %a dst2b
install -D src x/y/z; ls x/y
install -v src dst3; install -v -d e/f
install src; echo $?; install; echo $?
install -t d src dst; ls d
install src nodir/x; echo $?; install -m 999 src q; echo $?
install -d src; echo $?; install a src; echo $?; install -T src d; echo $?
install -C src dst; echo $?
touch -d '2001-02-03 04:05:06' src; install -p src dst4; stat -c %y dst4
install -o nobody -g nogroup src dst5; stat -c '%U %G %a' dst5
install -v -D -m 600 src g/h/i; install src src; echo $?
install -o nosuch src q; echo $?; install -g nosuch src q; echo $?
install src dst dst2 d; echo $?; ls d
install src dst nodir; echo $?
mkdir /m; mount -t tmpfs -o size=4k t /m; head -c 9000 /dev/zero > big; install big /m/big; echo $?
install src dst dst2; echo $?
