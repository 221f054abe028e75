# A command's descriptors 0 to 2 are files of its own process: a pipe in a
# pipeline, the file of a redirection, /dev/null; /proc/self is the command
# itself, and /proc lists self and thread-self. Pipe inodes and process
# numbers vary from run to run: sed keeps their shape. Descriptors above 4
# are the test runner's, which it may leave open.
echo x | readlink /proc/self/fd/0 | sed 's/[0-9][0-9]*/N/'
readlink /proc/self/fd/1 | cat | sed 's/[0-9][0-9]*/N/'
readlink /proc/self/fd/0 < /dev/null
mkdir /w; mount -t tmpfs w /w
echo hi > /w/f; readlink /proc/self/fd/0 < /w/f
readlink /proc/self/fd/1 >> /w/f; cat /w/f
ls /proc | grep -c self
readlink /proc/thread-self | sed 's/[0-9][0-9]*/N/g'
ls -l /proc/self/fd < /dev/null 2>/dev/null | awk 'NR > 1 && $9 < 5 { print $1, $5, $9, $10, $11 }' | sed 's/[0-9][0-9]*\]/N]/; s|/proc/[0-9]*/|/proc/N/|'
exec 3< /w/f; ls /proc/self/fd < /dev/null 2>/dev/null | awk '$1 < 5' | tr '\n' ' '; echo; exec 3<&-
stat -c '%A %s' /proc/self/fd/0 < /dev/null
cat /proc/self/cmdline | tr '\0' ' '; echo
env -i A=1 B=2 cat /proc/self/environ | tr '\0' ' '; echo
grep -E '^(Name|State|Umask|Threads|Uid|Gid|NoNewPrivs):' /proc/self/status
sh -c 'grep PPid /proc/self/status' | sed 's/[0-9][0-9]*/N/'
printf 'a\nb\nc\nd\n' > /w/l; { read x; head -c 2; read y; echo "x=$x y=$y"; cat; } < /w/l
printf 'one\ntwo\n' | { read x; cat; echo "x=$x"; }
while read l; do echo "[$l]"; done < /w/l
readlink /proc/self/fd/1 | { read a; b=$(readlink /proc/self/fd/0); [ "$a" = "$b" ] && echo "one pipe"; }
