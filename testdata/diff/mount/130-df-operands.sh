# What df FILE picks: the mount a file is on, through symlinks and
# relative names; a device node names the file system mounted from it
# (or one over-mounted); stat -f's directives.
mkdir /m /n /o "/sp ace" /c:o /b
mount -t tmpfs -o size=1m /dev/null /m
mount -t tmpfs -o size=2m /dev/zero /n
mount -t tmpfs -o size=3m other /n
mount -t tmpfs -o size=1m "a b" "/sp ace"
mount -t tmpfs -o size=1m x:y /c:o
mkdir /m/sub
mount --bind /m/sub /b
ln -s /m /lnk
# /dev/full is on devtmpfs, whose size the host's kernel fixed at boot:
# only its numbers are hidden.
{ df /dev/null /dev/zero /dev/full; echo "status $?"; } | sed '/^devtmpfs/s/[0-9][0-9]*/N/g'
df /b /m/sub /lnk /lnk/sub
cd /m
df . sub ../n "/sp ace" /c:o
df /c:o/nope "/sp ace/nope"; echo "status $?"
df --output=source,file,target ../lnk
stat -f -c '%n %t %T %b %f %a %s %S %c %d %l' /m /lnk /proc
stat -f -c '[%10b] [%-10T] [%#x] [%+d] [%05s] [%Hd] [%z] [%%] [%-5.3n]' /n
stat -f --printf '%n\t%T\n' /m /nope; echo "status $?"
stat -f -c '%n' -; echo "status $?"
