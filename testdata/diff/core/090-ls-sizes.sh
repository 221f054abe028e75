mkdir /t
cd /t
head -c 1234567 /dev/zero > big
head -c 1500 /dev/zero > k
head -c 999 /dev/zero > s
mknod c c 1 3
touch -d '2001-02-03 04:05:06' big k s c
for o in -l -lh '-l --si' -lk '-l --block-size=K' '-l --block-size=1M' '-l --block-size=MB' \
	'-l --block-size=KiB' '-l --block-size=1' -s -sh -sk '-s --si' '-s --block-size=4K' \
	'-ls --block-size=M' '-lh --block-size=1K' '--block-size=1K -lh' -lhk -lkh '-sh --block-size=1K' \
	'-s -1 -C' '-sm'; do
	echo "--- $o"
	ls $o
done
echo "--- env"
LS_BLOCK_SIZE=K ls -ls
BLOCK_SIZE=1M ls -ls
BLOCKSIZE=4K ls -ls
LS_BLOCK_SIZE=human-readable ls -s
echo "--- errors"
ls --block-size=x; echo "status $?"
ls --block-size=0; echo "status $?"
ls --block-size=1x; echo "status $?"
ls --block-size=99999999999999999999999; echo "status $?"
ls --block-size=-1; echo "status $?"
ls --block-size; echo "status $?"
