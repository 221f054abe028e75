mkdir /new
mount -t tmpfs newroot /new
mkdir /new/proc
mount -t proc proc /new/proc
cd /new
pivot_root . .; echo "pivot . . $?"
echo "== old root stacked on top of the new one"
while IFS= read -r l; do echo "$l"; done < /proc/self/mountinfo
