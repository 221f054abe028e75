# A receiver whose copy comes after a blind level. P (a slave of D, shared)
# has three slaves, in this order on its list: S (sees the mountpoint), S2
# and S3 (rooted at sub, so blind to it). T is a slave of S2 and W one of S3,
# both rooted at the top, so they see it again. T's copy receives from P's
# copy; W's receives from the new mount on D itself: the kernel looks for
# W's source among the copies made last (T's), whose chain skips P's level.
mkdir /base
mount -t tmpfs B /base
mkdir /base/d /base/p /base/s /base/s2 /base/s3 /base/t /base/w
mount -t tmpfs D /base/d
mkdir /base/d/other /base/d/sub /base/d/sub/x
mount --make-shared /base/d
mount --bind /base/d /base/p
mount --make-slave /base/p
mount --make-shared /base/p
# W and S3 peers under P, then W a slave of S3 (the slaves go on the front
# of P's list, so they are made in reverse order: S3, S2, S).
mount --bind /base/p /base/w
mount --make-slave /base/w
mount --make-shared /base/w
mount --bind /base/w/sub /base/s3
mount --make-slave /base/w
mount --bind /base/p /base/t
mount --make-slave /base/t
mount --make-shared /base/t
mount --bind /base/t/sub /base/s2
mount --make-slave /base/t
mount --bind /base/p /base/s
mount --make-slave /base/s
cat /proc/self/mountinfo
mount -t tmpfs M /base/d/other
cat /proc/self/mountinfo
umount /base/d/other; echo "umount $?"
cat /proc/self/mountinfo
