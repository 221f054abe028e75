# As on Debian, sh is a link to dash: the link, the file it leads to, a
# shell run as dash, and the program /proc shows for a shell run as sh.
ls -l /bin/sh /usr/bin/sh | sed 's/.* \(\/[a-z/]*\) -> /\1 -> /'
readlink -f /bin/sh
command -v dash
dash -c 'echo "$0 runs"; nosuch' 2>&1; echo "status $?"
sh -c 'readlink /proc/$$/exe'
test -x /usr/bin/dash && test -L /usr/bin/sh && echo "dash is a file, sh a link"
