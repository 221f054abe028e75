# getconf's pathconf names by the path's filesystem, as glibc computes
# them from statfs: NAME_MAX is f_namelen, LINK_MAX Linux's 127 but on
# the filesystems glibc knows, FILESIZEBITS 32 on tmpfs and procfs, the
# transfer sizes f_bsize and f_frsize; PATH_MAX and PIPE_BUF are fixed
# and ask nothing. A path that cannot be looked up fails with status 3
# ("pathconf: PATH: ..."), and -a leaves its values empty.
mkdir /w; mount -t tmpfs w /w; touch /w/f; mkfifo /w/p
for p in /w /w/f /proc /sys /dev/null; do
	for v in NAME_MAX LINK_MAX _POSIX_LINK_MAX PATH_MAX PIPE_BUF FILESIZEBITS CHOWN_RESTRICTED NO_TRUNC \
		VDISABLE MAX_CANON POSIX2_SYMLINKS POSIX_REC_XFER_ALIGN POSIX_ALLOC_SIZE_MIN POSIX_REC_MIN_XFER_SIZE \
		POSIX_REC_MAX_XFER_SIZE SYMLINK_MAX ASYNC_IO SYNC_IO SOCK_MAXBUF; do
		printf '%s %s=' "$p" "$v"; getconf "$v" "$p"
	done
done
getconf NAME_MAX /nonexistent; echo "rc=$?"
getconf PATH_MAX /nonexistent; echo "rc=$?"
getconf NAME_MAX ''; echo "rc=$?"
getconf NAME_MAX /w/f/x; echo "rc=$?"
getconf -a /nonexistent | grep -E '^(LINK_MAX|NAME_MAX|PATH_MAX|_POSIX_CHOWN_RESTRICTED|_POSIX_NO_TRUNC|FILESIZEBITS) '
getconf -a /w | grep -E '^(LINK_MAX|NAME_MAX|PIPE_BUF|POSIX_REC_XFER_ALIGN|POSIX2_SYMLINKS) '
umount /w
