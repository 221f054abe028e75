# df on tmpfs mounts of known sizes: the default, -h, -H, -k, -i, -T, -P
# and --output layouts, Use% rounded up, human sizes rounded up (one
# decimal under 10), -B units and --total.
mkdir /a /b /c /d
mount -t tmpfs -o size=1m,nr_inodes=100 A /a
mount -t tmpfs -o size=10m,nr_inodes=1000 B /b
mount -t tmpfs -o size=3333k C /c
mount -t tmpfs -o size=1023k,nr_inodes=7 D /d
head -c 1234567 /dev/zero > /b/f
mkdir /b/dir
touch /b/dir/x
head -c 5000 /dev/zero > /c/f
head -c 1044000 /dev/zero > /d/f
df /a /b /c /d
df -h /a /b /c /d
df -H /a /b /c /d
df -k /a /b
df -i /a /b /d
df -ih /a /b /c
df -T /a /b/f
df -P /a /b/dir/x
df -PT /c
df --output /b/f /c
df --output=target,pcent,file /b/dir/x
df -h --output=size,used,avail /b /c
df -B1 /a /b
df -B 1000 /b /c
df -B 3 /b
df -BM /c /d
df -BMB /c
df -BKiB /a
df -BkB --output=size,used /b
df -B si /b
df --total /a /b /c
df --total -h /a /b
df --total -i /a /b
