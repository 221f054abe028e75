# sharedsubtree.rst 6B, with /r standing in for /.
mkdir /r
mount --bind /r /r
mount --make-rshared /r
mkdir -p /r/v/1
mount --rbind /r /r/v/1; echo "rbind $?"
ls /r/v/1/v/1
cat /proc/self/mountinfo
