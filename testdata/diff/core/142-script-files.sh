# A file holding a shell script is a program: by path, through PATH, with
# no "#!" line (the shell runs it itself), through env and find -exec; a
# "#!" naming a missing interpreter, or no execute permission, fails.
mkdir -p /w/bin
printf '#!/bin/sh\necho "script $0 $1"\nexit 7\n' > /w/s.sh; chmod +x /w/s.sh
/w/s.sh a; echo "rc=$?"
cd /w; ./s.sh b; cd /
printf 'echo "no shebang $#"\n' > /w/bin/ns; chmod 755 /w/bin/ns
PATH=/w/bin:$PATH ns 1 2
env /w/bin/ns x; echo "rc=$?"
find /w/s.sh -exec /w/s.sh {} \;
(exec /w/s.sh in-place); echo "after $?"
printf '#!/nonexistent/interp\n' > /w/bad; chmod +x /w/bad
/w/bad; echo "rc=$?"
chmod -x /w/s.sh; /w/s.sh; echo "rc=$?"
