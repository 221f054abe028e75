# Trees deeper than PATH_MAX: the recursive tools walk relative to
# directory descriptors and print paths of any length; cd goes on by a
# relative chdir once the absolute name is too long.
mkdir /t; cd /t
mkdir -p $(printf 'aaaaaaaaaa/%.0s' $(seq 800)); echo "mkdir -p $?"
echo data > $(printf 'aaaaaaaaaa/%.0s' $(seq 300))f
touch $(printf 'aaaaaaaaaa/%.0s' $(seq 800))g 2>/dev/null; echo "touch long $?"
find aaaaaaaaaa | wc -l; echo "find $?"
find aaaaaaaaaa -name f | wc -c
find . -type d | tail -1 | wc -c
find aaaaaaaaaa -empty | wc -c
du aaaaaaaaaa | wc -l; du -s aaaaaaaaaa; du -a . | head -2 | wc -c
chmod -R 700 aaaaaaaaaa; echo "chmod $?"
chmod -R -v 755 aaaaaaaaaa | tail -1 | wc -c
stat -c %a aaaaaaaaaa
chown -R 1:2 aaaaaaaaaa; echo "chown $?"
stat -c '%u %g' aaaaaaaaaa
rm -r aaaaaaaaaa; echo "rm $?"
ls
# cd past PATH_MAX: the absolute name is too long, the relative one is not
mkdir -p $(printf 'aaaaaaaaaa/%.0s' $(seq 400))
cd $(printf 'aaaaaaaaaa/%.0s' $(seq 300)); echo "cd 300 $?"
cd $(printf 'aaaaaaaaaa/%.0s' $(seq 90)); echo "cd 90 more $?"
pwd | wc -c; pwd -P | wc -c
cd $(printf 'aaaaaaaaaa/%.0s' $(seq 380)) 2>/dev/null; echo "cd 380 more $?"
echo data > f; echo "redirect $?"; cat f; cat < f
ls; [ -f f ] && echo "test -f"; echo *
cd ..; echo "cd .. $?"; pwd | wc -c
cd aaaaaaaaaa; echo "cd back $?"
cd ../..; echo "cd ../.. $?"; pwd -P | wc -c
(cd aaaaaaaaaa; echo "subshell $?"; pwd | wc -c; ls)
pwd | wc -c; ls
cd -P aaaaaaaaaa; echo "cd -P $?"; pwd | wc -c
cd -P ..; echo "cd -P .. $?"; pwd | wc -c
cd /t; rm -r aaaaaaaaaa; echo "rm $?"
