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
