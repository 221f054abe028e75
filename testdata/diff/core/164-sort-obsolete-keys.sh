# sort's obsolete keys +POS1 [-POS2] (fields and characters counted from
# zero), which coreutils 9.1 takes by default: _POSIX2_VERSION between
# 200112 and 200809 turns +POS1 alone into a file name. The keys keep
# their place among -k keys; a -POS2 that does not parse is an error;
# --debug suggests the -k form.
printf 'b 2 x\na 3 y\nc 1 z\n' > /tmp/sk
sort +1 /tmp/sk; echo rc=$?
sort +1 -2 /tmp/sk; echo rc=$?
_POSIX2_VERSION=199209 sort +1 /tmp/sk; echo rc=$?
_POSIX2_VERSION=200112 sort +1 /tmp/sk; echo rc=$?
_POSIX2_VERSION=200112 sort +1 -2 /tmp/sk; echo rc=$?
_POSIX2_VERSION=200112 POSIXLY_CORRECT=1 sort +1 -2 /tmp/sk; echo rc=$?
sort +1n -2 /tmp/sk; sort +0.1 -1 /tmp/sk; sort -r +1 -2 /tmp/sk
POSIXLY_CORRECT=1 sort +1 -2 /tmp/sk; echo rc=$?
POSIXLY_CORRECT=1 sort /tmp/sk +1 -2; echo rc=$?
sort +x -2 /tmp/sk; echo rc=$?
sort +1 -2x /tmp/sk; echo rc=$?
sort +1 -2.x /tmp/sk; echo rc=$?
sort +1 -x /tmp/sk; echo rc=$?
sort /tmp/sk +1 -2; echo rc=$?
sort -k1 +1 -2 /tmp/sk; sort +2 -3 -k1 /tmp/sk; sort +2 -3 /tmp/sk
sort +1 -2 -o +1 -2 /tmp/sk; echo rc=$?
cd /tmp; sort -o +1 /tmp/sk; cat -- +1; rm -f -- +1
sort -t' ' +2.0 -3 /tmp/sk; sort +1 -2.3 /tmp/sk
for k in "+1" "+2 -1" "+1n -2" "+1 -0" "+1 -2.0" "+1.1b -2.1" "+0 -1" "+0.2"; do sort $k --debug /tmp/sk; done
