# hard links, symbolic links and unlink
$OP open f creat,wronly \; link f h \; link f h \; stat f \; link d x \; mkdir d \; link d x \; link missing y
$OP symlink f l \; symlink nowhere dangling \; symlink l2 l1 \; symlink l1 l2 \; readlink l \; stat dangling \; stat l1 \; lstat l1 \; readlink f
$OP link l hl \; lstat hl \; stat hl \; symlink f l \; unlink d \; rmdir f \; unlink h \; stat f \; unlink missing
$OP symlink "" empty \; open l1 rdonly \; open l rdonly,nofollow \; open l path,nofollow \; open dangling creat,wronly \; stat nowhere
$OP mkdir sub \; symlink ../f sub/up \; read sub/up 0 4 \; ls sub \; ls .
