# rm -i/-I/--interactive, cp -i, mv -i: the questions on standard error,
# one answer line each from standard input (EOF is no), -f/-i/-n order.
mkdir -p /tmp/ask; cd /tmp/ask; touch a b c d e; mkdir dd; ln -s a l; echo x > f
rm -i a </dev/null; echo rc=$?; ls a
echo y | rm -i a; echo rc=$?; ls a
rm -i l dd </dev/null; echo rc=$?
echo n | rm -I b c d e; echo rc=$?
rm -I b c </dev/null; echo rc=$?; ls
echo n | rm -rI dd; echo rc=$?
printf 'y\n' | rm -ri dd; echo rc=$?
echo n | cp -i f e; echo rc=$?; cat e
echo y | cp -i f e; echo rc=$?; cat e
echo n | cp -n -i f d; echo rc=$?; cat d
echo n | mv -i f e; echo rc=$?
echo y | mv -i f e; echo rc=$?; ls
rm -i -f e </dev/null; echo rc=$?; rm -f -i d </dev/null; echo rc=$?
rm -i nonexist </dev/null; echo rc=$?
echo yes | rm -i d; echo rc=$? ; echo " y" | rm -i l; echo rc=$?; ls
mkdir -p t/s; touch t/a t/s/b; mkfifo t/p
printf 'y\nn\ny\ny\ny\n' | rm -ri t; echo rc=$?; ls -R t
printf 'y\ny\ny\ny\ny\ny\n' | rm -rvi t; echo rc=$?
rm --interactive=bad x; echo rc=$?
touch q; rm --interactive q </dev/null; echo rc=$?; rm --inter=never q; echo rc=$?
touch a b c d; echo n | rm -I a b c d; echo rc=$?; echo y | rm -I a b c d; echo rc=$?; ls
mkdir t; touch t/a; printf 'y\nn\ny\n' | rm -ri t; echo rc=$?; ls
mkdir -p u/v; touch u/v/a;  printf 'y\nn\ny\n' | rm -ri u; echo rc=$?; ls -R u
touch g h; mkdir k; echo y | mv -i -n g h; echo rc=$?; ls; echo y | mv -n -i g h; echo rc=$?; ls
echo y | cp -i g k; echo rc=$?
rm -f -i nonexist </dev/null; echo rc=$?; rm -f -i; echo rc=$?
rm -f --interactive=never nonexist; echo rc=$?; rm -f -I nonexist; echo rc=$?
printf 'y\nsecond\n' > /tmp/ans; touch /tmp/ask/r; { rm -i /tmp/ask/r; read x; echo "x=$x"; } < /tmp/ans
mkdir -p /tmp/ask/zz; rm -r --no-pres /tmp/ask/zz; echo rc=$?; rm --preserve-root=bad x; echo rc=$?
mkdir -p /tmp/pa; mount -t tmpfs t /tmp/pa; touch /tmp/pa/f
rm -r --preserve-root=all /tmp/pa; echo rc=$?; rm -r --preserve-root=all /tmp/pa/f; echo rc=$?
rm --preserve-root=all /tmp/pa; echo rc=$?; rm -r --preserve-root=al /tmp/pa; echo $?
rm -r --preserve-root=all --no-preserve-root /tmp/pa; echo $?; umount /tmp/pa
