# X-mount.idmap= came with util-linux 2.39 (mount_setattr with
# MOUNT_ATTR_IDMAP); 2.38 takes it for a userspace option of the X-
# family and makes the plain bind (strace on the host: mount(2) with
# MS_BIND and no mount_setattr).
mkdir /a /b /c
mount -t tmpfs t /a; touch /a/f
mount -o X-mount.idmap=0:1000:1 --bind /a /b; echo "idmap bind $?"
mount -o X-mount.idmap=b:0:1000:1,ro --bind /a /c; echo "idmap bind ro $?"
stat -c '%u %g %n' /b/f /c/f
cat /proc/self/mountinfo
