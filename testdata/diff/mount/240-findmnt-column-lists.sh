# -o column lists as util-linux splits them: an empty list, a lone '+',
# an empty name (leading or doubled comma) fail with status 1 and no
# message; a trailing comma stays part of the last name, and an unknown
# name is reported with the rest of the list. Names match in any case.
# lsblk and lsns share the parser.
mkdir -p /mnt
mount -t tmpfs top /mnt
findmnt -o '' /mnt; echo "empty $?"
findmnt -o + /mnt; echo "plus $?"
findmnt -o ,TARGET /mnt; echo "leading comma $?"
findmnt -o TARGET,,SOURCE /mnt; echo "double comma $?"
findmnt -o TARGET, /mnt; echo "trailing comma $?"
findmnt -o NOPE,TARGET /mnt; echo "unknown first $?"
findmnt -o TARGET,NOPE,SOURCE /mnt; echo "unknown middle $?"
findmnt -o +nope /mnt; echo "unknown added $?"
findmnt -o target,Source,fsType /mnt; echo "case $?"
findmnt -o +fsroot,propagation /mnt; echo "added $?"
findmnt --output-all -o +TARGET -n /mnt | wc -w; echo "all added $?"
lsblk -o ''; echo "lsblk empty $?"
lsblk -o NAME,; echo "lsblk trailing comma $?"
lsns -o ''; echo "lsns empty $?"
lsns -o NS,,TYPE; echo "lsns double comma $?"
