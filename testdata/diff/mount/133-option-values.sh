# Option values as the kernel's own parsers read them (found by
# FuzzMountData): IDs in any C base with a '+', modes in octal with a '+',
# hidepid= as a number in any base, and
# mqueue's superblock untouched by the flags of a mount that finds it.
mkdir /m
try() {
	mount -t "$1" -o "$2" x /m; echo "$1 $2: $?"
	findmnt -n -o VFS-OPTIONS,FS-OPTIONS /m
	umount /m 2>/dev/null
}
try tmpfs uid=0x10,gid=010
try tmpfs uid=+5,gid=+6,mode=+700
try tmpfs mode=0x1ff
try tmpfs gid=4294967295
try tmpfs uid=4294967294
try ramfs mode=+700
try proc gid=0x10,hidepid=0x2
try proc hidepid=7
try proc subset=0
try mqueue ro,sync
mount -t mqueue -r x /m; findmnt -n -o VFS-OPTIONS,FS-OPTIONS /m; umount /m
