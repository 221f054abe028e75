# A script run by path: execve names the task for the file it was given
# (the script's base name, cut to 15 bytes) and its argv is the "#!"
# rewrite: the interpreter as the line names it, then the script as it
# was given. $$ in a script is the shell running it. A program run by
# path has that path as argv[0]; a copy is named for its own file.
mkdir -p /tmp/s0; cd /tmp/s0
printf '#!/bin/sh\ncat /proc/$$/comm; tr "\\0" " " < /proc/$$/cmdline; echo\n' > c
printf '#!/bin/sh -e\ncat /proc/$$/comm; tr "\\0" " " < /proc/$$/cmdline; echo\n' > a-very-long-script-name
printf 'cat /proc/$$/comm; tr "\\0" " " < /proc/$$/cmdline; echo\n' > plain
chmod +x c a-very-long-script-name plain
./c 1 2; /tmp/s0/c; PATH=/tmp/s0:$PATH c x
./a-very-long-script-name y
sh -c "./plain d"; bash -c "./plain b"
env ./c e; sh -c './c sh'
echo | xargs ./c; find /tmp/s0 -name c -exec {} f \;; timeout 5 ./c t
/bin/cat /proc/self/comm; /bin/cat /proc/self/cmdline | tr '\0' ' '; echo
cp /bin/cat kitty; ./kitty /proc/self/comm; ./kitty /proc/self/cmdline | tr '\0' ' '; echo
env /tmp/s0/kitty /proc/self/comm /proc/self/cmdline | tr '\0' ' '; echo
printf '#!/bin/sh\nps -o comm=,args= -p $$\n' > pscript; chmod +x pscript; ./pscript 1
