# sharedsubtree.rst 4D with /r standing in for /.
mkdir -p /r/usr /r/view/v1 /r/view/v2
mount --bind /r /r
mount --make-shared /r
mount --rbind /r /r/view/v1
mount --rbind /r /r/view/v2
mount -t tmpfs versioned /r/usr
touch /r/usr/namespace.c
ls /r/view/v1/usr /r/view/v2/usr
cat /proc/self/mountinfo
