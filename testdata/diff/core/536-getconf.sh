# getconf (glibc 2.36): sysconf names, their _POSIX_ aliases and the
# values glibc asks the kernel for (PAGESIZE, OPEN_MAX from RLIMIT_NOFILE,
# ARG_MAX a quarter of RLIMIT_STACK between 128 KiB and 6 MiB, CHILD_MAX
# from RLIMIT_NPROC), confstr strings, "undefined"; usage errors (a
# pathconf name without a path, a sysconf one with one, too many words)
# exit 2 as "Unrecognized variable" does.
for v in PAGESIZE PAGE_SIZE CLK_TCK LONG_BIT INT_MIN ULONG_MAX UINT_MAX PTHREAD_THREADS_MAX \
	_POSIX_VERSION POSIX_VERSION V7_LP64_OFF64 NGROUPS_MAX PATH CS_PATH LFS_CFLAGS LFS64_CFLAGS \
	POSIX_V7_WIDTH_RESTRICTED_ENVS GNU_LIBC_VERSION HOST_NAME_MAX LOGIN_NAME_MAX MQ_PRIO_MAX; do
	printf '%s=' "$v"; getconf "$v"
done
(ulimit -n 100; getconf OPEN_MAX; getconf _POSIX_OPEN_MAX)
bash -c 'ulimit -u 50; getconf CHILD_MAX'
(ulimit -s 16384; getconf ARG_MAX); (ulimit -s 32768; getconf ARG_MAX); (ulimit -s 600; getconf ARG_MAX)
(ulimit -s unlimited; getconf ARG_MAX); (ulimit -s 8192; getconf ARG_MAX)
getconf -- PAGESIZE; echo "rc=$?"
getconf -v POSIX_V7_LP64_OFF64 PAGESIZE; echo "rc=$?"
getconf FOO; echo "rc=$?"; getconf -x; echo "rc=$?"
getconf NAME_MAX; echo "rc=$?"; getconf PAGESIZE /; echo "rc=$?"
getconf; echo "rc=$?"; getconf -v; echo "rc=$?"; getconf PAGESIZE a b; echo "rc=$?"; getconf -a / x; echo "rc=$?"
getconf -a | grep -c .
