# unshare's remaining options with a user namespace: --kill-child[=SIG]
# (a fork whose child has that parent-death signal), -f (the command is
# unshare's child; without it unshare's own process), --keep-caps (the
# capabilities reach the command through the ambient set), -S and -G
# inside the namespace (setgroups is denied there once -r wrote the
# gid map), and short options in clusters as getopt reads them.
# unshare -U refuses a chrooted caller: the kernel side's root must be
# its namespace's.
# kerneltest: switch-root
sh -c 'echo $$ > /tmp/a; exec unshare -f sh -c "awk \"/^PPid:/ { print \\\$2 }\" /proc/\$\$/status > /tmp/b"'
[ "$(cat /tmp/a)" = "$(cat /tmp/b)" ] && echo fork-parent
sh -c 'a=$$; exec unshare -m sh -c "[ \$\$ = $a ] && echo same-pid"'
sh -c 'a=$$; exec unshare -f sh -c "[ \$\$ != $a ] && echo other-pid"'
unshare --kill-child setpriv -d | tail -1
unshare --kill-child=SIGTERM setpriv -d | tail -1
unshare --kill-child=hup -Ur setpriv -d | tail -1
unshare --kill-child=FOO true; echo rc=$?
unshare --kill-child=15 true; echo rc=$?
unshare --kill-child= true; echo rc=$?
unshare -U --keep-caps grep Cap /proc/self/status
unshare -Ur --keep-caps grep Cap /proc/self/status
unshare -Ur --keep-caps -S 0 -G 0 grep Cap /proc/self/status; echo rc=$?
unshare -U --map-user=7 --map-group=7 --keep-caps -S 7 sh -c 'id -u; grep Cap /proc/self/status'
unshare -U --map-user=7 --map-group=7 -S 7 sh -c 'id -u; grep Cap /proc/self/status'
unshare -Ur -S 0 id -u; echo rc=$?
unshare -Ur -G 0 id -g; echo rc=$?
unshare -Ur -S 5 id -u; echo rc=$?
unshare -U -S 0 id -u; echo rc=$?
unshare -U -G 0 id -u; echo rc=$?
unshare --map-user=0 --map-group=0 --setgroups=allow true; echo rc=$?
unshare -U --map-user=0 --setgroups=allow -G 0 sh -c 'id -u; id -g; cat /proc/self/setgroups'; echo rc=$?
unshare -Urm sh -c 'id -u; readlink /proc/self/ns/mnt >/dev/null && echo mnt'
unshare -Ur -m id -u
unshare -rUm id -u
unshare -mUr id -u
unshare -Urmf id -u
unshare -Urx true; echo rc=$?
unshare -Ucm sh -c 'id -u; id -g'
unshare -cU id -u
unshare -UrS 0 id -u; echo rc=$?
unshare -UrS0 id -u; echo rc=$?
unshare -rGx true; echo rc=$?
unshare -Ur --map-user=3 id -u
unshare --map-group=4 -r id -g
