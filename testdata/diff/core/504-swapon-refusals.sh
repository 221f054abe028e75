# swapon and swapoff where the kernel refuses without ever using swap:
# files on tmpfs (EINVAL), an unprivileged caller (EPERM, after swapon's
# own warnings), directories, devices and FIFOs, missing files, and
# swapoff of what is not active; swapon --show and -s stay empty.
mkdir /w; mount -t tmpfs w /w; cd /w
dd if=/dev/zero of=f bs=1k count=256 status=none
mkswap -U 11111111-2222-3333-4444-555555555555 f >/dev/null 2>&1; echo $?
chmod 644 f
setpriv --reuid=1000 --regid=1000 --clear-groups swapon f; echo $?
setpriv --reuid=1000 --regid=1000 --clear-groups swapoff f; echo $?
chmod 600 f
swapon f; echo $?
swapon -p 3 /w/f; echo $?
swapoff f; echo $?
mkdir d; swapon d; echo $?
swapoff d; echo $?
mkfifo p; swapoff p; echo $?
swapon /dev/null; echo $?
swapoff /dev/null; echo $?
swapon /w/none; echo $?
swapoff /w/none; echo $?
swapon --show; echo $?
swapon -s; echo $?
swapon -L nolabel; echo $?
swapoff -U 11111111-2222-3333-4444-555555555555; echo $?
# -e (skip what does not exist) is for -a's entries: with a device named
# it is bad usage; alone it lists, as swapon does without arguments.
swapon -e /nonexistent; echo "rc=$?"
swapon -e; echo "rc=$?"
