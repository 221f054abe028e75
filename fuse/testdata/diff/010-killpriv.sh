# set-ID bits dropped by a write, truncate or O_TRUNC open of a caller
# without CAP_FSETID, owner or not (the host asks the export for the
# drop with a SETATTR that carries no attribute, as chown(f, -1, -1)
# does)
for m in 4777 2777 6777 2767 6767 4766 0777; do
	$OP open f$m creat,wronly 644 \; chmod f$m $m \; open t$m creat,wronly 644 \; chmod t$m $m \; open o$m creat,wronly 644 \; chmod o$m $m \; open c$m creat,wronly 644 \; chmod c$m $m
	$NOBODY $OP write f$m 0 x wronly \; stat f$m \; truncate t$m 1 \; stat t$m \; open o$m wronly,trunc \; stat o$m \; chown c$m -1 -1 \; stat c$m
done
# a write by root keeps them
$OP open r creat,wronly 644 \; chmod r 6777 \; write r 0 x \; stat r
# the owner's write: set-user-ID goes, set-group-ID only with group
# execute (or outside the group)
$OP mkdir own 777 \; chown own 65534 65534
for m in 6777 6767 2767 4700; do
	$OP open own/f$m creat,wronly 644 \; chown own/f$m 65534 65534 \; chmod own/f$m $m \; open own/c$m creat,wronly 644 \; chown own/c$m 65534 65534 \; chmod own/c$m $m
	$NOBODY $OP write own/f$m 0 x wronly \; stat own/f$m \; chown own/c$m -1 -1 \; stat own/c$m
done
# a file root opened for writing, written by a caller without CAP_FSETID
# (the bits go, as the writer's write drops them)
$OP open w4777 creat,wronly 644 \; chmod w4777 4777 \; open w2777 creat,wronly 644 \; chmod w2777 2777
$NOBODY sh -c 'printf x >&3' 3>>w4777
$NOBODY sh -c 'printf x >&3' 3>>w2777
$OP stat w4777 \; stat w2777
# a file nobody opened for writing, written by root (the bits stay)
for m in 4777 6777; do
	$OP open v$m creat,wronly 644 \; chmod v$m $m \; passwrite v$m 0 x 65534 \; stat v$m
done
for m in 4777 2777 6777; do
	$OP open a$m creat,wronly 644 \; chmod a$m $m \; open k$m creat,wronly 644 \; chmod k$m $m
	$NOBODY $OP fallocate a$m 0 0 100 \; stat a$m \; fallocate k$m keepsize 0 100 \; stat k$m
done
for m in 4777 2777; do
	$OP open y$m creat,wronly 644 \; chmod y$m $m \; write src 0 data wronly,creat
	$NOBODY $OP copy src y$m 4 \; stat y$m
done
# into a file root opened, by a caller without CAP_FSETID
$OP open z4777 creat,wronly 644 \; chmod z4777 4777 \; chmod src 644
$NOBODY sh -c "$OP copy src fd:3 4" 3<>z4777
$OP stat z4777
# a store through a shared mapping drops nothing
$OP write m4777 0 abcd wronly,creat \; chmod m4777 4777
$NOBODY $OP mmapwrite m4777 1 x \; read m4777 0 4 \; stat m4777
# fallocate through a descriptor root opened, by a caller without
# CAP_FSETID
$OP open x4777 creat,wronly 644 \; chmod x4777 4777
$NOBODY sh -c "$OP fallocate fd:3 0 0 100" 3<>x4777
$OP stat x4777
