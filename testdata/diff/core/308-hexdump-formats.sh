# hexdump -e: integers over partial blocks, several format strings, widths
# with %_c, floating point, a unit that reads nothing, and the format
# errors.
{
printf 'abcdefg' > /tmp/hx7
hexdump -e '"%x\n"' /tmp/hx7
hexdump -e '3/1 "%02x" "|"' -e '"\n"' /tmp/hx7
hexdump -e '1/4 "%08X" " "' -e '"\n"' /tmp/hx7
hexdump -e '"%-4_c|"' -n 3 /tmp/hx7; echo
hexdump -e '2/1 "%d " "\n"' -e '1/2 "%x" "\n"' -n 4 /tmp/hx7
hexdump -e '1/1 "%e\n"' -n 1 /tmp/hx7; echo "rc $?"
hexdump -e '1/4 "%f\n"' -n 4 /tmp/hx7
hexdump -e '1/8 "%g\n"' /tmp/hx7
hexdump -e '"%Q"' /tmp/hx7; echo "rc $?"
hexdump -e '4/3 "%x"' /tmp/hx7; echo "rc $?"
hexdump -e '"%_ao %_Ad\n"' /tmp/hx7; echo "rc $?"
hexdump -v -e '"%_p"' /tmp/hx7; echo
hexdump -e '"x\n"' /tmp/hx7; echo "rc $?"
} 2>&1
