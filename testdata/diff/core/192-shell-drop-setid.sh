# A shell started with effective IDs other than its real ones (set-ID, or
# setpriv here) takes the real ones unless -p; as root
# every ID of the pair goes (status shows them all). With both pairs,
# dash (sh) drops the user first and keeps its saved group, bash does not.
setpriv --ruid 1000 --euid 0 sh -c 'id -u; id -ru; grep ^Uid /proc/$$/status'
setpriv --ruid 1000 --euid 0 bash -c 'id -u; grep ^Uid /proc/$$/status; :'
setpriv --ruid 1000 --euid 0 sh -p -c 'id -u; id -ru; grep ^Uid /proc/$$/status'
setpriv --ruid 1000 --euid 0 bash -p -c 'id -u; grep ^Uid /proc/$$/status; :'
setpriv --rgid 1000 --egid 0 --clear-groups sh -c 'id -g; id -rg; grep ^Gid /proc/$$/status'
setpriv --rgid 1000 --egid 0 --clear-groups sh -p -c 'id -g; grep ^Gid /proc/$$/status'
setpriv --ruid 1000 --euid 0 --rgid 1000 --egid 0 --clear-groups sh -c 'id -u; id -g; grep -E "^(Uid|Gid)" /proc/$$/status'
setpriv --ruid 1000 --euid 0 sh -c 'sh -c "id -u"; echo "\$(id -u)"'
setpriv --ruid 1000 --euid 0 --rgid 1000 --egid 0 --clear-groups bash -c 'grep -E "^(Uid|Gid)" /proc/$$/status; :'
