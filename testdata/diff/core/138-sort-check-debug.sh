# sort -c/-C/--check (disorder messages, statuses 1 and 2), -R with
# --random-source (GNU's order for a given source), --files0-from, the
# accepted tuning options and their checks, and --debug's marks and
# warnings.
mkdir -p /tmp/s; cd /tmp/s
printf 'b\na\nc\nd\ne\nf\ng\na\nb\n' > r; printf 'x\ny\n' > o
printf 'b\na\n' | sort -c; echo rc=$?; printf 'a\nb\nb\n' | sort -cu; echo rc=$?
printf 'a\nb\n' | sort -C; echo rc=$?; printf 'b\na\n' | sort -C; echo rc=$?
printf 'b\0a\0' | sort -cz 2>&1 | od -c
sort --check=quiet o; echo $?; sort --check=silent r; echo $?; sort --check=diagnose-first r; echo $?
sort --check r; echo $?; sort --check=bad r; echo $?; sort -c -C r; echo $?
sort -c r o; echo $?; sort -c -o x r; echo $?; sort -c nonexist; echo $?
echo --- random
printf '0123456789abcdef' > seed; sort -R --random-source=seed r; sort -R --random-source=seed -k1,1 -u r
sort -Rd --random-source=seed r | head -2; sort -R --random-source=/dev/null r; echo rc=$?
sort -R --random-source=nope r; echo rc=$?; sort --random-source=a --random-source=b r; echo rc=$?
echo --- files0
printf 'r\0o\0' > list; sort --files0-from=list; sort --files0-from=list r; echo $?
printf 'r\0\0' | sort --files0-from=-; echo $?; printf -- '-\0' | sort --files0-from=-; echo $?
: | sort --files0-from=-; echo $?; sort --files0-from=nope; echo $?
echo --- tuning
sort --batch-size=1 r; echo $?; sort --batch-size=x r; echo $?; sort --batch-size=2 r >/dev/null; echo $?
sort -S 1x r; echo $?; sort -S 10% r > /dev/null; echo $?; sort -S 1b -S 2K -S 3 r >/dev/null; echo $?
sort --parallel=0 r; echo $?; sort --parallel=x r; echo $?
sort --para=2 -T /nowhere --compress-program=gzip r | head -2
sort --compress-program=a --compress-program=b r; echo $?
echo --- debug
printf 'a\tb 12 x\n  -3.5K y\nMAR z\nnothing\n 0x1p3 inf\n' > dbg
sort --debug dbg; sort --debug -k2,1 dbg; sort --debug -n dbg; sort --debug -k2n -k1,1M -s dbg
sort --debug -h -k3 -u dbg; sort --debug -t . -k1,1n -r -f dbg; sort --debug -b -k2g -r dbg
sort --debug -k1.2,1.3 -k2b,2 dbg; printf 'a\0b' | sort -z --debug | od -c
sort --debug -g dbg; sort --debug -k2,2g -k1,1 -t ' ' dbg; sort --debug -k1.2 dbg
sort --debug -M -k1 dbg; sort --debug -t - -k1,2n dbg; sort --debug -t + -k1,2g dbg
sort --debug -k1,1.3 -k2.2b,2.3 dbg; sort --debug -rs dbg; sort --debug -d -f -k1,1 dbg
sort --debug -c r; echo $?; sort --debug -o x r; echo $?
