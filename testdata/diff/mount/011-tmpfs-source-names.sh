mkdir /a /b /c /d
mount -t tmpfs none /a
mount -t tmpfs my-data /b
mount -t tmpfs 'with space' /c
mount -t tmpfs 'tab	and\back' /d
cat /proc/self/mountinfo
cat /proc/self/mounts
findmnt -n -o TARGET,SOURCE -t tmpfs
