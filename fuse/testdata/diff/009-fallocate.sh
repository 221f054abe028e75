# fallocate through the export: allocation, KEEP_SIZE, holes, and what
# tmpfs does not do
$OP write f 0 0123456789012345678901234567890123456789 wronly,creat \; fallocate f 0 0 8192 \; fallocate f 0 20000 100 \; fallocate f keepsize 30000 50000
$OP fallocate f punch,keepsize 5 10 \; read f 0 20 \; fallocate f punch,keepsize 0 8192 \; seek f data 0 \; seek f hole 0 \; read f 0 8
$OP write f 17000 x \; seek f data 0 \; seek f hole 16384 \; fallocate f 0 4096 8192 \; seek f data 0 \; write f 4100 y \; seek f data 0 \; seek f hole 4096
$OP fallocate f punch 0 10 \; fallocate f zero 0 10 \; fallocate f collapse 0 4096 \; fallocate f insert 0 4096 \; fallocate f 0 -1 10 \; fallocate f 0 0 0
$OP mkfifo p \; fallocate p 0 0 10
$OP ls .
