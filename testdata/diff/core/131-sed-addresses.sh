# sed addresses: numbers, $, /re/, \cREc, first~step, addr,+N, addr,~N,
# 0,/re/, negation, blocks, -n with p, -s.
seq 10 > /tmp/a-n
sed -n '3p;$p' /tmp/a-n
sed -n '/4/,/6/p' /tmp/a-n | tr '\n' ' '; echo
sed -n '0~3p' /tmp/a-n | tr '\n' ' '; echo
sed -n '2~4p' /tmp/a-n | tr '\n' ' '; echo
sed -n '5,+2p' /tmp/a-n | tr '\n' ' '; echo
sed -n '5,~4p' /tmp/a-n | tr '\n' ' '; echo
sed -n '0,/[0-9]/p' /tmp/a-n | tr '\n' ' '; echo
sed -n '1,/[0-9]/p' /tmp/a-n | tr '\n' ' '; echo
sed -n '7,3p' /tmp/a-n | tr '\n' ' '; echo
sed '3,8!d' /tmp/a-n | tr '\n' ' '; echo
sed -n '\%5%,$p' /tmp/a-n | tr '\n' ' '; echo
sed -n '/1/{/0/!p}' /tmp/a-n | tr '\n' ' '; echo
sed -n '2,4{=;p}' /tmp/a-n | tr '\n' ' '; echo
sed '$!{$!d}' /tmp/a-n
printf 'ab\nAB\n' | sed -n '/ab/Ip'
printf 'x\ny\n' > /tmp/a-2
sed -n '$=' /tmp/a-n /tmp/a-2
sed -s -n '$=' /tmp/a-n /tmp/a-2
sed -s '1F' /tmp/a-2 - < /tmp/a-2
sed -n '/x/,/nomatch/p' /tmp/a-2 /tmp/a-n | wc -l
printf 'a\nb\nc\n' | sed -n '/b/{s//B/p}'
printf 'a\nb\nc\n' | sed '2q'
printf 'a\nb\nc\n' | sed '2Q'
