# ext4's mount options as mountinfo shows them (only those that differ
# from the image's defaults), and those the ext2 name refuses.
mkdir /w; mount -t tmpfs w /w
@mkext /w/ext4 ext4 4M small -O ^resize_inode
@mkext /w/ext2 ext2 4M small -O ^resize_inode
mkdir /a
for o in noload norecovery errors=panic errors=remount-ro errors=continue nobarrier barrier=0 \
	data=journal data=writeback data=ordered commit=10 commit=0 acl user_xattr nouser_xattr foo \
	resuid=5 resgid=7 nodelalloc delalloc discard noauto_da_alloc auto_da_alloc=0 init_itable=5 \
	noinit_itable minixdf bsddf grpid nogrpid debug nouid32 journal_checksum nojournal_checksum \
	dioread_nolock nodioread_nolock block_validity noblock_validity lazytime nombcache orlov \
	errors=bogus commit=x data=bogus; do
	for img in ext4 ext2; do
		mount -o ro,$o /w/$img /a 2>/dev/null; r=$?
		echo "$img $o: $r $(findmnt -no OPTIONS /a)"
		[ $r = 0 ] && umount /a
	done
done
mount -o ro,errors=panic /w/ext4 /a
mount -o remount,ro,errors=continue,nobarrier /a; echo "remount $?"
findmnt -no OPTIONS /a
umount /a
