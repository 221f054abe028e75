# user.max_{mnt,uts,ipc,pid}_namespaces, each user namespace's own: one
# more namespace of a kind than its creator may have there is ENOSPC, a
# namespace made in a child user namespace counts against the child's
# creator in the parent as well, and a mount namespace's count drops when
# it goes (Linux frees it before the parent's wait returns).
# kerneltest: switch-root
unshare -Ur sh -c '
for t in mnt uts ipc pid; do
	cat /proc/sys/user/max_${t}_namespaces
	echo 1 > /proc/sys/user/max_${t}_namespaces
done
unshare -m sh -c "unshare -m true; echo mnt inner \$?"
unshare -u sh -c "unshare -u true; echo uts inner \$?"
unshare -i sh -c "unshare -i true; echo ipc inner \$?"
unshare -pf sh -c "unshare -pf true; echo pid inner \$?"
unshare -m -u -i true; echo "mnt uts ipc together $?"
unshare -m sh -c "unshare -u -m true; echo uts and mnt, mnt full \$?; unshare -u true; echo uts alone after \$?"
unshare -m true; echo "mnt again $?"
unshare -Ur sh -c "cat /proc/sys/user/max_mnt_namespaces; unshare -m true; echo mnt in a child user namespace \$?"
unshare -m sh -c "unshare -Ur sh -c \"unshare -m true; echo mnt in a child user namespace while one is held \\\$?\""
for v in -1 2147483648; do echo $v 2>/dev/null > /proc/sys/user/max_pid_namespaces || echo "max_pid_namespaces $v refused"; done
' 2>&1
