# /proc/sys/kernel: the UTS names as files (proc_do_uts_string: the
# writer's UTS namespace, strict string writes: a newline or NUL ends the
# value, at most 64 bytes, O_APPEND writes at 0), read-only names refused
# at open even for root, and the pty directory's modes.
unshare -u sh -c '
echo one > /proc/sys/kernel/hostname; hostname
printf two > /proc/sys/kernel/hostname; cat /proc/sys/kernel/hostname
printf abc > /proc/sys/kernel/domainname; printf def >> /proc/sys/kernel/domainname; cat /proc/sys/kernel/domainname
printf "a\nb" > /proc/sys/kernel/hostname; hostname
x=$(head -c 70 /dev/zero | tr "\0" x); printf %s "$x" > /proc/sys/kernel/hostname; hostname | wc -c
printf "" > /proc/sys/kernel/hostname; hostname
for f in ostype pty/nr version; do
	if (echo 1 > /proc/sys/kernel/$f) 2>/dev/null; then echo "$f written"; else echo "$f refused"; fi
done
cat /proc/sys/kernel/ostype
'
stat -c '%n %a %F' /proc/sys/kernel/hostname /proc/sys/kernel/domainname /proc/sys/kernel/ostype \
	/proc/sys/kernel/osrelease /proc/sys/kernel/version /proc/sys/kernel/pty \
	/proc/sys/kernel/pty/max /proc/sys/kernel/pty/nr /proc/sys/kernel/pty/reserve
cat /proc/sys/kernel/pty/reserve
