# Names of IDs without an /etc/passwd of the script's own: Debian's static
# base-passwd users and groups (daemon, bin, www-data, nobody, nogroup,
# users, ...) in ls, stat, chown, chgrp, find, id; other IDs stay numbers.
mkdir /m
mount -t tmpfs -o uid=33,gid=34,mode=750 t /m
ls -ld /m | cut -d" " -f1-4
stat -c '%U %G %u %g' /m
touch /m/a /m/b /m/c
chown daemon:bin /m/a; chown nobody: /m/b; chown 1234:100 /m/c
ls -l /m | cut -d' ' -f1-4
ls -ln /m | cut -d' ' -f1-4
chown -v games:games /m/a
chown -v nobody /m/a
chown -c :users /m/a
chgrp -v staff /m/b
chgrp nosuch /m/b; echo $?
chown nosuch /m/b; echo $?
chown 1234: /m/b; echo $?
find /m -user nobody
find /m -group users
find /m -nouser
find /m -group nosuchgroup; echo $?
find /m -printf '%u %g %p\n' | sort
id daemon
id -gn nobody
mount -t tmpfs -o uid=65534,gid=65534 n /m
ls -ld /m | cut -d' ' -f1-4
stat -c '%U:%G' /m /dev/null /proc
