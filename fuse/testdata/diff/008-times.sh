# timestamps set by utimensat, which are the filesystem's to keep
$OP open f creat,wronly \; utime f 1000000000 1234567890 \; mkdir d \; utime d 5 6 \; symlink f l \; utime l 7 8 \; utime f 9 10
