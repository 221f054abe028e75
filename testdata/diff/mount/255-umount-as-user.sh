# umount(8) run by a user other than root (libmount's restricted mode):
# each operand that is not a tag is first resolved as realpath(3) would
# (relative names, symbolic links, "..") and one that cannot be ends the
# command with its errno's text and status 1; a target mountinfo does not
# list is "not mounted" with status 1 and no umount(2) call. A listed one
# is tried (EPERM: "must be superuser", 32) once restrictions drop, which
# also spares the next operands the resolving. -d -i -l -q -v keep the
# restricted mode, -c is ignored in it, and any other option leaves it.
# (The host's umount is set-user-ID root, linuxvfs's is not: an fstab
# entry with "users", which lets the host's unmount, is left out.)
mount -t tmpfs top /mnt; cd /mnt; mkdir d g; touch f; ln -s nowhere dang; ln -s d dl
mount -t tmpfs gg /mnt/g
u() { setpriv --reuid=1000 --regid=1000 --clear-groups umount "$@"; echo "rc $?"; }
for a in /nonexist /mnt/d /mnt/f/sub /mnt/dang d dl nonexist /mnt /mnt/g g gg LABEL=foo /mnt/d/../g ''; do
	echo "== umount '$a'"; u "$a"
done 2>&1
echo "== not mounted, then missing"; u /mnt/d /nonexist /mnt/g
echo "== mounted, then missing"; u /mnt/g /nonexist
echo "== -l"; u -l /nonexist
echo "== -q"; u -q /mnt/d
echo "== -v"; u -v d
echo "== -c"; u -c d
echo "== -f"; u -f /nonexist
echo "== -n"; u -n d
echo "== -t"; u -t tmpfs d
echo "== -d"; u -d d
echo "== -i"; u -i d
echo "== --fake"; u --fake d
echo "== -A"; u -A d
echo "== -R"; u -R d
chmod 700 /mnt/d; mkdir /mnt/d/in
echo "== search permission"; u /mnt/d/in
findmnt -n -o TARGET -R /mnt
