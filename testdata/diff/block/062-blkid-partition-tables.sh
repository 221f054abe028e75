# blkid on partitioned images: an MS-DOS table with logical partitions
# and a GPT (PTUUID, PTTYPE), the file systems inside them probed with
# -O/-S, a small disk whose table hides its file system, a protective
# MBR whose GPT is broken (PMBR), a GPT read from its backup header.
# This kernel is built without partition parsers (no MSDOS or EFI
# partition support): losetup -P makes no partition devices, and lsblk
# shows the bare disk.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/dos 8M printf 'label: dos\nlabel-id: 0x12345678\n,3M,83\n,2M,c,*\n,,5\n,1M,83\n' | sfdisk -q "$IMG" && mke2fs -q -F -t ext4 -L inpart -U 41111111-2222-3333-4444-555555555555 -E offset=1048576 "$IMG" 3M && mkfs.vfat --offset 8192 -n BOOTP -i 12345678 "$IMG" 2048 >/dev/null
@mkimg /w/gpt 8M printf 'label: gpt\nlabel-id: 01234567-89AB-CDEF-0123-456789ABCDEF\nsize=3M, type=L, name=root, uuid=11111111-2222-3333-4444-555555555555\nsize=2M, type=U, name="EFI sys", attrs=LegacyBIOSBootable\n' | sfdisk -q "$IMG"
@mkimg /w/small 1M printf 'label: dos\nlabel-id: 0xcafe0001\n,,83\n' | sfdisk -q "$IMG" && mke2fs -q -F -t ext2 -U 51111111-2222-3333-4444-555555555555 "$IMG" 1M && printf 'label: dos\nlabel-id: 0xcafe0001\n,,83\n' | sfdisk -q --wipe never "$IMG"
@mkimg /w/pmbr 8M printf 'label: gpt\nlabel-id: 01234567-89AB-CDEF-0123-456789ABCDEF\nsize=3M\n' | sfdisk -q "$IMG" && printf 'XXXXXXXX' | dd of="$IMG" bs=1 seek=512 conv=notrunc status=none && printf 'XXXXXXXX' | dd of="$IMG" bs=512 seek=16383 conv=notrunc status=none
@mkimg /w/backup 8M printf 'label: gpt\nlabel-id: 01234567-89AB-CDEF-0123-456789ABCDEF\nsize=3M\n' | sfdisk -q "$IMG" && printf 'XXXXXXXX' | dd of="$IMG" bs=1 seek=512 conv=notrunc status=none
for img in dos gpt small pmbr backup; do
	d=$(losetup -f --show -r /w/$img)
	echo "== $img"
	blkid -c /dev/null -p "$d"; echo "p $?"
	blkid -c /dev/null "$d"; echo "cached $?"
	blkid -c /dev/null -p -o udev "$d"
	blkid -p /w/$img; echo "file $?"
	losetup -d "$d"
done
blkid -c /dev/null -p -O 1048576 /w/dos; echo "offset $?"
blkid -c /dev/null -p -O 4M -S 2M -o export /w/dos; echo "offset and size $?"
blkid -c /dev/null -p -O 9M /w/dos; echo "offset past the end $?"
blkid -c /dev/null -p -O 1M -S 9M /w/dos; echo "size past the end $?"
d=$(losetup -f --show -P -r /w/dos)
n=${d#/dev/}
grep -c "${n}p" /proc/partitions
ls /sys/block/$n | grep "^${n}p"; ls /dev | grep "^${n}p"
lsblk -o NAME,TYPE,SIZE,PKNAME "$d"
blkid -c /dev/null "$d"
losetup -d "$d"
