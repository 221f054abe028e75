# coreutils word their messages with argv[0] as given (program_name): a
# tool run by its path names that path, a copy under another name that
# name as it was run; getopt's complaints and the try-help line too
# (grep's usage lines keep the short name). env, xargs, find -exec and
# timeout pass the path on as argv[0].
mkdir -p /tmp/a0; cd /tmp/a0
/usr/bin/env /x; echo "env $?"
/bin/cat /nope; echo "cat $?"
/bin/ls /nope; echo "ls $?"
/bin/mkdir /nope/a; echo "mkdir $?"
/usr/bin/stat /nope; echo "stat $?"
/usr/bin/env --bad; echo "env $?"
/bin/ls --bad; echo "ls $?"
/usr/bin/timeout; echo "timeout $?"
/bin/grep x /nope; echo "grep $?"
/bin/grep --bad; echo "grep $?"
/bin/sed -e k; echo "sed $?"
/usr/sbin/chroot /nope; echo "chroot $?"
cp /bin/cat kitty; cp /bin/ls lister
./kitty /nope; echo "kitty $?"
/tmp/a0/lister /nope; echo "lister $?"
PATH=/tmp/a0:$PATH kitty /nope; echo "path $?"
env /bin/cat /nope; echo "env cat $?"
env ./kitty --bad; echo "env kitty $?"
echo /nope | xargs /bin/ls; echo "xargs $?"
find /tmp/a0 -name kitty -exec {} /nope \;; echo "find $?"
timeout 5 /tmp/a0/kitty /nope; echo "timeout kitty $?"
sh -c '/bin/cat /nope'; echo "sh $?"
