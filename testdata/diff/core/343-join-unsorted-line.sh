# join reports an input out of order with the line as it read it: the
# blanks between fields, leading blanks and -t's separators as they were,
# with --check-order (fatal) and by default (once lines went unpaired:
# not yet for the line read as the first unpaired one is passed over),
# and with -z its NUL-ended record.
mkdir -p /tmp/ju
{
cd /tmp/ju
printf 'a  1\n  c\t\t3 x\n b   2\n' > A; printf 'a 9\n' > B
join --check-order A B; echo "rc $?"
join A B; echo "rc $?"
printf 'a,,1\nc,3,,\nb,2\n' > C; printf 'a,9\nz,0\n' > D
join -t , --check-order C D; echo "rc $?"
join -t , -a1 C D; echo "rc $?"
printf 'a,1\nc,3\nd, 4\nb,  2\n' > E; join -t , -a1 E D; echo "rc $?"
printf 'a 1\0c  3\0b 2\0' > Z; printf 'a 9\0' > Y
join -z --check-order Z Y | tr '\0' '\n'; echo "rc $?"
} 2>&1
