# cp running out of space: within one file system coreutils copies with
# copy_file_range and says "error copying A to B", across file systems
# (which the kernel refuses it) it reads and writes and says "error
# writing B"; mv across mounts likewise.
mkdir -p /m /n; mount -t tmpfs -o size=64k t /m; mount -t tmpfs -o size=64k u /n; cd /m
head -c 40000 /dev/zero | tr '\0' x > a; cp a b; echo rc=$?; ls -ls b | cut -d' ' -f1,6; cp a /n/a; cp /m/a /n/b; echo rc=$?; ls -s /n; cat /m/a > /n/c; echo rc=$?
rm -f b /n/b; cp /proc/self/mountinfo /m/mi; echo rc=$?; head -c 30000 /dev/zero | tr '\0' y > /n/big; cp /n/big /m/big2; echo rc=$?; cp -r /m /n/mm 2>&1; echo rc=$?; mv /m/a /n/; echo rc=$?
