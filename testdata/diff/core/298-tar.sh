# tar: create, list (-t, -tv) and extract (-x, -C, -O) a directory with
# a file and a symbolic link, old-style and dashed options, gzip (-z,
# and recognised without it), standard input and output, a leading '/',
# members named on the command line, and the errors: a missing file, no
# operation, a member not in the archive, a missing archive, garbage.
# Directory order differs between filesystems: listings are sorted.
mkdir -p /tmp/tr && cd /tmp/tr || exit
mkdir d; printf 'hello\n' > d/f; ln -s f d/l; chmod 600 d/f; touch -h -d '2001-02-03 04:05:06' d/f d/l d
tar cf x.tar d; echo "rc $?"
tar tf x.tar | sort
tar tvf x.tar | sort
tar cvf y.tar d/f d/l; echo "rc $?"
tar -tvf y.tar
mkdir out; tar xf x.tar -C out; echo "rc $?"; ls -l out/d | sort; cat out/d/f; stat -c '%n %a %y' out/d/f out/d
tar czf x.tgz d; tar tzf x.tgz | sort; mkdir out2; tar -xzvf x.tgz -C out2 | sort; cat out2/d/f
tar tf x.tgz | sort
tar cf z.tar /tmp/tr/d/f 2>&1; echo "rc $?"; tar tf z.tar
tar cf n.tar nosuch 2>&1; echo "rc $?"
tar 2>&1; echo "rc $?"
tar tf y.tar nosuch 2>&1; echo "rc $?"
tar tf y.tar d/f; echo "rc $?"
tar xf nosuch.tar 2>&1; echo "rc $?"
cd out && tar xf ../y.tar d/f && cat d/f; cd ..
tar -cf - d/f | tar -tvf -
tar cf - d/f | tar xOf -
echo garbage > g.tar; tar tf g.tar 2>&1; echo "rc $?"
tar --create --file=w.tar d/f; tar --list --file w.tar
