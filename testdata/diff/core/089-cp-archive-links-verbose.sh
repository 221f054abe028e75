# cp -a keeps hard links between the files it copies (cp -r does not), and
# -v names a directory before what it holds.
mkdir -p /s/d/e; echo a > /s/d/e/f; ln /s/d/e/f /s/d/g; ln -s f /s/d/e/l
cp -av /s /t; echo "a $?"
stat -c '%n %h' /t/d/e/f /t/d/g
cp -rv /s /u; echo "r $?"
stat -c '%n %h' /u/d/e/f /u/d/g
cp -dR /s /w; stat -c '%n %h' /w/d/e/f
cp -v /s/d/g /s/d/e/f /t; echo "v $?"
