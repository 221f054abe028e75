# directories: readdir order and contents, rmdir, mkdir errors, names
$OP mkdir d \; mkdir d \; open d/1 creat,wronly \; mkdir d/2 \; symlink x d/3 \; mkfifo d/4 \; readdir d \; ls d
$OP unlink d/1 \; rmdir d/2 \; open d/5 creat,wronly \; readdir d \; rmdir d \; rmdir d/. \; rmdir d/.. \; rmdir d/3 \; rmdir missing
$OP mkdir f/x \; open f creat,wronly \; mkdir f/x \; mkdir f \; mkdir . \; mkdir ""
n=0; while [ $n -lt 300 ]; do n=$((n+1)); printf 'x' > many$n; done
$OP readdir . | tr ' ' '\n' | grep -c many
$OP stat . \; ls d
long=$(printf '%0255d' 0); $OP open $long creat,wronly \; open ${long}1 creat,wronly \; stat $long
$OP mkdir d/a \; mkdir d/a/b \; stat d \; stat d/a \; rmdir d/a \; ls d
