# ln: backups (-b, --backup=CONTROL and its synonyms, VERSION_CONTROL,
# -S and SIMPLE_BACKUP_SUFFIX, numbered names), -d/-F on directories,
# -L/-P, -i (answers from standard input), -f onto the same file,
# -t checked before anything, and links made by this ln kept with -f.
mkdir -p /tmp/ln; cd /tmp/ln; echo A > a; echo B > b; echo C > c
ln -b a b; echo rc=$?; ls; cat b~
ln -bv c b; echo rc=$?; cat b~
ln -s -b -v a c; echo rc=$?; ls -l c c~ | cut -c1,40-
ln --backup=numbered -v a c; ln --backup=t -v b c; ln --backup=numbered -v b c
ln --backup=existing -v a c; ln --backup=nil -v a b; ls
ln --backup=never -v b a; ln --backup=simple -S .bak -v b a; ln -S .orig -v c a
ln --backup=none -v b a; echo rc=$?; ln --backup=off -f -v b a; echo rc=$?
ln --backup=foo a b; echo rc=$?; ln --backup= a b; echo rc=$?; ln --backup=n a b; echo rc=$?
ln --backup=foo a new; echo rc=$?; ls new
VERSION_CONTROL=foo ln -b a b; echo rc=$?; VERSION_CONTROL=numbered ln -b -v a b
VERSION_CONTROL=numbered ln --backup=simple -v a b; VERSION_CONTROL=never ln --backup -v c b
SIMPLE_BACKUP_SUFFIX=.s ln -b -v a c~; SIMPLE_BACKUP_SUFFIX=x/y ln -b -v a c~
ln -S x/y -v a c~; ln -S '' -v c c~; echo rc=$?; ls
mkdir -p n; touch n/f n/f.~9~ n/f.~10~ n/f.~09~ n/f.~x~; ln -v --backup=numbered a n/f; ls n
echo --- directories
mkdir d e; ln d x; echo rc=$?; ln -d d x; echo rc=$?; ln -F d x; echo rc=$?
ln --directory d e; echo rc=$?; ln -d d e/; echo rc=$?; ln -dv a y; echo rc=$?
echo --- same file
ln -f a a; echo rc=$?; ln -f a ./a; echo rc=$?; ln -sf a a; echo rc=$?
ln -b a a; echo rc=$?; ln a z; ln -f a z; echo rc=$?; ln -f z a; echo rc=$?
ln -b z a; echo rc=$?; ls a*
echo --- symlinks
ln -s a sl; ln -s nowhere dang
ln -L sl lL; ln -P sl lP; ln sl lD; ln -P -L sl lPL; stat -c '%h %F %n' lL lP lD lPL sl a
ln -L dang x; echo rc=$?; ln dang lg; echo rc=$?; ln -sL a sL; stat -c %F sL
echo --- interactive
echo n | ln -i a b; echo rc=$?; cat b; echo y | ln -iv a b; echo rc=$?; cat b
ln -i a q </dev/null; echo rc=$?; ln -i b2 b </dev/null; echo rc=$?
echo B > b2; echo y | ln -i -f a b2; echo rc=$?; echo B > b3; echo y | ln -f -i a b3; echo rc=$?
echo y | ln -i -b -v b3 b2; echo rc=$?; echo y | ln -isv a b3; echo rc=$?
echo y | ln -i d b; echo rc=$?; echo y | ln -i a e; echo rc=$?
echo y | ln -i a e; echo rc=$?; echo y | ln -i a a; echo rc=$?
echo --- target directory
mkdir -p s1 s2 t u; echo 1 > s1/x; echo 2 > s2/x; ln -f s1/x s2/x t; echo rc=$?; cat t/x
ln -fv s1/x s2/x t; echo rc=$?; ln -fsv s1/x s2/x u; echo rc=$?
ln -bv s1/x s2/x t; echo rc=$?; ls t; ln --backup=t -fv s1/x s2/x t; echo rc=$?; ls t
ln -t nonexist a; echo rc=$?; ln -t a b; echo rc=$?; ln -t d -t e a; echo rc=$?
ln -t d a; ls d; ln -T -t d a b; echo rc=$?; ln -t d -T; echo rc=$?
ln -s -r -b -v d/a e/a; echo rc=$?; ls -l e/a | cut -c1,40-; ln -v -b a d; ls d
ln -b a nodir/x; echo rc=$?
echo --- self loop
ln -sb a a; echo rc=$?; ls -l a | cut -c1,40-
