# dash's ulimit: the soft limit shown, both set by default, -H and -S
# (the last given wins), its -a listing in its own units and names, its
# diagnostics ("bad number", "too many arguments", an option it lacks,
# "error setting limit (...)": soft above hard, past fs.nr_open) and
# status 2; a limit set in a subshell or command substitution stays there.
# Raising a hard limit again is not tried: the host's root may lack
# CAP_SYS_RESOURCE (a container's does) where linuxvfs's root has it.
# The limits shown are set first: the host's depend on the machine.
sh -c '
ulimit -S -n 1024; ulimit -H -n 4096; ulimit -p 500; ulimit -c 0; ulimit -s 8192; ulimit -l 8192
ulimit -a
ulimit; ulimit -n; ulimit -H -n; ulimit -S -H -n; ulimit -H -S -n
for c in "-n abc" "-n 1 2" "-a 5" "-x" "-e" "-n -5" "-S -n 5000" "-f 1k" "-n unlimited" "-n 99999999" "-H -n 2000 -c" "-t -H -n 3000"; do
	ulimit $c; echo "ulimit $c: $?"
done
ulimit -n 2000; ulimit -Hn; ulimit -Sn
(ulimit -n 77; ulimit -n); ulimit -n
x=$(ulimit -n 66; ulimit -n); echo "$x"; ulimit -n
ulimit -S -f 100; ulimit -f; ulimit -H -f; ulimit -S -f unlimited; ulimit -f
ulimit -v 100000; ulimit -v; ulimit -t 30; ulimit -Ht
' 2>&1
echo "status $?"
