# dash's kill -l: every number from 0 to 64 one a line, by name where
# dash has one (16, 32 and 33 by number); with arguments only the first
# counts, a number or an exit status above 128; a name or 0 is refused,
# and -N is an option there, illegal (status 2). trap -l is no option of
# dash's; bash's lists stay as they were.
sh -c 'kill -l' | tr '\n' ' '; echo
sh -c 'kill -l 15 9; kill -l 143; kill -l 16; kill -l 64; kill -l 192; kill -l 015'
for a in TERM 0 200 65 -5 +5 -ll "" "-- 3"; do sh -c "kill -l $a"; echo "$a: $?"; done
sh -c 'trap -l'; echo "trap -l: $?"
bash -c 'kill -l' | head -2; bash -c 'trap -l' | tail -1
