# Relative dates (now, yesterday, "N units ago", next/last, weekdays)
# measured against each other in whole minutes or days, so that the
# moment the script runs does not show.
mins() { touch -d "$1" /tmp/a; touch -d "$2" /tmp/b; echo "$1 / $2: $(( ($(stat -c %Y /tmp/a) - $(stat -c %Y /tmp/b) + 30) / 60 ))"; }
mins now '2 hours ago'
mins tomorrow yesterday
mins 'now + 1 hour' now
mins '1 hour ago now' now
mins '3 min' now
mins '+2 weeks' today
mins '10 days ago' '1 day'
mins 'third day' 'next day'
mins '2 days ago 3 hours' now
mins 'last week' 'this week'
mins '1 fortnight' now
mins sec now
date -d 'next monday' +%u; date -d 'last sunday' +%u; date -d friday +%A
date -d 'next monday' +%T; date -d 'UTC' +%T; date -d '' +%T; date -d 'Z' +%T; date -d T +%T
date -d '1/2' +%m%d; date -d 'Jan 2' +%m%d; date -d '23:59' +%T; date -d '12:30am' +%T
date -d 'UTC+2' +%T; date -d '7 am' +%T
