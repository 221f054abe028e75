# blockdev's queries on loop devices: sizes in bytes and sectors, sector
# and block sizes, read-only, several commands and devices at once, and
# the errors for missing devices, files that are no block device and
# unknown commands.
mkdir /w; mount -t tmpfs w /w
truncate -s 1M /w/a
truncate -s 6144 /w/b
da=$(losetup -f --show /w/a)
db=$(losetup -f --show -r /w/b)
blockdev --getsize64 --getsz --getss --getro --getsize --getbsz --getpbsz --getiomin --getioopt --getalignoff "$da"; echo $?
blockdev --getsize64 --getro --getbsz "$db"; echo $?
blockdev --getsz "$da" "$db"; echo $?
blockdev --getsize64 /nonexist; echo $?
blockdev; echo $?
blockdev --bogus "$da"; echo $?
blockdev --getsize64 /w/a; echo $?
blockdev --getro /w/a; echo $?
losetup -d "$da" "$db"
