# mkswap on files: the header's bytes (cmp with images the host's mkswap
# made with the same UUID and label), the size and label lines, a size
# operand, -p, the old signature warning, permission and owner warnings,
# a truncated label, and the errors (too small, larger than the device,
# bad UUID, version, page size, operands) with their statuses.
mkdir /w; mount -t tmpfs w /w
@mkimg /w/ref1 1M mkswap -U 11111111-2222-3333-4444-555555555555 "$IMG"
@mkimg /w/ref2 1M mkswap -L swaplabel -U 21111111-2222-3333-4444-555555555555 "$IMG"
@mkimg /w/ref3 2M mkswap -L 1234567890abcdefgh -U 31111111-2222-3333-4444-555555555555 "$IMG" 100
@mkimg /w/ref4 1M mkswap -p 8192 -U 41111111-2222-3333-4444-555555555555 "$IMG"
cd /w
truncate -s 1M s1; chmod 600 s1
mkswap -U 11111111-2222-3333-4444-555555555555 s1; echo $?
cmp s1 ref1 && echo same1
mkswap -L swaplabel -U 21111111-2222-3333-4444-555555555555 s1; echo $?
cmp s1 ref2 && echo same2
truncate -s 2M s3; chmod 600 s3
mkswap -L 1234567890abcdefgh -U 31111111-2222-3333-4444-555555555555 s3 100; echo $?
cmp s3 ref3 && echo same3
truncate -s 1M s4; chmod 600 s4
mkswap -p 8192 -U 41111111-2222-3333-4444-555555555555 s4; echo $?
cmp s4 ref4 && echo same4
# Bytes over the header page are zeroed; past it they stay.
printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' > junk
truncate -s 64K junk; chmod 600 junk
mkswap -U 51111111-2222-3333-4444-555555555555 junk; echo $?
od -A d -t x1 junk | head -8
mkswap -q junk; echo $?
truncate -s 40K p1; chmod 644 p1; chown 1000 p1
mkswap -U 61111111-2222-3333-4444-555555555555 p1; echo $?
chmod 1600 p1; mkswap -q p1; echo $?
truncate -s 39K small; chmod 600 small
mkswap small; echo $?
mkswap -p 65536 -U 91111111-2222-3333-4444-555555555555 s1; echo $?
mkswap s1 2000; echo $?
mkswap -f -U 71111111-2222-3333-4444-555555555555 s1 2000; echo $?
mkswap s1 0 -U 81111111-2222-3333-4444-555555555555; echo $?
mkswap -U bad s1; echo $?
mkswap -v0 s1; echo $?
mkswap -v 2 s1; echo $?
mkswap -p 1000 s1; echo $?
mkswap -p x s1; echo $?
mkswap s1 x; echo $?
mkswap s1 1 2; echo $?
mkswap; echo $?
mkswap /w/nonexist; echo $?
