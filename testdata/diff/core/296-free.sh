# free: without /proc/meminfo (a tmpfs hides it), then from a meminfo
# written there: the default KiB, -b -m -g
# --mega, -h with and without --si, -w, -t, and a meminfo without
# MemAvailable.
unshare -m sh -c '
mount -t tmpfs x /proc
free; echo "rc $?"
printf "MemTotal:       24683748 kB\nMemFree:        21435524 kB\nMemAvailable:   23693172 kB\nBuffers:          123456 kB\nCached:          2345678 kB\nSwapCached:            0 kB\nShmem:             10152 kB\nSReclaimable:     199946 kB\nSwapTotal:       1048572 kB\nSwapFree:         524288 kB\n" > /proc/meminfo
free; free -b; free -m; free -g; free -h; free -h --si; free -w; free -t; free --mega; free -k -t -w
printf "MemTotal: 1000 kB\nMemFree: 10 kB\n" > /proc/meminfo
free; free -h
' 2>&1
