# sh is dash: its echo interprets backslash escapes always (\NNN and
# \0NNN octal, no \x or \E) and takes only a first "-n"; bash's needs -e.
sh -c 'echo "a\tb\nc" "\101\0102\x43\E|\q"; echo -e x; echo -n -n y; echo "z\cw" v; echo .' | od -c
sh -c 'echo -- a; echo -nx b; echo "\0400|\400"' | od -c
bash -c 'echo "a\tb" "\101"; echo -e "\0101\x41"' | od -c
