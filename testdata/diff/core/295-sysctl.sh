# sysctl: reading by dotted and slashed names, -n -N -b -e -q, a
# directory, -a (a part of it), writing with and without -w in new UTS
# and IPC namespaces, -p with comments, bad lines and '-' lines, and the
# errors: unknown keys, read-only keys, repeated separators, a missing
# file, no variables.
sysctl kernel.ostype; echo "rc $?"
sysctl -n kernel.ostype kernel/ostype
sysctl kernel.nosuch 2>&1; echo "rc $?"
sysctl x 2>&1; echo "rc $?"
sysctl -N kernel.ostype
sysctl -e kernel.nosuch; echo "rc $?"
sysctl -q kernel.nosuch 2>&1; echo "rc $?"
unshare -u sh -c 'sysctl -w kernel.hostname=abc; hostname; sysctl kernel.hostname=def; hostname; sysctl -q -w kernel.domainname=dd; cat /proc/sys/kernel/domainname; sysctl -n kernel.hostname=x'
sysctl -w kernel.ostype=foo 2>&1; echo "rc $?"
sysctl -w kernel.ostype 2>&1; echo "rc $?"
sysctl -w kernel.nosuch=1 2>&1; echo "rc $?"
sysctl -a 2>&1 | grep -E '^fs.mqueue'
sysctl -a -N 2>&1 | grep '^kernel.ostype'
sysctl fs.mqueue; echo "rc $?"
sysctl -n fs.mqueue.msg_max fs.mqueue.queues_max
mkdir -p /tmp/t; printf '# c\n; c2\nkernel.ostype\n\n  fs.mqueue.msg_max = 12 \n-kernel.nosuch = 1\nkernel.nosuch2=3\n' > /tmp/t/conf
unshare -i sh -c 'sysctl -p /tmp/t/conf 2>&1; echo "rc $?"; sysctl -q -p/tmp/t/conf 2>&1; sysctl fs/mqueue/msg_max'
sysctl -p /tmp/t/none 2>&1; echo "rc $?"
sysctl -x 2>&1; echo "rc $?"
sysctl ../x 2>&1; echo "rc $?"
sysctl -b kernel.ostype; echo; echo "rc $?"
