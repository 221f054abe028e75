# cp and mv make backups as ln does: -b, --backup=CONTROL, -S SUFFIX,
# VERSION_CONTROL and SIMPLE_BACKUP_SUFFIX; -v names the backup; a bad
# CONTROL and --backup with --no-clobber are usage errors; cp backs up
# no directory, mv does.
mkdir /tmp/bk; cd /tmp/bk
echo a>a; echo b>b; mv -v -b a b; ls; cat b b~
echo c>c; cp -v -b c b; ls
cp -v --backup=numbered c b; cp -v --backup=numbered c b; ls
cp -v --backup=existing c b; ls
VERSION_CONTROL=numbered cp -v -b c c2; VERSION_CONTROL=numbered cp -b -v c c2; ls
VERSION_CONTROL=bogus cp -b c c2; echo rc=$?
cp --backup=bogus c c2; echo rc=$?
cp --backup=nu -v c c2; echo rc=$?
cp -S .old c c2 -v; ls
SIMPLE_BACKUP_SUFFIX=.bak cp --backup=simple -v c b; ls
mv -b -n c c2; echo rc=$?
cp -b -n c c2; echo rc=$?
mv -b -n; echo rc=$?
cp -b -n; echo rc=$?
mv --backup=bogus; echo rc=$?
cp --backup=bogus; echo rc=$?
mv --backup=bogus x; echo rc=$?
mv -b --backup=bogus nonexist y; echo rc=$?
cp -b c c; echo rc=$?
mv -b c c; echo rc=$?
mkdir d1 d2; echo 1 > d1/f; echo 2 > d2/f
mv -v -b -T d1/f d2/f; ls d1 d2
echo z > z; mv --suffix=.s -v z b; ls
mkdir t; echo q > t/b; mv -bv b t; ls t
cp -rv -b d2 t/; cp -rv -b d2 t/; ls t t/d2
mkdir -p e1/x e2/x; mv -bv -T e1 e2; ls; ls e2
mv -b --backup=none -v c c3; cp --backup=off -v c3 c2; ls
mkdir /m; mount -t tmpfs m /m; echo old > /m/f; echo new > f
mv -b -v f /m/f; ls /m; cat /m/f /m/f~
