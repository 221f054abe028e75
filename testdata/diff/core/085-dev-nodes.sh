# /dev holds the memory devices, as a small system has them.
stat -c '%n %F %t:%T %a' /dev/null /dev/zero /dev/full /dev/random /dev/urandom
echo gone > /dev/null
echo "null $?"
head -c 5 /dev/zero | wc -c
head -c 3 /dev/urandom | wc -c
cat /dev/null
echo "empty $?"
