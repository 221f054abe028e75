# lsattr (e2fsprogs 1.47.0) on tmpfs: the 22-place flag string and the
# long names (-l), directories listed (dot entries with -a, themselves
# with -d, down the tree with -R), the project (-p: FS_IOC_FSGETXATTR
# answers on tmpfs) and the version (-v: FS_IOC_GETVERSION does not);
# symbolic links and FIFOs are refused by libe2p itself, procfs and
# sysfs have no flags (ENOTTY, reported as EOPNOTSUPP), a missing file
# fails its lstat; bad options print the usage. Flags set here are
# cleared before the end.
mkdir /w; mount -t tmpfs w /w; cd /w
echo hi > f; mkdir -p d/e; touch d/x d/.h d/e/y; ln -s f l; mkfifo p
lsattr f; echo "rc=$?"
lsattr; echo "rc=$?"
lsattr -d . d; lsattr -a d; lsattr -R .; echo "rc=$?"
chattr +dA f; chattr +i d/x
lsattr f d/x; lsattr -l f d/x d/e; lsattr -dl d
lsattr -p f; lsattr -pv f; echo "rc=$?"
lsattr -v f; echo "rc=$?"
lsattr l; echo "rc=$?"; lsattr p; echo "rc=$?"
lsattr -d /proc/1 /sys; echo "rc=$?"
lsattr -d /proc/self/ /; echo "rc=$?"
lsattr /nonexistent; echo "rc=$?"
lsattr -X f; echo "rc=$?"; lsattr --help; echo "rc=$?"; lsattr -- -f; echo "rc=$?"
lsattr -V f; echo "rc=$?"
lsattr d/; lsattr -a d/e/
# -R with -a lists . and .. but goes down only into the others; the
# columns in a tree.
lsattr -Ra d; echo "rc=$?"; lsattr -Rp d; echo "rc=$?"; lsattr -Rv d; echo "rc=$?"
chattr -R -iadA /w; lsattr -R /w
cd /; umount /w
