# join: the default pairing, -a -v -e -o (auto, 0, lists with commas and
# blanks), -1 -2 -j, -t (also empty: whole lines), -i, --header, -z;
# unsorted input: silent when all pairs, a warning once lines go
# unpaired, fatal with --check-order, nothing with --nocheck-order; and
# the usage errors.
mkdir -p /tmp/jn && cd /tmp/jn || exit
printf '1 a x\n2 b y\n3 c z\n5 e\n' > A; printf '1 one\n3 three\n4 four\n5 five six\n' > B
printf 'b 1\na 2\n' > U; printf 'a x\n' > V
{
join A B; join -a1 A B; join -a1 -a2 A B; join -v1 A B; join -v2 A B; join -v1 -v2 A B
join -o 1.2,2.2,0 A B; join -a1 -a2 -e X -o auto A B; join -a2 -e X -o 1.3,2.2 A B
join -o '1.1 2.2' A B; join -o 0 -o 2.2 A B; join -e E -o 1.1,2.5 A B; join -a1 -a2 -e X A B
join -j 1 -t ' ' A B
printf '1,a\n2,b\n' > C; printf '1,x\n2,y\n' > D; join -t , C D
printf '1,,a\n' > E; printf '1,b\n' > F; join -t , -e X E F; join -t , -e X -o 1.2,2.3 E F
printf 'x 1\ny 2\n' > G; printf 'z 1\n' > H; join -1 2 -2 2 G H; join -2 1 -1 2 G H
printf 'A 1\n' > I; printf 'a 2\n' > J; join -i I J; join I J; echo "rc $?"
printf 'k v\n1 a\n' > K; printf 'k w\n1 b\n' > L; join --header K L
join -t '' A A | head -2
printf '1 a\0002 b\000' > Z1; printf '1 c\000' > Z2; join -z Z1 Z2 | tr '\0' '|'; echo
join U U; echo "rc $?"; join U V; echo "rc $?"; join V U; echo "rc $?"
join --check-order V U; echo "rc $?"; join --nocheck-order U V; echo "rc $?"; join --check-order A B; echo "rc $?"
join -a1 V U; echo "rc $?"
cat A | join - B | head -1
join A; echo "rc $?"; join; echo "rc $?"; join A B C; echo "rc $?"
join -o 3.1 A B; echo "rc $?"; join -1 0 A B; echo "rc $?"; join -j x A B; echo "rc $?"
join -a 3 A B; echo "rc $?"; join A nosuch; echo "rc $?"; join -t ab A B; echo "rc $?"
} 2>&1
