# rev (util-linux 2.38): lines reversed, a last line without newline,
# files it cannot open skipped ("-" is a file name), bad options;
# which (debianutils): PATH search, -a, names with a slash, empty PATH
# elements, no names, bad options.
cd /tmp
printf 'abc\nde' | rev | od -An -c
printf '1\n22\n' > a
rev nonexist a; echo $?
printf '' | rev; echo $?
printf 'a\n\nb\n' | rev
printf 'abc\n' | rev -; echo $?
rev -x; echo $?
rev -0; echo $?
which sh; echo $?
which nonexist sh; echo $?
which; echo $?
which -a sh; echo $?
which -x sh; echo $?
which /bin/sh; echo $?
which ./nope; echo $?
PATH=/nonexist:/usr/bin which chroot; echo $?
which -a chroot mount; echo $?
which ''; echo $?
mkdir -p /tmp/wbin; printf '#!/bin/sh\n' > /tmp/wbin/tool; chmod +x /tmp/wbin/tool
printf 'x' > /tmp/wbin/plain
cd /tmp/wbin
PATH=/usr/bin: which tool; echo $?
PATH=:/usr/bin which -a tool; echo $?
PATH=/usr/bin::/tmp/wbin which -a tool; echo $?
PATH=/tmp/wbin:/usr/bin which plain; echo $?
which -a -- sh tool; echo $?
