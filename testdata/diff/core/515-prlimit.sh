# util-linux's prlimit: the table of every limit (alphabetical, soft and
# hard right-aligned, no unit for the priorities), one resource, --raw,
# --noheadings, --output; setting SOFT:HARD, SOFT:, :HARD and a single
# value for another process (--pid) or for a command; its errors (no such
# process, unparsable value, soft above hard, past fs.nr_open, both --pid
# and a command, unknown column) and statuses. The limits shown are set
# first: the host's depend on the machine.
ulimit -S -n 1024; ulimit -H -n 4096; ulimit -u 500 -i 500 -c 0 -s 8192 -l 8192 -q 819200
prlimit; echo "status $?"
prlimit --noheadings -n; prlimit --raw -n -c; prlimit -o RESOURCE,SOFT -n; prlimit -o hard,resource --raw --noheadings -n -c
prlimit --nofile=100:200 --pid $$; prlimit -n --pid $$; ulimit -n; ulimit -Hn
prlimit -n=50 prlimit -n; prlimit --nofile=60 prlimit -n; prlimit -n=40: prlimit -n; prlimit -n=:150 prlimit -n
prlimit -n=:70 prlimit -n; echo "status $?"
prlimit --nofile=unlimited prlimit -n; echo "status $?"
prlimit -n=2000000 true; echo "status $?"
prlimit --pid 999999; echo "status $?"
prlimit -n=abc; echo "status $?"
prlimit --cpu=5:unlimited -t; prlimit -x
prlimit --pid abc; echo "status $?"
prlimit --pid 1 --pid 1; echo "status $?"
prlimit --pid $$ true; echo "status $?"
prlimit -o FOO; echo "status $?"
prlimit -n nosuchcommand; echo "status $?"
prlimit -n true | cat; echo "status $?"
prlimit --verbose -n=30:40 true; echo "status $?"
prlimit -n=5 sh -c 'ulimit -n; ulimit -Hn; cat /proc/self/limits | grep files'
# The soft value is read as far as it goes; a hard value must be whole.
for v in 7x 5x:7 5:7x x; do prlimit --nofile=$v sh -c 'echo "$(ulimit -Sn) $(ulimit -Hn)"'; echo "rc=$?"; done
