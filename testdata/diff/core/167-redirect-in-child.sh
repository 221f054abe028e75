# A program's redirections are opened by its own process (the shell forks,
# the child opens them, then execs): /proc/self in a redirection is the
# program; a builtin's are the shell's. Descriptors above 2 can be
# redirected for one command, and are back as they were after it.
cat < /proc/self/status | grep -E '^Name'
head -n 1 < /proc/self/status
grep '^Pid' < /proc/self/status | awk -v s=$$ '{ print ($2 == s) ? "shell" : "child" }'
grep '^PPid' < /proc/self/status | awk -v s=$$ '{ print ($2 == s) ? "parent is the shell" : "other" }'
read l < /proc/self/status; echo "$l"
cat /proc/self/status > /tmp/st; grep -E '^Name' /tmp/st
mkdir /w; echo host > /w/h
readlink /proc/self/fd/3 3</w/h; echo rc=$?
ls -l /proc/self/fd 2>/dev/null 3</w/h < /dev/null | awk '$9 == 3 { print $9, $10, $11 }'
readlink /proc/self/fd/3; echo rc=$?
readlink /proc/self/fd/3 3</nonexist; echo rc=$?
echo x 3>/w/o3 >&3; cat /w/o3
exec 3</w/h; readlink /proc/self/fd/3 3</w/o3; readlink /proc/self/fd/3; exec 3<&-
f() { cat <&5; }; f 5</w/h
cat < /nonexist; echo rc=$?
echo y > /no/such; echo rc=$?
nosuchcommand > /w/created; echo rc=$?; ls /w
> /w/empty; ls /w
cat /w/h 2>/w/e > /no/such; echo rc=$?; cat /w/e
