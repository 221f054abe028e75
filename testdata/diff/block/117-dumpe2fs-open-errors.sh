# dumpe2fs -h and tune2fs -l on what holds no filesystem: a missing
# file, zeros (bad magic), a file too short for a superblock, a
# directory. dumpe2fs says "Couldn't find valid filesystem superblock."
# on stdout and exits with the error's code (an errno, or the low byte
# of libext2fs's com_err code); tune2fs says it on stderr, but not for a
# bad magic number, and exits 1. And -V.
# host-tools: dumpe2fs
mkdir /w; mount -t tmpfs w /w
cd /w
head -c 100000 /dev/zero > zeros
head -c 100 /dev/zero > short
mkdir dir
for f in missing zeros short dir; do
	dumpe2fs -h $f; echo "dumpe2fs $?"
	tune2fs -l $f; echo "tune2fs $?"
done
dumpe2fs -V; echo "dumpe2fs -V $?"
