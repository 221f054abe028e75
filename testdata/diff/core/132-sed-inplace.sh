# sed -i: the file rewritten through a temporary file in its directory
# (mode kept), -i.SUFFIX backups, several files, r and w files.
mkdir -p /tmp/ip && cd /tmp/ip
printf 'one\ntwo\nthree\n' > f1
printf 'alpha\nbeta\n' > f2
chmod 640 f1
sed -i 's/o/0/g' f1; echo rc=$?; cat f1; stat -c '%a %s' f1
sed -i.bak -e '1d' -e '$a\' -e 'end' f1 f2; echo rc=$?
cat f1 f1.bak f2 f2.bak
ls
sed -i -n '$=' f1 f2; cat f1 f2
printf 'x\n' > f3; sed -i 'bak*' f3 2>/dev/null; printf 'x\n' > f3; sed -i'old_*' 's/x/y/' f3; cat f3 old_f3
sed -i p nofile f3; echo rc=$?; cat f3
sed -i p /tmp/ip; echo rc=$?
sed -i p; echo rc=$?
printf 'r1\nr2\n' > rf
printf 'a\nb\n' | sed '1r rf'
printf 'a\nb\n' | sed 'R rf' 
printf 'a\nb\n' | sed -n '/b/w wf'; cat wf
printf 'a\nb\n' | sed -i 2q f2; cat f2
ls
