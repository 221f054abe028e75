# df's units: -B forms (numbers, C numbers, bare units with and without
# B/iB/D, human words and their prefixes), the last of -B/-h/-H/-k
# winning, DF_BLOCK_SIZE before BLOCK_SIZE before BLOCKSIZE, broken values
# in the environment ignored, -P with and without POSIXLY_CORRECT, and
# the -B complaints.
mkdir /a /b
mount -t tmpfs -o size=3333k,nr_inodes=50 A /a
mount -t tmpfs -o size=10m B /b
head -c 1234567 /dev/zero > /b/f
for o in -B1 -B512 -B1000 -B1024 -B3 -B0x400 -B010 -BK -BKB -BKD -BKiB -BM -BMB -BMiB -B1M -B1MB \
	-Bh -Bhum -Bs -B"'1" -B"'1k" '-B1K -h' '-h -B1K' '-H -k' '-k -H' -iBM -iBKiB -iBMB; do
	echo "--- df $o"
	df $o /a /b
done
for v in DF_BLOCK_SIZE BLOCK_SIZE BLOCKSIZE; do
	for val in 1k 1M MB human-readable si 0 x 1Q 99999999999999999999; do
		echo "--- $v=$val"
		env "$v=$val" df /b
	done
done
echo "--- order"
DF_BLOCK_SIZE=1M BLOCK_SIZE=1k df /b
BLOCK_SIZE=1M BLOCKSIZE=1k df /b
BLOCKSIZE=4k df /b
echo "--- posix"
df -P /a
POSIXLY_CORRECT=1 df -P /a
POSIXLY_CORRECT=1 df /a
POSIXLY_CORRECT=1 BLOCK_SIZE=2k df -P /a
BLOCK_SIZE=2k df -P /a
df -P -h /a
df -P -B 2k /a
df -Pi /a
echo "--- errors"
for o in -B0 -Bx -B1Ki -B1Q -B99999999999999999999 -B99999999999999999999Q --block-size=x --block=0 -B-1 '-B 1' '-B K'; do
	df $o /a; echo "df $o: $?"
done
df -B '' /a; echo "empty: $?"
BLOCK_SIZE=1M df -B '' /a
