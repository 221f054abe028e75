# date(1): -d, -r, -f, the -I, -R and --rfc-3339 formats, +FORMAT, and the
# errors for bad dates, extra operands, and conflicting options.
date -d bad; echo $?; date -r /nonexist; echo $?; date +%s +%s; echo $?; date foo; echo $?
date -d @0; date -u -d @0 +%Z; date -d @0 -I; date -d @0 -Ihours; date -d @0 -Iminutes
date -d @0 -Iseconds; date -d @0 -Ins; date -d @0 -Ix; echo $?
date -d @0 -R; date -d @0 --rfc-3339=ns; date -d @0 --rfc-3339=seconds; date -d @0 --rfc-3339=date
date --rfc-3339; echo $?; date -d @0 -I -R; echo $?; date -d @0 -r /tmp; echo $?
printf '@0\nbad\n@86400\n' > /tmp/df; date -f /tmp/df; echo $?
date -d '@0' '+%Y %%'; date -d @1.5 +%s.%N; date -d; echo $?
date --iso-8601=date -d @0; date -d '2020-01-02'; date -d @0 +; echo "[$?]"; date -d @0 '+%'; echo
touch -d '2021-03-04 05:06:07' /tmp/r; date -r /tmp/r; date -r /tmp/r +%F
date -d '2020-02-29 +1 year' +%F; date -d 'Feb 29 2021'; echo $?
date -d '1 jan 2000 + 2 days' '+%A %j %U %V'
date -u -d '2000-01-01 00:00:00 +0100' -R
date +%Y >/dev/null; echo $?
date --date=@86399 '+%H:%M:%S %p %I %l %k'
