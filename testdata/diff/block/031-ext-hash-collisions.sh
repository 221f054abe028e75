# Three names of one legacy hash (dx_hack_hash has no minor hash) in a
# directory of one block: readdir gives the first found, then the others
# newest first (ext4_htree_store_dirent's chain), between the names of
# other hashes.
mkdir /w; mount -t tmpfs w /w
@mkext /w/legacy ext2 4M small -O ^resize_inode
@debugfs ssv def_hash_version legacy
mkdir /a
mount -o ro /w/legacy /a; echo "mount $?"
ls -f /a/col | tr '\n' ' '; echo
ls -f /a /a/d | tr '\n' ' '; echo
umount /a
