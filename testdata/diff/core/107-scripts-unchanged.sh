# Exported variables reach child shells; a child shell starts in a
# directory only the virtual system has; a subshell's umask stays in it;
# mv across mounts copies and removes.
export A=1; sh -c "echo \$A"
B=2 sh -c 'echo "$B"'
mkdir /v; cd /v; unshare -m sh -c pwd
chroot / sh -c 'echo "$A" $(pwd)'
(umask 077); umask
echo x > /tmp/f; mkdir /m; mount -t tmpfs t /m; mv /tmp/f /m/ && ls /m
cat /m/f; ls /tmp
sh -e -c 'false; echo not reached'; echo "errexit $?"
sh -ec 'false; echo not reached'; echo "errexit $?"
sh -o errexit -c 'false; echo not reached'; echo "errexit $?"
sh -n -c 'echo not run'; echo "noexec $?"
sh -x -c 'echo traced' 2>&1
sh -c 'echo "$0" "$1"' zero one
echo 'echo "$1"' | sh -s arg
sh -c 'set -u; echo "${nope-default}"'
