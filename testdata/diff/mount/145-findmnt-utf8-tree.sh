# The tree's branches are box-drawing characters when the locale's charset
# is UTF-8 (C.UTF-8), ASCII otherwise or with -a; multibyte names print as
# they are in aligned output then, escaped in raw and pairs output.
unset LC_ALL LC_CTYPE LANG
mkdir /mnt
mount -t tmpfs top /mnt
mkdir /mnt/a /mnt/b "/mnt/é x"
mount -t tmpfs a /mnt/a
mount -t tmpfs a2 /mnt/a
mount -t tmpfs 's$é' "/mnt/é x"
mount -t tmpfs b /mnt/b
mkdir /mnt/b/c
mount -t tmpfs c /mnt/b/c
echo "== C"
findmnt -R /mnt
echo "== LANG=C.UTF-8"
LANG=C.UTF-8 findmnt -R /mnt
echo "== LC_ALL=C.UTF-8 -a"
LC_ALL=C.UTF-8 findmnt -a -R /mnt -o TARGET,SOURCE
echo "== LC_ALL=C wins over LANG"
LC_ALL=C LANG=C.UTF-8 findmnt -R /mnt -o TARGET
echo "== LC_CTYPE=C.utf8 raw and pairs"
LC_CTYPE=C.utf8 findmnt -R /mnt -r -o TARGET,SOURCE
LC_CTYPE=C.utf8 findmnt -R /mnt -P -o TARGET,SOURCE
echo "== json"
LANG=C.UTF-8 findmnt -J -R /mnt/b -o TARGET,SOURCE,ID
