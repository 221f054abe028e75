# groups: the process's own, users by name with "USER : ", an unknown
# user; egrep and fgrep: Debian's scripts around grep -E and grep -F, no
# obsolescence warning, grep's own name in the messages.
groups; echo "rc $?"
groups root
groups nosuch 2>&1; echo "rc $?"
groups root root
chroot --userspec=0:54322 --groups=54322,0 / groups 2>&1
printf 'a\nc\n' | egrep 'a|b'; echo "rc $?"
printf 'a|b\na\n' | fgrep 'a|b'
egrep -c '(' /dev/null 2>&1; echo "rc $?"
fgrep -x 2>&1; echo "rc $?"
egrep --bogus 2>&1; echo "rc $?"
printf 'ab\nc\n' | fgrep -e a -e b
egrep x /nonexist 2>&1; echo "rc $?"
echo 'x.y' | fgrep -o '.'; echo "rc $?"
