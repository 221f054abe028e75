# /proc/self/cwd, root and fd/N: readlink shows a path, following one lands
# on the object itself, even after its name is gone.
mkdir /t && cd /t
readlink /proc/self/cwd /proc/self/root
exec 3</dev/zero
readlink /proc/self/fd/3
echo data > /t/f
exec 4</t/f
rm /t/f
readlink /proc/self/fd/4
cat /proc/self/fd/4
cd /proc/self/cwd && pwd -P
test -e /proc/self/fd/9; echo "closed fd $?"
