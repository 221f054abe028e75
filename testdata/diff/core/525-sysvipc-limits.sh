# The System V limits in /proc/sys/kernel are per IPC namespace, with
# the kernel's defaults and range checks: shmmni and msgmni at most
# 32768, msgmax not negative, shm_rmid_forced 0 or 1, shmmax and shmall
# unsigned longs (0x.. taken), sem's four numbers (a write may give
# fewer; semmni past 32768 is refused), auto_msgmni reading 0; ipcs -l
# shows them (-b in bytes, --human) and a limit is enforced (ENOSPC).
# A second unshare -i starts again from the defaults. Under
# shm_rmid_forced a segment nobody has attached goes when its creator
# exits, and setting it removes such segments of creators gone.
unshare -i sh -c '
cd /proc/sys/kernel
cat shmmax shmall shmmni shm_rmid_forced msgmax msgmnb msgmni sem auto_msgmni shm_next_id msg_next_id sem_next_id
ls -l shm* msg* sem* auto_msgmni | cut -c1-10,40-
echo 32768 > shmmni; echo "shmmni 32768: $?"; echo 32769 > shmmni; echo "shmmni 32769: $?"; cat shmmni
echo -5 > msgmax; echo "msgmax -5: $?"; echo 2 > shm_rmid_forced; echo "rmid_forced 2: $?"
echo -1 > shmall; echo "shmall -1: $?"; echo 0x10 > shmall; cat shmall
echo 1 2 3 32769 > sem; echo "semmni 32769: $?"; cat sem
echo 250 64000 > sem; echo "two: $?"; cat sem
echo 1 > auto_msgmni; echo "auto 1: $?"; cat auto_msgmni; echo 2 > auto_msgmni; echo "auto 2: $?"
echo 4096 > shmmax; echo 2 > msgmni; echo 7 1000 32 5 > sem
ipcs -l; ipcs -l -b; ipcs -l --human
ipcmk -M 4096; ipcmk -M 4097; echo "over shmmax: $?"
ipcmk -M 4096; echo "over shmall: $?"
ipcmk -Q; ipcmk -Q; ipcmk -Q; echo "third queue: $?"
ipcmk -S 8; echo "8 sems: $?"
unshare -i sh -c "cat /proc/sys/kernel/shmmax /proc/sys/kernel/sem; ipcs -m"
'
unshare -i sh -c '
ipcmk -M 10 >/dev/null; echo 1 > /proc/sys/kernel/shm_rmid_forced; ipcs -m | grep -c ^0x
ipcmk -M 10; ipcs -m | grep -c ^0x
echo 0 > /proc/sys/kernel/shm_rmid_forced; ipcmk -M 10; ipcs -m | grep -c ^0x
'
