# findmnt -w/--timeout without --poll: the number is checked as a 32-bit
# signed integer (strtos32_or_err's messages) and otherwise has no effect
# on the listing.
mkdir -p /mnt
mount -t tmpfs top /mnt
findmnt -w 1 /mnt; echo "timeout $?"
findmnt --timeout=-5 -o TARGET /mnt; echo "negative $?"
findmnt -w abc /mnt; echo "word $?"
findmnt -w '' /mnt; echo "empty $?"
findmnt -w 3000000000 /mnt; echo "above int32 $?"
findmnt -w 99999999999999999999 /mnt; echo "above int64 $?"
findmnt -w 5x -o TARGET /mnt; echo "suffix $?"
