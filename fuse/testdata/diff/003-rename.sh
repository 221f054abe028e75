# renameat2: plain, over files and directories, NOREPLACE, EXCHANGE and
# the errors
$OP open a creat,wronly \; write a 0 A \; open b creat,wronly \; write b 0 BB \; mkdir d \; mkdir e \; open e/x creat,wronly \; mkdir empty
$OP rename a b noreplace \; rename a c noreplace \; read c 0 9 \; rename c a \; rename a b exchange \; read a 0 9 \; read b 0 9
$OP rename a d \; rename d a \; rename d e \; rename d empty \; ls . \; rename d d/sub \; rename d . \; rename . d \; rename a a
$OP rename a missing exchange \; rename a d exchange \; stat a \; stat d \; rename a d exchange \; rename a b noreplace,exchange
$OP rename e/x e/y \; ls e \; rename e/y d/y \; ls d \; rename d/y y \; rename missing z \; rename y nodir/z
$OP rename b b noreplace \; rename y y exchange \; rename a b whiteout \; ls .
