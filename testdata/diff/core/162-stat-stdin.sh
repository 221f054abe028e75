# stat - looks at standard input, the file behind descriptor 0 (coreutils
# 9): a redirected file, /dev/null, a pipe; not in file system mode, and
# a closed descriptor 0 is an error.
echo hi > /tmp/sfile
stat -c '%n %s %F %a %h' - < /tmp/sfile
stat -c '%n %s %F %a %t:%T %N' - < /dev/null
stat - < /dev/null | sed -n '1p;2s/ *IO Block.*//p'
echo x | stat -c '%n %s %F %a %N' -; echo rc=$?
stat -f - < /tmp/sfile; echo rc=$?
stat - <&-; echo rc=$?
[ "$(stat -L -c %i - < /tmp/sfile)" = "$(stat -c %i /tmp/sfile)" ] && echo same inode
stat -c %n - /tmp/sfile < /tmp/sfile
stat -t - < /dev/null | cut -d' ' -f1,2,4
ln -s /tmp/sfile /tmp/slink; stat -c '%n %F' - < /tmp/slink
