# Size arguments and human sizes through the shared parser and formatter:
# truncate -s suffixes (K, KB, KD, KiB, relative forms, bad ones), ls -l
# with --block-size units on the resulting sizes, du -h, od -N and -j
# suffixes, dd's byte-count summary.
mkdir /t
cd /t
for s in 0 1 999 1000 1023 1024 1025 1536 10239 10241 1048575 1K 1KB 1kD 1KiB 2M 3MB +1K -1 '<4K' '>8K' /4096 %4096 ' 7k'; do
	truncate -s "$s" f
	echo "truncate $s: $? $(ls -l f | cut -d' ' -f5)"
done
for s in x 1Q 1Ki -K 1e 99999999999999999999 8E '++1' '+-1'; do
	truncate -s "$s" g; echo "truncate $s: $?"
done
truncate -s 1536 f
truncate -s 1048577 m
for o in -h --si --block-size=K --block-size=KB --block-size=KiB --block-size=1000 --block-size=MB --block-size=MiB "--block-size='1" --block-size=hu --block-size=s; do
	echo "ls $o: $(ls -l $o f m | cut -d' ' -f5 | tr '\n' ' ')"
done
for o in --block-size=0 --block-size=x --block-size=1Q --block-size=99999999999999999999; do
	ls -l $o f; echo "ls $o: $?"
done
head -c 300000 /dev/zero > d1
du -h d1 m
du -sh /t
printf 'abcdefghijklmnopqrstuvwxyz' > a
od -c -N 0x4 a
od -c -j 010 -N 3 a
od -c -N 1b a > /dev/null; echo "od 1b: $?"
od -c -N 1x a; echo "od 1x: $?"
od -c -j 99999999999999999999 a; echo "od big: $?"
dd if=/dev/zero of=/dev/null bs=1050 count=1 2>&1 | cut -d, -f1
dd if=/dev/zero of=/dev/null bs=1250 count=1 2>&1 | cut -d, -f1,2
dd if=/dev/zero of=/dev/null bs=1M count=3 2>&1 | cut -d, -f1,2
dd if=/dev/zero of=/dev/null bs=999500 count=1 2>&1 | cut -d, -f1,2
