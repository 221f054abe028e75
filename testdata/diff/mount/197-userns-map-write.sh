# Writing uid_map and gid_map of a task in a fresh user namespace from
# the parent namespace (as root) and from inside: the parsing, range and
# permission rules of map_write, one namespace per attempt.
# kerneltest: switch-root
mkdir -p /k
mount -t tmpfs K /k
try() { # FILE TEXT [inside]
	printf "$2" > /k/text
	if [ "$3" = inside ]; then
		unshare -U sh -c 'cat /k/text > /proc/self/$0; echo "$0 inside rc=$?"; cat /proc/self/$0' "$1" 2>&1
		return
	fi
	rm -f /k/go /k/ready; mkfifo /k/go /k/ready
	unshare -U sh -c 'echo $$ > /k/ready; read x < /k/go; cat /proc/self/'"$1" &
	read pid < /k/ready
	cat /k/text > /proc/$pid/$1 2>/dev/null; echo "$1 '$2' rc=$?"
	echo > /k/go
	wait
}
try uid_map '0 1000 10'
try uid_map '0 1000 10\n10 2000 5\n'
try uid_map '0 1000 10\n5 2000 5\n'
try uid_map '0 1000 0'
try uid_map '4294967295 0 1'
try uid_map '0 4294967295 1'
try uid_map '4294967290 0 10'
try uid_map '0 1000'
try uid_map ' 0   1000   1  '
try uid_map '0 1000 1 junk'
try uid_map ''
try uid_map '\n'
try uid_map '0x10 0 1'
try gid_map '0 0 1'
try projid_map '0 0 1'
try uid_map '0 0 1' inside
try uid_map '1 0 1' inside
try uid_map '0 0 2' inside
try gid_map '0 0 1' inside
