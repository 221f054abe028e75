# wipefs and mkswap on images with partition tables sfdisk made: the
# listing (dos's 55AA; gpt's primary and backup headers and the
# protective MBR), -a on a file (nested tables are left alone without
# -f), -a -f, -a on a loop device (a whole disk), and mkswap keeping the
# boot block of a partitioned image unless forced.
# host-tools: sfdisk
mkdir /w; mount -t tmpfs w /w
@mkimg /w/dos 4M printf 'label: dos\nlabel-id: 0x12345678\nstart=2048, size=2048, type=83\n' | sfdisk -q "$IMG"
@mkimg /w/gpt 4M printf 'label: gpt\nlabel-id: 11111111-2222-3333-4444-555555555555\nstart=2048, size=2048, uuid=21111111-2222-3333-4444-555555555555\n' | sfdisk -q "$IMG"
cd /w
wipefs dos; echo $?
wipefs gpt; echo $?
wipefs -J -O DEVICE,OFFSET,TYPE,USAGE,LENGTH gpt
cp gpt g1; cp gpt g2; cp gpt g3; cp dos d1
wipefs -a g1; echo $?
wipefs g1 | wc -l
wipefs -a -f g2; echo $?
wipefs g2; echo $?
wipefs -a -t gpt g3; echo $?
d=$(losetup -f --show /w/d1)
wipefs -a "$d"; echo $?
wipefs "$d"; echo $?
losetup -d "$d"
cp dos s1; chmod 600 s1
mkswap -U 11111111-2222-3333-4444-555555555555 s1; echo $?
wipefs s1
cp dos s2; chmod 600 s2
mkswap -f -U 21111111-2222-3333-4444-555555555555 s2; echo $?
wipefs s2
