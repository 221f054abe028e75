# jobs lists the shell's running jobs as bash prints them ("[N]+  Running
# COMMAND &", + for the current job, - for the previous one); job
# specifications (%N, %+, %-, %%, %NAME, %?TEXT) name them for jobs,
# kill and wait; jobs -p prints process IDs, -l adds them (masked here).
# A subshell starts with no jobs; a command substitution sees its
# shell's. disown takes a job out of the table (wait still finds it);
# fg, bg and suspend need job control, which bash -c has not.
jobs; echo "no jobs: $?"
n=100
sleep $n & (sleep 100) > /dev/null & { exec sleep 100; } & sleep 100 | cat &
f() { exec sleep 100; }; f 2>/dev/null & sleep 100 > /dev/null 2>&1 &
jobs
jobs -l %1 %2 %3 %5 %6 | sed 's/^\(\[[0-9]\][-+ ]\) *[0-9][0-9]* /\1 PID /'
[ "$(jobs -p | wc -l)" = 6 ] && echo "six pids"
[ "$(jobs -p | tail -n 1)" = "$!" ] && echo "the last is \$!"
[ "$(jobs -p %+)" = "$!" ] && echo "%+ is the current job"
[ "$(jobs -p %%)" = "$!" ] && echo "%% too"
[ "$(jobs -p %)" = "$!" ] && echo "% too"
[ "$(jobs -p %-)" = "$(jobs -p %5)" ] && echo "%- is the previous one"
jobs %2 %f
jobs %7; echo "no such job: $?"
jobs %sleep; echo "ambiguous: $?"
jobs -r | wc -l; jobs -s | wc -l; echo "stopped: $?"
[ "$(echo $(jobs -p))" = "$(jobs -p | tr '\n' ' ' | sed 's/ $//')" ] && echo "a command substitution sees the jobs"
(jobs; jobs -p; echo "a subshell has none") 
( wait %1; echo "not its job: $?" )
kill %1; wait %1; echo "killed %1: $?"; kill %2; wait %2; echo "killed %2: $?"
kill %+; wait %+ 2>/dev/null; echo "killed the current one: $?"
sleep 100 &
jobs
kill %4 %f %3 %6 %7; wait
jobs; echo "all gone"
sleep 100 & disown; jobs; echo "disowned: $(jobs -p | wc -l)"; kill $!; wait $!; echo "still a child: $?"
sleep 100 & disown -h; jobs; kill %1; wait
disown; echo "disown: $?"; disown %3 12345; echo "disown: $?"
fg; echo "fg: $?"; bg %1; echo "bg: $?"; suspend; echo "suspend: $?"
