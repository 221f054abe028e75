# chmod and chown -v/-c on what they cannot change: a read-only bind
# mount (EROFS: "failed to change mode/ownership ... from ... to ..." on
# stdout beside the error), missing files ("could not be accessed",
# "failed to change ownership of X to Y"), symlinks met by -R ("neither
# symbolic link ... nor referent"), -f silencing stderr but not -v, and
# the last of -v/-c winning. chown -R changes a directory after what it
# holds (fts's post-order visit); chmod -R before. New owners given as
# numbers print as numbers, names as names.
mkdir -p /m/cx/d /ro; ln -s d /m/cx/l; ln -s nowhere /m/cx/dang; touch /m/cx/f; mkfifo /m/cx/p
chmod -Rv 700 /m/cx; chmod -Rc 755 /m/cx; chmod -Rv 755 /m/cx; chmod -v 700 /m/cx/l
chmod -v 700 /m/cx/dang; echo rc=$?; chmod -vf 700 /m/cx/dang; echo rc=$?
chmod -v 700 /m/nope; echo rc=$?; chmod -cf 700 /m/nope; echo rc=$?; chmod -vf 700 /m/nope/x; echo rc=$?
chmod -v 700 /m/cx/f/x; echo rc=$?
mount --bind -o ro /m/cx /ro
chmod -v 700 /ro/d; echo rc=$?; chmod -c 700 /ro/d; echo rc=$?; chmod -vf 755 /ro/d; echo rc=$?
chmod -Rv 755 /ro; echo rc=$?; chmod -v u+s /ro/f; echo rc=$?; chmod -Rv 700 /ro/l; echo rc=$?
chmod -R 700 /ro; echo rc=$?; chmod -Rf 700 /ro; echo rc=$?
echo --- chown
chown -Rv 1 /m/cx; chown -Rc 0 /m/cx; chgrp -Rv 1 /m/cx; chown -R 1:1 /ro; echo rc=$?
chown -Rv 0:0 /ro; echo rc=$?; chown -v 1 /ro/f; echo rc=$?; chown -cv 1 /ro/f; echo rc=$?
chown -vc 1 /ro/f; echo rc=$?; chown -Rfv 2 /ro; echo rc=$?
chown -v 1 /m/nope; echo rc=$?; chown -hv 1 /m/cx/dang; echo rc=$?; chown -Rv 2 /m/cx/l; echo rc=$?
chgrp -v 1 /ro/f; echo rc=$?; chgrp -v 1 /m/nope; echo rc=$?; chgrp -fv 3 /m/nope; echo rc=$?
chown -v : /m/nope; echo rc=$?; chown -cf 3 /m/nope; echo rc=$?
echo --- names
touch /m/cx/g; chown nobody:games /m/cx/g
chown -c :users /m/cx/g; chown -v :users /m/cx/g; chown -v :4 /m/cx/g; chown -v 1 /m/cx/g
chown -v daemon /m/cx/g; chown -v daemon: /m/cx/g; chown -v +2 /m/cx/g; chown -v 3.3 /m/cx/g
chown -v bin.bin /m/cx/g; chown -v '' /m/cx/g; chown -v : /m/cx/g
chown -v --reference=/m/cx /m/cx/g; chgrp -v --reference=/m/cx/p /m/cx/g; chgrp -v 7 /m/cx/g; chgrp -v lp /m/cx/g
chown -vc 5 /m/cx/g; chown -cv 5 /m/cx/g; chmod -vc 644 /m/cx/g; chmod -cv 644 /m/cx/g
