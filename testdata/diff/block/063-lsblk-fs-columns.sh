# lsblk -f and the columns lsblk takes from udev's database (FSTYPE,
# FSVER, LABEL, UUID, PTTYPE, PTUUID, PARTTYPE, PARTTYPENAME, PARTLABEL,
# PARTUUID, PARTFLAGS). lsblk, built with libudev, asks udev: with no
# database entry for a device the columns stay empty (it does not probe
# the device itself, even as root); with one, they show what it holds,
# \xNN escapes decoded.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/ext4 4M mke2fs -q -F -t ext4 -L fs_label -U 11111111-2222-3333-4444-555555555555 -E root_owner=0:0 "$IMG"
d=$(losetup -f --show -r /w/ext4)
n=${d#/dev/}
lsblk -f "$d"
lsblk -o NAME,FSTYPE,FSVER,LABEL,UUID,PTTYPE,PTUUID,PARTTYPE,PARTTYPENAME,PARTLABEL,PARTUUID,PARTFLAGS,WWN "$d"
lsblk -J -o NAME,FSTYPE,LABEL,UUID "$d"
mm=$(cat /sys/block/$n/dev)
mkdir -p /run/udev/data
printf '%s\n' 'I:1234' 'E:ID_FS_TYPE=ext4' 'E:ID_FS_VERSION=1.0' 'E:ID_FS_LABEL=my_label' \
	'E:ID_FS_LABEL_ENC=my\x20label' 'E:ID_FS_UUID_ENC=11111111-2222-3333-4444-555555555555' \
	'E:ID_PART_TABLE_TYPE=dos' 'E:ID_PART_TABLE_UUID=12345678' 'E:ID_PART_ENTRY_SCHEME=dos' \
	'E:ID_PART_ENTRY_TYPE=0x83' 'E:ID_PART_ENTRY_NAME=a\x2fname' 'E:ID_PART_ENTRY_UUID=12345678-01' \
	'E:ID_PART_ENTRY_FLAGS=0x80' 'E:ID_WWN=0x5000' 'G:systemd' > /run/udev/data/b$mm
lsblk -f "$d"
lsblk -o NAME,FSTYPE,FSVER,LABEL,UUID,PTTYPE,PTUUID,PARTTYPE,PARTLABEL,PARTUUID,PARTFLAGS,WWN "$d"
lsblk -o NAME,PARTTYPE,PARTTYPENAME "$d"
sed -i 's/^E:ID_PART_ENTRY_TYPE=0x83$/E:ID_PART_ENTRY_TYPE=c/' /run/udev/data/b$mm
lsblk -o NAME,PARTTYPE,PARTTYPENAME "$d"
sed -i 's/^E:ID_PART_TABLE_TYPE=dos$/E:ID_PART_TABLE_TYPE=gpt/; s/^E:ID_PART_ENTRY_TYPE=c$/E:ID_PART_ENTRY_TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B/' /run/udev/data/b$mm
lsblk -o NAME,PTTYPE,PARTTYPENAME "$d"
lsblk -P -o NAME,FSTYPE,LABEL "$d"
lsblk -J -o NAME,FSTYPE,LABEL,UUID "$d"
rm /run/udev/data/b$mm
lsblk -f "$d"
losetup -d "$d"
