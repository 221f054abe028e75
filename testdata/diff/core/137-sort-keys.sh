# sort: -k POS1[,POS2] with field.char and per-key letters, -t, -b, the
# global orders (-n -g -h -M -V -f -d -i -r) and which keys inherit
# them, the last-resort comparison and -s/-u, -z, -o onto an input, -m,
# and the messages of bad keys and incompatible options.
mkdir -p /tmp/s; cd /tmp/s
printf 'b 2 x\na 10 y\nc 1 z\nB 3 w\na 2 v\n  d 5 u\n' > f
sort f; sort -r f; sort -f f; sort -k2 f; sort -k2n f; sort -k2,2n f; sort -n -k2 f
sort -k2nr f; sort -k1,1 -k2,2n f; sort -t ' ' -k2 f; sort -b f; sort -k1b,1 f
sort -k1.2 f; sort -k1.2,1.3 f; sort -k2.1b f; sort -t ' ' -k2.2,2.2 f; sort -k3,3 -k1 f
printf '10\n9\n-1\n-0\n0\n1.5\n1.50\n.5\n-.5\nabc\n+3\n 7\n1e3\n0x10\n' > n
sort -n n; sort -g n; sort -h n; sort -rn n; sort -un n; sort -sn n
printf '1K\n2M\n1G\n500\n2k\n1.5K\n-1K\n0K\n1T\n1.K\n 3k\n4X\n' > h; sort -h h; sort -hr h; sort -hs h
printf 'inf\n-inf\nnan\n-nan\n1e400\n0x1p3\n0x\n-0\n+0\n3.0\n 2\nx\n1e-5000\n' > g; sort -g g; sort -gr g
printf 'jan\nFEB\nmarch\nfoo\n DEC\nAug\n' > m; sort -M m; sort -Mr m
printf 'a-1.10\na-1.9\na-1.2.3\na-1.2\nb~\nb\n.a\n1.0rc1\n1.0\n' > v; sort -V v
printf 'a\tb\tc\nx\ty\tz\nm\tn\to\n' > t; sort -t "$(printf '\t')" -k2 t; sort -k2,2 -t '	' -r t
printf 'hello,world\nHELLO,there\nhi,all\n' > c; sort -t, -k2 c; sort -f -t, -k1,1 c
sort -t, -k1,1f -s c; sort -fu c; sort --sort=month m; sort --so=n n | head -3
printf 'a.b!c\nab c\na b\n' > d; sort -d d; sort -i d; sort -k1,1 -k1r d
printf 'x\ny\nx\nz\ny\n' > u; sort -u u; sort -ur u; sort -r -s -k1,1 -u u
printf 'a b\na  b\na\tb\n' > w; sort -k2 w; sort -k2b w; sort -b -k2 w; sort -t ' ' -k2 w
printf 'b\0a\0c' | sort -z | od -c; printf 'b 1\0a\n2\0' | sort -z -k2 | od -c
sort -o f f; cat f; sort -m n h | head -4; printf 'a\nc\n' > m1; printf 'b\nd\n' > m2
sort -m m1 m2; sort -m -r m2 m1; sort -mu m1 m2 m1
echo --- errors
sort nonexist; echo rc=$?; sort /tmp; echo rc=$?; sort -m m1 nonexist; echo rc=$?
sort -k0 f; echo rc=$?; sort -k1.0 f; echo rc=$?; sort -k1,0 f; echo rc=$?; sort -kx f; echo rc=$?
sort -k1.x f; echo rc=$?; sort -k1,x f; echo rc=$?; sort -k1z f; echo rc=$?; sort -k -1 f; echo rc=$?
sort -nM f; echo rc=$?; sort -k1nM f; echo rc=$?; sort -ndi f; echo rc=$?; sort -gR f; echo rc=$?
sort -k1,1h -k2M f; echo rc=$?; sort -t ab f; echo rc=$?; sort -t '' f; echo rc=$?
sort -t x -t y f; echo rc=$?; sort --sort=x f; echo rc=$?; sort -o a -o b f; echo rc=$?
sort -o /nonexist/x f; echo rc=$?; sort f > /dev/full; echo rc=$?
