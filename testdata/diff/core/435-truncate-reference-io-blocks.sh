# truncate -r RFILE (its size, or the base of a relative -s; a device's
# size found with lseek) and -o (SIZE in the file's I/O blocks), with
# the usage errors of their combinations.
mkdir /w; cd /w; echo hi > f; head -c 5000 /dev/zero > big
truncate -r f t2; wc -c t2; truncate -r big -s +5 t2; wc -c t2; truncate -r f -s %4 t2; wc -c t2; truncate -o -s 2 t2; wc -c t2; truncate -o -s +1 t2; wc -c t2; truncate -r f -s 3 t2; echo rc=$?
truncate -o t2; echo rc=$?; truncate -r f; echo rc=$?; truncate -r nope t2; echo rc=$?; truncate -r /dev/null t3; wc -c t3; truncate -r /proc/version t4; wc -c t4; truncate; echo rc=$?; truncate t2; echo rc=$?
truncate -r big -s '<100' t5; wc -c t5; truncate -r big -s '>100' t6; wc -c t6; truncate -r big -s /3000 t7; wc -c t7; truncate -r big -s -100 t8; wc -c t8; truncate -o -s 1 -c nope; ls nope; truncate -s 1 -o /dev/null; echo rc=$?
truncate -o -s 9223372036854775807 t9; echo rc=$?; truncate --reference=f --io-blocks -s +1 t10; wc -c t10; truncate -r /dev/zero t11; echo rc=$?; wc -c t11
