# nsenter -t PID -p joins the PID namespace of a task in a child
# namespace and forks: the program is the namespace's next task. The
# task's number outside comes from the PPid its child reads in the outer
# proc. Two FIFOs order the two sides.
mkdir -p /k
mount -t tmpfs K /k
mkfifo /k/ready /k/go
unshare -pf sh -c '
sed -n "s/^PPid:\t//p" /proc/self/status > /k/pid
echo ready > /k/ready
read x < /k/go
' &
read x < /k/ready
nsenter -t "$(cat /k/pid)" -p sh -c 'echo "joined: $$ ppid $PPID"; grep NSpid /proc/self/status > /k/s; sed -E "s/\t[0-9]+/\tN/" /k/s'
nsenter -t "$(cat /k/pid)" -p -F sh -c '[ $$ -gt 3 ] && echo "-F: stays outside"'
echo go > /k/go
wait
