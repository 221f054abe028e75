# mv across mounts: rename says EXDEV, so mv copies (ownership, modes,
# times, hard links, symlinks, FIFOs kept) and removes the source; its
# messages when the destination is in the way.
mkdir /a /b; mount -t tmpfs t /b
echo x > /a/f; mv /a/f /b/f; echo "file $?"; ls /b
mkdir -p /a/d/e; echo y > /a/d/e/g; ln /a/d/e/g /a/d/h; ln -s g /a/d/e/l; mkfifo /a/d/p
chown 5:6 /a/d/e/g; chmod 640 /a/d/e/g; chmod 700 /a/d/e
touch -d '2001-01-01 00:00:00' /a/d/e/g /a/d/e; touch -h -d '2002-02-02 00:00:00' /a/d/e/l
mv /a/d /b/; echo "dir $?"
ls -a /b/d /b/d/e
stat -c '%n %h %u:%g %a %F %s' /b/d/h /b/d/e/g /b/d/p /b/d/e/l /b/d/e
stat -c '%n %y' /b/d/e/g /b/d/e/l /b/d/e
ls /a
echo z > /a/f2; echo old > /b/f2; mv /a/f2 /b/f2; echo "over $?"; cat /b/f2; ls /a
mkdir -p /a/e1 /b/e1; touch /a/e1/x; mv /a/e1 /b/; echo "emptydir $?"; ls /b/e1 /a
mkdir -p /a/e2 /b/e2; touch /a/e2/x /b/e2/y; mv /a/e2 /b/; echo "nonempty $?"; ls /a /b/e2
mkdir /a/d4; echo r > /b/d4; mv /a/d4 /b/d4; echo "dir-onto-file $?"
echo s > /a/f4; mkdir /b/f4; touch /b/f4/f4; mkdir /b/f4/f4x; mv -T /a/f4 /b/f4; echo "file-onto-dir $?"
mv -v /a/f4 /b/f5; echo "v $?"
mv -n /a/d4 /b/d4; echo "n $?"
ls /a /b
umount /b
mount -t tmpfs t /b
mkdir /a/v; echo 1 > /a/v/f; ln /a/v/f /a/v/g; mkdir /a/v/d; mv -v /a/v /b/; echo "mv -v $?"
umount /b
