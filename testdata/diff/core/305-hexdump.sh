# hexdump: the default and -C -c -x -d -o -b layouts over whole and
# partial lines, -n and -s (also past the end), '*' for repeated lines
# and -v, empty input, -e formats (iterations, byte counts, %_a %_A %_c
# %_p %_u, integers of 1 to 8 bytes), several files, and the errors.
mkdir -p /tmp/hd && cd /tmp/hd || exit
printf 'hello world\n\000\001\377 abcdefghijklmnopqrstuvwxyz' > hx
head -c 64 /dev/zero > z
{
hexdump hx; hexdump -C hx; hexdump -c hx; hexdump -x hx; hexdump -d hx; hexdump -o hx; hexdump -b hx
hexdump -n 5 -C hx; hexdump -s 3 -n 10 -C hx; hexdump -s 1K hx; echo "rc $?"; hexdump -s 40 -c hx
hexdump -C z; hexdump -v -C z; hexdump z; hexdump -C z hx
printf '' | hexdump -C; echo "rc $?"
hexdump -C < hx | head -2
hexdump -e '4/1 "%02X" "\n"' hx
hexdump -e '"%_ad: " 8/1 "%_c" "\n"' hx
hexdump -e '2/4 "%d " "\n"' -n 16 hx
hexdump -e '1/8 "%x" "\n"' -n 16 hx
hexdump -e '1/2 "%6i|" "\n"' -s 12 -n 4 hx
hexdump -e '"%_p"' -n 5 hx; echo
hexdump -e '1/1 "%u|"' -n 3 hx; echo
hexdump -e '"%_u "' -n 14 hx; echo
hexdump -e '"%07_ao" 4/1 " %3_c" "\n"' -e '"%_Ad\n"' -n 9 hx
hexdump -C -x -n 20 hx
hexdump -n x hx; echo "rc $?"
hexdump -s y hx; echo "rc $?"
hexdump nosuch; echo "rc $?"
hexdump -C nosuch hx | head -1; hexdump nosuch hx > /dev/null; echo "rc $?"
hexdump -q hx; echo "rc $?"
} 2>&1
