# echo, pwd, true and false are programs as well as shell builtins: run by
# path, through env or exec they follow coreutils, not the shell. echo
# takes escapes only with -e (or POSIXLY_CORRECT), pwd prints the physical
# directory unless -L (which trusts an exported PWD naming this
# directory), true and false take a lone --help or --version. cd exports
# PWD and OLDPWD to the programs.
mkdir -p /tmp/real
ln -s /tmp/real /tmp/lnk
cd /tmp/lnk
pwd; /bin/pwd; /usr/bin/pwd -L; env pwd; (exec pwd)
env | grep PWD | sort
/bin/pwd -X; echo "status $?"
/bin/pwd x; echo "status $?"
/bin/echo "a\tb"; env echo "x\ny"; /bin/echo -e "a\tb"
/bin/echo -n -e 'a\x41\xZ\0101\101\e[\E\q' | od -c | sed -n 1p
/bin/echo -e 'one\ctwo'; echo
POSIXLY_CORRECT=1 /bin/echo -e "a\tb"
POSIXLY_CORRECT=1 /bin/echo -n "a\tb"; echo
/bin/echo --help x; /bin/echo -- -n; /bin/echo -nx y
/bin/true --help x; echo "status $?"
/bin/false --version x; echo "status $?"
/bin/false --help >/dev/null; echo "status $?"
/bin/true --help | sed -n 1p | cut -d' ' -f1,2
mkdir /tmp/gone; cd /tmp/gone; rmdir /tmp/gone
/bin/pwd; echo "status $?"
