# yes: the line repeated until the reader goes away; its options.
yes | head -3
yes a b | head -2
yes -- -x | head -1
yes a -- b | head -1
yes '' | head -2 | wc -c
yes | head -c 20000 | wc -c
yes > /dev/full; echo "rc=$?"
yes -x; echo "rc=$?"
yes --x; echo "rc=$?"
