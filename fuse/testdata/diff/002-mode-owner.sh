# chmod, chown, set-ID bits, and what the owner of a file may do
$OP open f creat,wronly 644 \; chmod f 4755 \; stat f \; chmod f 2755 \; stat f \; chmod f 7777 \; stat f
$OP chown f 12 34 \; stat f \; chown f -1 56 \; stat f \; chmod f 6755 \; chown f 78 -1 \; stat f
$OP mkdir d 700 \; chmod d 1777 \; stat d \; chown d 65534 65534 \; stat d
$OP symlink f l \; lchown l 5 6 \; lstat l \; stat l \; chmod missing 644
$OP mkdir sg 2775 \; stat sg \; chown sg 0 1234 \; chmod sg 2775 \; mkdir sg/sub \; stat sg/sub \; open sg/file creat,wronly \; stat sg/file
$OP ls .
