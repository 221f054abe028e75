# unshare --uts gives a UTS namespace of one's own: hostname sets and
# prints it (with the hostname tool's checks), uname reads it; the
# parent's name is unchanged.
before=$(uname -n)
unshare --uts sh -c '
hostname inner.example; hostname; hostname -s; uname -n; echo rc=$?
for n in a_b -a a..b .a a. "a b" a- 1234 a-b x.y.z; do hostname -- "$n"; echo "[$n] rc=$?"; done
hostname ""; echo rc=$?
hostname $(head -c 65 /dev/zero | tr "\0" x); echo rc=$?
hostname -F /nonexist; echo rc=$?
printf "\n#x\n  spaced  \n" > /tmp/hf; hostname -F /tmp/hf; echo rc=$?; hostname
hostname -b; hostname -y; echo rc=$?
uname -s -n -m -o; uname -p -i; uname -snmo; uname x; echo rc=$?
unshare -u sh -c "hostname deeper; uname -n"; uname -n
'
[ "$(uname -n)" = "$before" ] && echo parent unchanged
uname -a -p -i | grep -c unknown; uname --sysname
unshare -u sh -c 'hostname -y nisdom; hostname -y; hostname --nis; uname -n | grep -c nisdom'
