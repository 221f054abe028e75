# FIFOs and device nodes
$OP mkfifo p 640 \; stat p \; mkfifo p \; open p rdonly,nonblock \; open p wronly,nonblock \; link p q \; stat q
$OP mknod c 20644 1 3 \; stat c \; mknod b 60600 7 0 \; stat b \; mknod r 100600 0 0 \; stat r \; mknod s 140755 0 0 \; stat s
$OP mknod w 20000 0 0 \; stat w \; mknod x 644 0 0 \; stat x
$OP read c 0 4 \; write c 0 hello wronly \; rename p d \; ls .
