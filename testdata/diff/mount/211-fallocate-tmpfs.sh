# util-linux fallocate on tmpfs: preallocation counted against size=
# (ENOSPC leaves the created file empty), keep-size, punch-hole, dig
# holes, the modes tmpfs lacks, and the option and argument errors.
mkdir /fa
mount -t tmpfs -o size=1m t /fa
cd /fa
fallocate -l 2M f; echo "too big $?"; ls -s
fallocate -l 512k g; echo "half $?"; ls -s
df -k /fa
fallocate f; echo "no length $?"
fallocate; echo "nothing $?"
fallocate -l 1x g; echo "bad length $?"
fallocate -l 0 g; echo "zero $?"
fallocate -l 10k /nonexist/x; echo "no dir $?"
fallocate -n -l 100k h; echo "keep-size missing $?"
fallocate -p -o 0 -l 4096 g; echo "punch $?"; ls -s g
fallocate -v -d g; echo "dig $?"; ls -s g
fallocate -l 1MiB -o 1k g; echo "past size $?"
fallocate -x -l 4k i; echo "posix $?"
fallocate -z -l 8k g; echo "zero-range $?"
fallocate -c -l 4096 g; echo "collapse $?"
fallocate -l 4k /fa; echo "directory $?"
fallocate -l -5 g; echo "negative $?"
fallocate -p -c -l 4k g; echo "exclusive $?"
fallocate -l 4KB k; stat -c "%A %s %n" k
rm -f *
head -c 10000 /dev/zero > z; fallocate -v -d z; ls -s z
fallocate -v -l 8k v; fallocate -v -p -l 4k v; fallocate -n -v -o 8k -l 4k v; ls -s v
fallocate -l 4k a b; echo "two files $?"
fallocate -o x -l 1 f2; echo "bad offset $?"
df -k /fa
