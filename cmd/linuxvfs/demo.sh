# The linuxvfs demo: every command below runs inside this process, on a
# freshly booted virtual Linux kernel whose root is a tmpfs. The host's
# files are never touched.
mkdir -p /demo/docs
echo 'hello from linuxvfs' > /demo/docs/hello.txt
cat /demo/docs/hello.txt
ln -s docs/hello.txt /demo/link
cat /demo/link
mkdir /demo/docs || echo "mkdir failed with status $?, as on Linux"
mknod /demo/fifo p
ls -l /demo
stat -c '%n: %F, %s bytes, mode %A, inode %i' /demo/docs/hello.txt /demo/link /demo/fifo
