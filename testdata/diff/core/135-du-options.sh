# du: block counts from st_blocks on tmpfs, units (-b -k -m -B --si -h,
# DU_BLOCK_SIZE), -a -s -c -S -l -0, --max-depth, --threshold, symlinks
# (-P -L -D -H), --exclude/-X, -x, --inodes, --time, --files0-from,
# hard links counted once, and the messages of bad arguments.
mkdir -p /tmp/du; cd /tmp/du
mkdir -p a/b/c; echo hello > a/f; head -c 5000 /dev/zero > a/b/g
truncate -s 1M a/sparse; ln a/f a/hl; ln -s b a/lnk
ln -s $(printf 'long%.0s' $(seq 1 300)) a/longlink
mkdir sub; mount -t tmpfs t2 sub; echo x > sub/y
du; du -a; du -x .; du --apparent-size -a; du -ab a
du -m a; du -k a; du -BM a; du -B1 a; du --si a; du -h a; du -BKB a; du -BKiB -h -k a
DU_BLOCK_SIZE=1 du a; BLOCK_SIZE=si du -s a; POSIXLY_CORRECT=1 du -s a
du -S a; du -Sa a; du -l -a a; du -sl a a/f; du -sc a sub; du -c a/f a/hl
du -0 a | od -c
echo --- threshold
du -a -t 5K a; du -a -t -5K a; du -t 0 a; du -t -1KB -a a
du -t -0 a; echo rc=$?; du -t 1x a; echo rc=$?; du -t x a; echo rc=$?
du -t 99999999999999999999 a; echo rc=$?; du --thr=1g a; echo rc=$?
du -B3x a; echo rc=$?; du --block=0 a; echo rc=$?
echo --- links
du -aL a; du -a a/lnk; du -aD a/lnk; du -aH a/lnk; du -a -L -P a/lnk
ln -s nowhere dang; du -L dang; echo rc=$?; du -D dang; du dang; du -La a dang; echo rc=$?
echo --- exclude
du -a --exclude=f a; du -a --exclude='b*' a; du -a --exclude=a/b a
du -a --exclude=a a; echo rc=$?; du -a --exclude='*' a
printf 'g \n\n  \nhl\n' > /tmp/X; du -a -X /tmp/X a; echo sparse | du -a -X - a
du -X /nonexist a; echo rc=$?; du --exc=x a; echo rc=$?
echo --- depth
du -d1 .; du --max-depth=0 a; du -d 0x1 a; du -d x a; echo rc=$?; du -d -1 a; echo rc=$?
du -s -d1 a; echo rc=$?; du -s -d0 a; echo rc=$?; du -sa a; echo rc=$?
echo --- inodes
du --inodes -a a; du --inodes -b a; du --inodes -BKB a; du --inodes -S -t 3 a
echo --- operands
du nonexist a/f; echo rc=$?; du ""; echo rc=$?; du a//b// ./a/b a/../a/b/c
echo --- time
mkdir -p t/c; echo hi > t/c/f; touch -d '2020-01-02 03:04:05' t/c/f t/c
echo x > t/g; touch -d 2019-01-01 t/g t
du --time t; du --time --time-style=full-iso t; du --time --time-style=iso t
du --time --time-style=+%s t; TIME_STYLE=posix-iso du --time t
TIME_STYLE=locale du --time -s t; du --time=ctime t | cut -f1
du --time --time-style=posix-iso t; echo rc=$?; du --time=bad t; echo rc=$?
du --time-style=bad t; echo rc=$?
echo --- binds
mkdir -p bb/c bb/m; echo hi > bb/c/f; mount --bind bb/c bb/m
du -a bb; du -a bb bb; du -ax bb; mkdir -p l/m; mount --bind l l/m; du l; echo rc=$?
echo --- files0
printf 'a\0\0bb\0-\0' > list; du -s --files0-from=list; echo rc=$?
printf 'a/f\0\0-\0' | du --files0-from=- -c; echo rc=$?
du --files0-from=nope; echo rc=$?; du --files0-from=list f; echo rc=$?
: | du --files0-from=- -c; du --files0-from=a; echo rc=$?
