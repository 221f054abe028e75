# Ids: index + 32768 * sequence. In a fresh namespace indexes are handed
# out in a cycle (a removed index is not reused at once) and *_next_id
# picks the next id once, then reads -1 again; it takes 0..INT_MAX.
# ipcs -u counts what is in use (segments, pages, arrays, semaphores).
unshare -i sh -c '
cd /proc/sys/kernel
ipcmk -Q; ipcmk -Q; ipcmk -Q; ipcrm -q 1; ipcmk -Q; ipcrm -q 0; ipcmk -Q
echo 5 > shm_next_id; cat shm_next_id; ipcmk -M 10; cat shm_next_id; ipcmk -M 10; ipcmk -M 10
ipcrm -m 5; ipcmk -M 10
echo 70000 > shm_next_id; ipcmk -M 1
echo -1 > shm_next_id; echo "next -1: $?"
echo 40000 > sem_next_id; ipcmk -S 2; echo 40000 > sem_next_id; ipcmk -S 1
ipcs -m -q -s | sed "s/^0x[0-9a-f]\{8\}/0xKEY/"
ipcs -u; ipcs -u -b; ipcs -u --human
'
