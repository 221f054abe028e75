# an unprivileged caller (uid and gid 65534, no groups, no capabilities):
# EACCES and EPERM where the DAC checks say so
$OP open rootfile creat,wronly 644 \; open secretfile creat,wronly 600 \; mkdir closed 700 \; open closed/f creat,wronly \; mkdir shut 711 \; mkdir pub \; chmod pub 777 \; mkdir sticky \; chmod sticky 1777 \; open sticky/rootf creat,wronly \; chmod sticky/rootf 666
$OP mkdir own 755 \; chown own 65534 65534 \; open own/f creat,wronly 644 \; chown own/f 65534 65534
$NOBODY $OP open rootfile wronly \; open rootfile rdonly \; open secretfile rdonly \; read secretfile 0 1 \; truncate rootfile 0 \; mkdir newdir
$NOBODY $OP ls closed \; stat closed/f \; readdir shut \; stat shut/nothing \; access closed 1 \; access rootfile 2 \; access rootfile 4
$NOBODY $OP chmod rootfile 777 \; chown rootfile 65534 65534 \; utime rootfile 1 2 \; unlink rootfile \; rename rootfile pub/x \; link rootfile pub/hl
$NOBODY $OP open pub/mine creat,wronly 640 \; stat pub/mine \; chown pub/mine 65534 0 \; chmod pub/mine 4755 \; stat pub/mine
$NOBODY $OP unlink sticky/rootf \; rename sticky/rootf sticky/other \; open sticky/m creat,wronly \; unlink sticky/m \; open sticky/rootf wronly
$NOBODY $OP write own/f 0 data \; chmod own/f 600 \; chown own/f 65534 65534 \; utime own/f 10 20 \; rename own/f own/g \; mkdir own/sub \; rmdir own/sub \; symlink x own/l \; mkfifo own/p
$OP chmod own 555 \; chmod own/g 6755 \; stat own/g
$NOBODY $OP open own/n creat,wronly \; unlink own/g \; write own/g 0 zz \; stat own/g
$OP ls own \; ls .
# chown by the owner to another of its groups: set-ID bits go on an
# executable file, stay on a directory
$OP mkdir sgd \; chown sgd 65534 65534 \; chmod sgd 6775 \; open sgf creat,wronly \; chown sgf 65534 65534 \; chmod sgf 6775 \; stat sgd \; stat sgf
setpriv --reuid=65534 --regid=65534 --groups=65533 --inh-caps=-all $OP chown sgd -1 65533 \; chown sgf -1 65533 \; stat sgd \; stat sgf
$OP mkdir sgd2 \; chown sgd2 65534 65533 \; chmod sgd2 6555 \; stat sgd2
setpriv --reuid=65534 --regid=65533 --groups=65533,65532 --inh-caps=-all $OP chown sgd2 65534 65532 \; stat sgd2 \; chown sgd2 -1 -1 \; stat sgd2
$OP chmod sgd2 6555 \; symlink sgd2 sgl
setpriv --reuid=65534 --regid=65533 --groups=65533,65532 --inh-caps=-all $OP chown sgl 65534 65533 \; stat sgd2
