# devpts: every mount is an instance of its own (newinstance changes
# nothing), with its ptmx node; the options as mountinfo and findmnt show
# them, statfs's name, and the options devpts refuses.
mkdir -p /t/a /t/b
mount -t devpts devpts /t/a; echo rc=$?
mount -t devpts -o gid=5,mode=620,ptmxmode=666,max=8,newinstance devpts /t/b; echo rc=$?
grep ' /t/' /proc/self/mountinfo | cut -d' ' -f4-
findmnt -n -o TARGET,FSTYPE,OPTIONS /t/b
stat -c '%n %F %a %u %g %t:%T %i %h' /t/a /t/a/ptmx /t/b/ptmx
stat -f -c '%T %t %s %S %l' /t/b
ls -a /t/a
[ "$(stat -c %d /t/a)" != "$(stat -c %d /t/b)" ] && echo two instances
mount -t devpts -o mode=8 devpts /t/a; echo rc=$?
mount -t devpts -o bogus devpts /t/a; echo rc=$?
mount -t devpts -o max=1048577 x /t/a; echo rc=$?
mount -t devpts -o newinstance=1 x /t/a; echo rc=$?
mount -t devpts -o uid=0x10,gid=010,mode=77777,max=1048576 x /t/a; echo rc=$?
findmnt -n -o OPTIONS /t/a
