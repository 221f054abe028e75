# join: groups of equal keys (cross products), tabs as -t, leading blanks,
# -o with unpaired lines of either file, -e '-', --header with an
# unpaired body, -1/-2 apart, -i, -z with -t, and both files on stdin.
mkdir -p /tmp/jn
{
cd /tmp/jn
printf 'a 1\nb 2\nb 3\nc 4\n' > M; printf 'b x\nb y\nd z\n' > N
join M N; join -a1 -a2 M N; join -v1 M N
printf 'x\ty z\n' > T1; printf 'x\tw\n' > T2; join -t "$(printf '\t')" T1 T2; join T1 T2
printf ' lead 1\n' > S1; printf 'lead 2\n' > S2; join S1 S2
join -o 2.1,1.1 -a1 -a2 M N
join -e - -o 0,1.2,2.2 -a1 -a2 M N
join --header -a1 <(printf 'h1 h2\n1 a\n') <(printf 'h1 h3\n')
join -1 2 -2 1 <(printf 'x b\ny c\n') N
join -i <(printf 'B 1\n') <(printf 'b 2\nC 3\n')
join -z -t , <(printf 'a,1\0b,2\0') <(printf 'b,3\0') | tr '\0' '\n'
join - - < M; echo "rc $?"
} 2>&1
