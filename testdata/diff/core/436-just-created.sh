# cp, mv and install with several sources of one base name into a
# directory: a destination the command itself made for an earlier operand
# is not replaced ("will not overwrite just-created", copy.c's dest_info),
# after -n, -i and -u had their say and before a backup; files made inside
# a copied directory do not count; a source named twice is only warned of.
# Last, install -t with a target that is not a directory ("failed to access").
mkdir /cz; cd /cz; mkdir b dir && echo 1 > a && echo 2 > b/a && cp a b/a dir; echo rc=$?; cat dir/a; cp -v a a dir; echo rc=$?; mkdir d2; cp -r b a d2/ ; echo rc=$?; mkdir d3 d4; echo 3 > d3/a; cp -r d3/a a d4; echo rc=$?
mv a b/a dir 2>&1; echo rc=$?; install a b/a dir 2>&1; echo rc=$?; echo 1 > a; install a a dir; echo rc=$?; mkdir d5; echo 4 > b/c; cp -r b/c a b/c d5; echo rc=$?; ln -s a sl; cp sl a d5 2>&1; echo rc=$?
rm -rf /cz; mkdir /cz; cd /cz; mkdir b dir && echo 1 > a && echo 2 > b/a; cp -n a b/a dir; echo rc=$?; rm dir/a; cp -i a b/a dir </dev/null; echo rc=$?; rm dir/a; cp -u a b/a dir; echo rc=$?; rm dir/a
cp -f a b/a dir; echo rc=$?; rm dir/a; cp --backup a b/a dir; echo rc=$?; ls dir; rm dir/*; cp -l a b/a dir; echo rc=$?; rm dir/*; cp -s /cz/a /cz/b/a dir; echo rc=$?; rm dir/*
mkdir -p x/d y/d; echo x > x/d/f; echo y > y/d/f; cp -r x/d y/d dir; echo rc=$?; cat dir/d/f; rm -r dir/d
mkdir /n; mount -t tmpfs n /n; mkdir /n/t; cp a b/a /n/t; echo rc=$?; cp a /n/t; echo rc=$?; mv a b/a /n/t 2>&1; echo rc=$?; ls . b /n/t; echo 1 > a; mv -n a b/a dir; echo rc=$?; ls . b dir
echo 3 > c; mv c b/a dir; echo rc=$?; cat dir/a; ls b; echo 5 > e; install e e dir; echo rc=$?; install -v e b/a /n/t; echo rc=$?
echo --- install -t: the target must be a directory, or missing with -D
mkdir /w2; cd /w2; echo hi > f; touch file
install -t /w2/nope f; echo rc=$?; install -t file f; echo rc=$?; install -D -t x/y f; echo rc=$?; ls x/y; install -D -t file f; echo rc=$?; install -t file; echo rc=$?; install -t nope; echo rc=$?; install -Dt file/z f; echo rc=$?
mkdir -p /ro2; mount --bind -o ro /w2 /ro2; install -t /ro2 f; echo rc=$?; install -D -t /ro2/n f; echo rc=$?; install -t x/y f f; echo rc=$?; install -vt x f
