# dash and bash keep the script they run open while it runs (close on
# exec; dash from descriptor 10 up, bash at 255), so the filesystem it is
# on is busy: umount fails with EBUSY until the shell ends. A script that
# execs a program gives the descriptor up, and sh -c holds no file.
mkdir -p /mnt/s
mount -t tmpfs scripts /mnt/s
cat > /mnt/s/try <<'EOS'
umount /mnt/s; echo "umount from the script: $?"
for f in /proc/$$/fd/*; do
	[ "$(readlink "$f")" = /mnt/s/try ] && echo "held at ${f##*/}"
done
EOS
printf 'exec sh -c "umount /mnt/s; echo after exec: \\$?"\n' > /mnt/s/execs
sh /mnt/s/try
bash /mnt/s/try
sh /mnt/s/execs 2>&1
mount -t tmpfs scripts /mnt/s
sh -c 'umount /mnt/s; echo "sh -c: $?"'
grep -c ' /mnt/s ' /proc/self/mountinfo
# The shell holds nothing else: its input is descriptor 0 itself.
# (A pipeline's pipe would be open in the shell while ls looks.)
sh -c 'ls /proc/$$/fd > /tmp/o; :'; tr '\n' ' ' < /tmp/o; echo
printf 'ls /proc/$$/fd > /tmp/o; tr "\\n" " " < /tmp/o; echo\n' > /tmp/fds.sh
sh /tmp/fds.sh < /dev/null
bash /tmp/fds.sh < /dev/null
# dash opens a program's redirections itself before it forks (its
# /proc/self is the shell), bash in the child (cat).
sh -c 'cat < /proc/self/comm; :'
bash -c 'cat < /proc/self/comm; :'
