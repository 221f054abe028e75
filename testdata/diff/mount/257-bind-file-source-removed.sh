# A bind mount of a file keeps the file when its last name is removed
# (as a container's bind of /etc/resolv.conf does when the host replaces
# the file): it reads and writes through the bind, mountinfo shows its
# root as "//deleted", its space stays in use until the bind is
# unmounted, and the target cannot be removed or replaced meanwhile.
mount -t tmpfs -o size=4m top /mnt; cd /mnt
echo src > src; touch dst
dd if=/dev/zero of=big bs=1k count=1024 2>/dev/null; touch bigdst
mount --bind src dst; echo "bind $?"
mount --bind big bigdst; echo "bind big $?"
rm src big; echo "rm sources $?"
cat dst; echo "read $?"
echo new >> dst; echo "append $?"
cat dst
stat -c '%s %h' dst bigdst
grep /mnt/ /proc/self/mountinfo | cut -d' ' -f4,5
findmnt -n -o TARGET,SOURCE,FSROOT -R /mnt
df -k /mnt | awk 'NR>1 {print $3}'
rm dst; echo "rm target $?"
mv bigdst other; echo "mv target $?"
umount bigdst; echo "umount big $?"
df -k /mnt | awk 'NR>1 {print $3}'
umount dst; echo "umount $?"
ls
