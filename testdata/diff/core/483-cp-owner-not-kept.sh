# cp keeping owners: a user who cannot give a copy its source's owner
# (EPERM) is not told so, and the copy loses its set-user-ID, set-group-ID
# and sticky bits; --parents' directories keep theirs. Modes are written
# as ACLs where there is no such bit to write, so a copied directory keeps
# the setgid its new parent gave it (and mkdir's sticky bit), unless the
# copier is outside its group. Root's copies: the owner changes, chown
# clears the set-ID bits of files the mode is not preserved for.
umask 022; mkdir w; chmod 777 w; cd w
as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
for m in 6755 6777 2745 1777; do
 touch f$m; chmod $m f$m; chown 12345:54321 f$m; mkdir d$m; chmod $m d$m; chown 12345:54321 d$m
 cp --preserve=ownership f$m F$m; cp -r --preserve=ownership d$m D$m
 as cp --preserve=ownership f$m N$m; echo rc=$?; as cp -r --preserve=ownership d$m E$m; echo rc=$?
 as cp -p f$m P$m; echo rc=$?; as cp -a d$m A$m; echo rc=$?
done
stat -c '%a %u:%g %n' * | sort -k3
mkdir -p s/a/b; chmod 6777 s/a; chmod 3777 s/a/b; echo x > s/a/b/f; chmod 6755 s/a/b/f; mkdir e; chmod 777 e
as cp -a --parents s/a/b/f e; echo rc=$?; stat -c '%A %U %G %n' e/s e/s/a e/s/a/b e/s/a/b/f
mkdir g; chmod 2775 g; chgrp 54321 g; mkdir t; chmod 1777 t
cp -a s g/A; cp -r --preserve=mode s g/M; cp -r s g/R; cp -a t g/T
chmod 777 g; as cp -a s/a/b g/N; as cp -a t g/NT; stat -c '%a %u:%g %n' g/* | sort -k3
cd /tmp; echo a > a; chmod 755 a; echo b > b; chmod 4755 b; cp -p a b; echo b > d; chmod 1644 d; cp --preserve=mode a d
mkdir e; chmod 3755 e; mkdir -p x/e; cp -rp x/e .; stat -c '%a %n' b d e
