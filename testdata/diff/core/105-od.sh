# od: the default octal words, -t with every integer size and base, a, c,
# f, z; -A, -j, -N, -w, -v and repeated lines; -b -c -d -o -x -s -i -l;
# several files; the errors.
cd /tmp
printf 'Hello, World!\n\001\177\200\377 ' > t
od t
od -c t; od -b t; od -x t; od -d t; od -o t; od -s t; od -i t; od -l t; od -a t
od -t x1 -t c t
od -t d1 -t u1 -t o1 -t x1 t
od -t d2 -t u2 -t o2 -t x2 t
od -t d4 -t u4 -t o4 -t x4 t
od -t d8 -t u8 -t o8 -t x8 t
od -t dC -t xS -t uI -t oL t
od -t x1z -t cz t
od -tx2z t
od -A x -t x1 t; od -A d -c t; od -A n -c t; od -An -tx1 t
od -j 3 -N 5 -c t; od -j 0x2 -N 010 -t x1 t
od -w4 -t x1 t; od -w -t x1 t; od -w3 -t x2 t
printf 'abc' | od -t x2
printf 'abcde' | od -t x4 -t c
printf '\0\0\200\77\0\0\0\0\0\0\360\77\1\2\3\4' | od -t f4 -t f8 -t fF
printf '\0\0\300\177\0\0\200\177\0\0\200\377\0\0\0\200' | od -t f4
head -c 100 /dev/zero | od; head -c 100 /dev/zero | od -v -A d
printf 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' | od -c
printf 'ab' > u; od -c t u; od -c u - t < u
od --endian=big -t x2 u; od --endian=little -t x2 u
od missing; echo "rc=$?"; od missing u; echo "rc=$?"
mkdir d; od d; echo "rc=$?"
od -j 100 t; echo "rc=$?"
od -t d3 t; echo "rc=$?"
od -t q t; echo "rc=$?"
od -t f3 t; echo "rc=$?"
od -A q t; echo "rc=$?"
od -j x t; echo "rc=$?"
od --skip-bytes=1Q t; echo "rc=$?"
od -N 99999999999999999999999 t; echo "rc=$?"
od --endian=middle u; echo "rc=$?"
od -w0 -c u; echo "rc=$?"
od -y; echo "rc=$?"
: | od; echo "rc=$?"
