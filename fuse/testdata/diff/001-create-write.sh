# create, write, read, truncate, O_ flags, sparse files and SEEK_DATA/HOLE
$OP open f creat,wronly 644 \; open f creat,excl,wronly \; open f rdonly,excl \; stat f
$OP write f 0 hello \; write f 3 LOWORLD \; read f 0 100 \; stat f
$OP write f 0 X wronly,append \; read f 0 100 \; open f rdwr,trunc \; stat f
$OP truncate f 10000 \; stat f \; read f 9990 20 \; truncate f 3 \; stat f \; truncate f -1
$OP write s 1048576 x wronly,creat \; stat s \; seek s data 0 \; seek s hole 0 \; seek s data 1048577 \; seek s hole 1048576
$OP open nodir/f creat,wronly \; open f/x creat,wronly \; open . wronly \; open f directory \; open d creat,directory
$OP truncate missing 0 \; truncate . 0 \; stat missing
printf 'via shell\n' > g; cat g; printf 'more\n' >> g; wc -c < g
$OP ls .
