# overlayfs merges its layers: the upper layer's entry over the first
# lower layer's, directories merged down the stack, the merged listing
# in the kernel's order (the lowest layer's names first), reads from
# whichever layer has the file, the options as mountinfo shows them and
# statfs's type.
cd /tmp
mkdir -p l1/d l2/d l2/e u/d w m
echo l1a > l1/a; echo l2a > l2/a; echo l2b > l2/b
echo l1x > l1/d/x; echo l2y > l2/d/y; echo l2z > l2/e/z; echo ux > u/d/x; echo uc > u/c
mount -t overlay overlay -o lowerdir=l1:l2,upperdir=u,workdir=w m; echo "rc=$?"
findmnt -n -o FSTYPE,SOURCE,OPTIONS /tmp/m
grep ' /tmp/m ' /proc/self/mountinfo | cut -d' ' -f5,6,9-
ls -f m; ls -f m/d
cat m/a m/b m/c m/d/x m/d/y m/e/z
ls -l m | sed 's/ [A-Z][a-z][a-z] .* / /'
stat -f -c '%t %T' m
stat -c '%F %h' m m/d m/e m/a
[ "$(stat -c %d m)" = "$(stat -c %d m/a)" ] && echo "same st_dev"
[ "$(stat -c %d m)" != "$(stat -c %d u)" ] && echo "not the upper's st_dev"
ls -ld w/work | cut -c1-10
umount m; echo "rc=$?"
