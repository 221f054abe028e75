# nproc: the OpenMP variables, --ignore and --all, and their errors;
# fold: widths in columns (tabs, backspaces, carriage returns) or bytes,
# breaking at blanks, the -WIDTH forms, and the errors.
n=$(nproc)
[ "$(nproc --all)" = "$n" ] && echo all-same
[ "$(nproc --ignore=1)" -ge 1 ] && echo ignore-ok
nproc --ignore=999; echo $?
nproc --ignore 999; echo $?
OMP_NUM_THREADS=3 nproc
OMP_NUM_THREADS=' 3,4' nproc
OMP_THREAD_LIMIT=1 OMP_NUM_THREADS=5 nproc
OMP_NUM_THREADS=5 OMP_THREAD_LIMIT=2x nproc
OMP_NUM_THREADS=x nproc | grep -c "^$n\$"
OMP_NUM_THREADS=7 nproc --all | grep -c "^$n\$"
OMP_NUM_THREADS=7 nproc --ignore=+2
nproc --ignore=x; echo $?
nproc --ignore=-1; echo $?
nproc --ignore=99999999999999999999999; echo $?
nproc x; echo $?
nproc --bogus; echo $?
printf 'hello world this is a long line\n\tTab\there and more text\nx\b\byz\rabcdefghijkl\nnonl' > /tmp/f.txt
for o in "-w 10" "-s -w 10" "-b -w 5" -8 "-w 1" -sw4 -s10 "-bw 3" "--width=12 --spaces" "--wid 6 -- /tmp/f.txt"; do
	echo "== $o"; fold $o /tmp/f.txt | od -An -c; echo "[$?]"
done
printf 'abc def' | fold -w 3 -
echo; fold -w 2 < /tmp/f.txt | head -2
fold -w 0 /tmp/f.txt; echo $?
fold -w x /tmp/f.txt; echo $?
fold -w -3 /tmp/f.txt; echo $?
fold -1x /tmp/f.txt; echo $?
fold -w 99999999999999999999999 /tmp/f.txt; echo $?
fold /nonexist /tmp/f.txt | wc -c; echo $?
fold -q; echo $?
fold -w; echo $?
