# tmpfs mpol= on a one-node machine: default (no policy, and no change on
# remount), local, prefer (local without a node), bind, interleave (all
# nodes), =static/=relative, offline nodes and malformed values; shown
# between huge= and noswap.
mkdir /mp
mount -t tmpfs -o noswap,mpol=bind:0,huge=always,inode64 t /mp && grep /mp /proc/mounts
mount -o remount,mpol=default /mp; grep /mp /proc/mounts
mount -o remount,mpol=prefer:0 /mp; grep /mp /proc/mounts
mount -o remount,huge=never /mp; grep /mp /proc/mounts
umount /mp
for o in mpol=default mpol=local mpol=prefer:0 mpol=bind:0 mpol=interleave mpol=interleave:0 mpol=prefer mpol=bind mpol=bogus mpol=prefer:1 mpol=bind:0-0 mpol=static mpol=bind=static:0 mpol=interleave=relative mpol=local:0 mpol=default:0 mpol= mpol=bind: mpol=bind:0-1 mpol=prefer=static; do
  mount -t tmpfs -o $o t /mp 2>/dev/null && grep /mp /proc/mounts; echo "$o $?"; umount /mp 2>/dev/null
done
