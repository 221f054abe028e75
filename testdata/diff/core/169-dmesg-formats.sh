# dmesg's formats and filters, on a message this script has the kernel
# log (a tmpfs option with a name of its own, so that what else the log
# holds does not count; times become T, the name KEY).
k=lvfs$RANDOM$RANDOM$RANDOM
mkdir /m
mount -t tmpfs -o $k x /m 2>/dev/null; echo "mount: $?"
g() { sed -E "s/$k/KEY/; s/ *[0-9]+\.[0-9]{6}/T/g"; }
f() { sed -n "/$k/p" | g; }
dmesg | f
dmesg -t | f
dmesg --notime -x | f
dmesg -x | f
dmesg -r | f
dmesg -S | f
dmesg -S -r | f
dmesg -l err -t | f
dmesg -l warn,info,debug -t | f | wc -l
dmesg --level=3,4 -x -t | f
dmesg -l ERR,Warn -t | f
dmesg -f kern -t | f
dmesg -f user,daemon,0 -t | f
dmesg -f user,daemon | f | wc -l
dmesg -k -t | f
dmesg -u | f | wc -l
dmesg -d | f
dmesg --time-format delta | f | sed -E 's/<T>/<D>/'
dmesg -T | f | sed -E 's/^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}\]/[CTIME]/'
dmesg --time-format iso | f | sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{6}\+00:00/ISO/'
dmesg -p -x | f
before() { awk -v k="$k" -v n=$1 '{ l[NR] = $0 } index($0, k) { for (i = NR - n; i <= NR; i++) print l[i] }'; }
dmesg -J | before 2 | g
dmesg -J -x | before 3 | g
for a in '-l foo' '-f kern+' '-l err,' '-n 0' '--time-format x' '-r -t' '-r -x' '-T -r' '-C -c' x '-s x' '-L=foo' '-l' '-Z'; do
	eval dmesg $a; echo "$a: $?"
done 2>&1
dmesg -l err,,warn; echo "empty item: $?"
dmesg -l '' | wc -l
