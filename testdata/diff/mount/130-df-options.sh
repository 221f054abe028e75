# df's option errors and conflicts, -B arguments and the environment's
# block sizes.
mkdir /m
mount -t tmpfs -o size=4m,nr_inodes=64 t /m
head -c 100000 /dev/zero > /m/f
df --output=foo /m; echo "status $?"
df --output=size,size /m; echo "status $?"
df --output= /m; echo "status $?"
df -i --output /m; echo "status $?"
df --output -i /m; echo "status $?"
df -T --output /m; echo "status $?"
df -P --output /m; echo "status $?"
df --output -P /m; echo "status $?"
df -q /m; echo "status $?"
df --nope /m; echo "status $?"
df --h /m; echo "status $?"
df --ty=tmpfs --o=source,target /m; echo "status $?"
df -B; echo "status $?"
df -Bx /m; echo "status $?"
df --block-size=2X /m; echo "status $?"
df -B 0 /m; echo "status $?"
df -B 99E /m; echo "status $?"
df -B 1e /m; echo "status $?"
df -m /m
df -kh /m
df -hk /m
df -Hh /m
df -hP /m
df -B 0x400 -P /m
df -F tmpfs -v --sync --no-sync -l /m
DF_BLOCK_SIZE=1M df /m
BLOCK_SIZE=1000 df /m
BLOCKSIZE=human-readable df /m
POSIXLY_CORRECT=1 df /m
POSIXLY_CORRECT=1 df -P /m
DF_BLOCK_SIZE=x df /m
BLOCK_SIZE=M df -P /m
df --version > /dev/null; echo "version $?"
df --help > /dev/null; echo "help $?"
