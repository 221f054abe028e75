# dash's wait: the signal that killed a job it was asked for, by name
# alone (none for SIGINT), nothing when it waits for all; a process that
# is no child gives 127 quietly; bad operands and options are dash's.
sh -c 'sleep 100 & kill $!; wait $!; echo "TERM: $?"' 2>&1
sh -c 'sleep 100 & kill -9 $!; wait %1; echo "KILL: $?"' 2>&1
sh -c 'sleep 100 & kill -USR1 $!; wait; echo "all: $?"' 2>&1
sh -c 'wait 99; echo "no child: $?"; wait %5; echo "no job: $?"; wait abc; echo "bad: $?"; wait -n; echo "-n: $?"' 2>&1
