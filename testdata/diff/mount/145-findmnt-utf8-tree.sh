# The tree's branches are box-drawing characters when the locale's charset
# is UTF-8 (C.UTF-8), ASCII otherwise or with -a; multibyte names print as
# they are in aligned output then, escaped in raw and pairs output. An empty
# LC_ALL counts as unset.
mkdir -p /mnt
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
LC_ALL= LANG=C.UTF-8 findmnt -R /mnt
echo "== UTF-8 with -a"
LC_ALL= LANG=C.UTF-8 findmnt -a -R /mnt -o TARGET,SOURCE
echo "== LC_ALL=C wins over LANG"
LC_ALL=C LANG=C.UTF-8 findmnt -R /mnt -o TARGET
echo "== LC_CTYPE=C.utf8 raw and pairs"
LC_ALL= LC_CTYPE=C.utf8 findmnt -R /mnt -r -o TARGET,SOURCE
LC_ALL= LC_CTYPE=C.utf8 findmnt -R /mnt -P -o TARGET,SOURCE
echo "== json"
LC_ALL= LANG=C.UTF-8 findmnt -J -R /mnt/b -o TARGET,SOURCE
