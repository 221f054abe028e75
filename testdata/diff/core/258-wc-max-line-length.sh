# wc -L: the widest line's display width (tabs to multiples of 8,
# carriage returns and form feeds end a line, unprintable bytes take no
# room), alone and with other counts, with the longest line as total.
cd /tmp
printf 'a\nbbbb\ncc' > w1
printf '\tx\n12345678\tz\n' > w2
printf 'abc\rdefgh\fij\001\002k\n' > w3
: > w4
wc -L w1; wc -L w2; wc -L w3; wc -L w4
wc -L w1 w2 w3 w4
wc -lL w1 w2
wc -Lc < w2
wc --max-line-length w3
printf 'xyz' | wc -L
wc -L -m -w w1
