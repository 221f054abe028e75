# A swap file on an ext4 image mounted from a loop device (the image in
# the scenario's tmpfs): swapon takes a file the filesystem maps to
# blocks, /proc/swaps calls it a file by its path, the file refuses
# writes and truncation while active (ETXTBSY), the device cannot be
# unmounted, swapoff by another name of the same file works, and a
# name with a blank is escaped in /proc/swaps.
mkdir /w; mount -t tmpfs w /w
@mkext /w/img ext4 8M small
mkdir /a
mount /w/img /a; echo "mount $?"
dd if=/dev/zero of=/a/swapfile bs=1k count=1024 status=none
chmod 600 /a/swapfile
mkswap -L fs -U 11111111-2222-3333-4444-555555555555 /a/swapfile; echo $?
blkid -c /dev/null -p /a/swapfile; echo $?
if [ "$(wc -l < /proc/swaps)" -eq 1 ]; then
	swapon /a/swapfile; echo $?
	cat /proc/swaps
	swapon --show=NAME,TYPE,SIZE,PRIO,LABEL
	swapon /a/swapfile; echo $?
	echo x >> /a/swapfile; echo $?
	truncate -s 2M /a/swapfile; echo $?
	umount /a; echo $?
	ln /a/swapfile /a/other
	swapoff /a/other; echo $?
	cat /proc/swaps
	# A name with a blank: /proc/swaps escapes it, --show does not.
	mv /a/swapfile "/a/swap file"
	swapon "/a/swap file"; echo $?
	cat /proc/swaps
	swapon --show=NAME,TYPE
	swapoff "/a/swap file"; echo $?
fi
umount /a; echo $?
