# bash's ulimit: each resource option with an optional argument (the next
# word unless it starts with '-'), an operand for the last one without
# one, -f by default, "hard" and "soft" as values, the -a listing with
# units and options, the pipe size it cannot set, several limits shown
# with their descriptions, an unreadable argument stopping the command
# after the options before it took effect, and its diagnostics ("invalid
# number", "invalid hex number", "limit out of range", "cannot modify
# limit: ...") with status 1, a bad option with the usage line and 2.
# The limits shown are set first: the host's depend on the machine; each
# case runs in a subshell, and no hard limit is raised again (the host's
# root may lack CAP_SYS_RESOURCE).
ulimit -S -n 1024; ulimit -H -n 4096; ulimit -u 500 -i 500 -c 0 -s 8192 -l 8192 -q 819200
ulimit -a; ulimit -Ha | head -4
ulimit; ulimit -n; ulimit -Hn; ulimit -H -S -n; ulimit -S -H -n
for c in "-n abc" "-n 1 2" "-x" "-n -5" "-S -n 5000" "-f 1k" "-n unlimited" "-n 99999999" "-n 0x10" "-n 08a" \
	"-p 5" "-b" "-f 99999999999999999" "-c -n" "-t 100 -n 200" "-n -- 300" "-t3 -c" "-n hard" "-Sn 100" "-n soft" \
	"-n 50 -c abc -t 4" "-t 5 -n -c" "-p hard"; do
	(ulimit $c; echo "ulimit $c: $?"; ulimit -n)
done
ulimit -n; ulimit -Hn
(ulimit -n 77; ulimit -n); ulimit -n
x=$(ulimit -n 66; ulimit -n); echo "$x"; ulimit -n
ulimit -n 55 | cat; ulimit -n
f() { ulimit -n 44; }; f; ulimit -n
ulimit -S 50; ulimit; ulimit -Hf; ulimit -S -f unlimited; ulimit -f
