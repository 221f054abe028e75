mkdir -p /new/old /mnt /notmnt/old
touch /f
pivot_root /notmnt /notmnt/old; echo "new root on the root mount $?"
mount -t tmpfs new /new
mkdir /new/old
mount -t tmpfs mnt /mnt
pivot_root /new /mnt; echo "put_old not under new_root $?"
pivot_root /new /new/nosuch; echo "missing put_old $?"
pivot_root /nosuch /new/old; echo "missing new_root $?"
pivot_root / /new/old; echo "new_root is the root $?"
pivot_root /new /f; echo "put_old a file $?"
pivot_root /f /new/old; echo "new_root a file $?"
cat /proc/self/mountinfo
