# A bind of a mount namespace file where the target's mount has peers:
# propagation would copy it (copy_tree refuses a mount namespace file),
# so mount and unshare --mount=FILE fail with EINVAL; a private bind of
# the directory first (util-linux's recipe) makes it work. Other kinds
# of namespace files propagate to the peers. (Linux 6.18 numbers
# namespaces from per-CPU batches, so the private case is tried until a
# new namespace is numbered after its parent, see 245.)
# kerneltest: switch-root
mkdir -p /run/ns /mnt/peer; touch /run/ns/m /run/ns/u
mount --make-shared /run
mount --bind /run /mnt/peer
unshare --mount=/run/ns/m true 2>/tmp/err; echo "shared $?"; sed 's/[0-9][0-9]*/PID/' /tmp/err
mount --bind /proc/self/ns/uts /run/ns/u; echo "uts $?"
findmnt -n -t nsfs -o TARGET | sort
mount --bind /run/ns /run/ns; mount --make-private /run/ns
n=0
until unshare --mount=/run/ns/m true 2>/dev/null; do
	n=$((n + 1)); [ $n -lt 100 ] || break
done
echo "private $n" | sed 's/ [1-9][0-9]$//;s/ [1-9]$//'
findmnt -n -t nsfs -o TARGET,PROPAGATION | sort
