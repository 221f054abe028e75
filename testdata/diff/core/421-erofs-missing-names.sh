# Names on a read-only bind mount: unlink(2) and rmdir(2) fail with EROFS
# before looking the name up, so rm checks with lstat and reports a
# missing name as missing (rm -f then says nothing and succeeds), while
# unlink(1) and rmdir(1) print EROFS; mv across mounts removes the target
# by the source's type before copying, whether or not it exists ("unable
# to remove target: Read-only file system"), and a source it cannot
# remove after the copy leaves the copy behind. Other tools on the same
# mount: the errors of creating what exists.
mkdir -p /m/d /ro /n; touch /m/f; mount --bind -o ro /m /ro; mount -t tmpfs n /n; echo n > /n/f; mkdir /n/dir
rmdir /ro/nope; echo rc=$?; rm /ro/nope; echo rc=$?; unlink /ro/nope; echo rc=$?; rm -f /ro/nope; echo rc=$?
rm -r /ro/nope; echo rc=$?; rm -d /ro/nope; echo rc=$?; rm -rf /ro/nope /ro/nope2; echo rc=$?
rm -f /ro/f; echo rc=$?; rm -rf /ro/d; echo rc=$?; rm /ro/f/x; echo rc=$?; rm -f /ro/f/x; echo rc=$?
mv /ro/nope /ro/x; echo rc=$?; mv /ro/f /ro/g; echo rc=$?; mkdir /ro/d; echo rc=$?; mkdir /ro/nope/x; echo rc=$?
rmdir /ro/nope/x; echo rc=$?; ln -s x /ro/f; echo rc=$?; ln /ro/f /ro/f; echo rc=$?; mknod /ro/f c 1 3; echo rc=$?
mkfifo /ro/f; echo rc=$?; rmdir /ro/f; echo rc=$?; rmdir /ro/f/x; echo rc=$?
touch /ro/f; echo rc=$?; touch -c /ro/nope; echo rc=$?; truncate -s0 /ro/nope; echo rc=$?
ln /m/f /ro/nope/x; echo rc=$?
echo --- mv
mv /n/f /ro/nope; echo rc=$?; mv /n/dir /ro/nope; echo rc=$?; mv /n/f /ro/; echo rc=$?
mv -f /n/dir /ro/d; echo rc=$?; mv /m/f /ro/; echo rc=$?
mv /ro/f /n/g; echo rc=$?; ls /m /n; mv -v /ro/d /n/; echo rc=$?; ls /m /n
