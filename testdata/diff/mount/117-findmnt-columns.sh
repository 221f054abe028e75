mkdir /a /b /s
mount -t tmpfs -o size=1m,mode=700 A /a
mkdir -p /a/sub/dir
mount --bind /a/sub /b
mount --make-shared /a
mount -t tmpfs S /s
mount --make-unbindable /s
findmnt -o TARGET,SOURCE,FSTYPE,PROPAGATION,FSROOT,OPTIONS,VFS-OPTIONS,FS-OPTIONS -t tmpfs
echo "== -l"
findmnt -l -o TARGET,FSROOT,PROPAGATION -t tmpfs
echo "== -P"
findmnt -P -o TARGET,SOURCE,FSROOT,PROPAGATION /b
