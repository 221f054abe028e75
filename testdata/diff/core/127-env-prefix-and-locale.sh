# A VAR=x prefix replaces the shell's VAR in a command's environment (no
# duplicate); wc -m counts bytes in the C locale and UTF-8 characters in
# C.UTF-8; cut -c counts bytes.
LC_ALL=C.UTF-8 env | grep -c "^LC_ALL="; LC_ALL=C.UTF-8 env | grep "^LC_ALL="
export x=1; x=2 env | grep "^x="; unset x; x=3 env | grep "^x="; f() { env | grep "^y="; }; y=4 f
printf 'é\n' | wc -m; printf 'é\n' | LC_ALL=C.UTF-8 wc -m; printf 'é\377\n' | LC_ALL=C.UTF-8 wc -m
printf 'é\n' | LANG=C.UTF-8 wc -m; printf 'é\n' | LANG=C.UTF-8 LC_ALL=C wc -m; printf 'é\n' | LC_CTYPE=C.utf8 wc -mc
printf 'héllo\n' | LC_ALL=C.UTF-8 cut -c2 | od -c; printf 'héllo\n' | cut -c1,4-
