mkdir /t
cd /t
mkdir dz da sub
touch a.txt 'x y' sub/in
printf 12345 > c.o
chmod +x a.txt
ln -s da lda
ln -s a.txt la
ln -s nope dang
ln -s loop loop
ln -s sub lsub
mkfifo p
mkdir /ids
touch /ids/f /ids/g
ln -s f /ids/l
chown 7:9 /ids/f
chown -h 12:345 /ids/l
touch -h -d '2001-02-03 04:05:06' * sub/in /ids/*
for o in -n -gn -on '-n --author' '-nG' '-no --author' '-ng --author' '-nZ'; do
	echo "--- $o"
	ls $o /ids
done
for o in -g -o -G -lG -gG -n '-g --author' '-l --author' -lZ '-lZ --author' -Z -sZ \
	-F -p --file-type --indicator-style=none --indicator-style=slash --indicator-style=file-type \
	--indicator-style=classify -lF -lp '-l --file-type' -L -lL -LF -lLF -LR '-H' '-d -L' \
	'-l --classify=always' '-l --classify=never' '-l --classify=auto' '-mF' '-CF -w 30' \
	'-l --group-directories-first' '--group-directories-first -F' '-Rf'; do
	echo "--- $o"
	ls $o
	echo "status $?"
done
echo "--- -f"
cd sub
for o in -f -fl -lf -sf -fs; do
	echo "--- $o"
	ls --time-style=+X $o
done
cd ..
echo "--- operands"
for o in -l -lH -lL '-l --dereference-command-line-symlink-to-dir' -H -L '' -F -d -dL '-dH'; do
	echo "--- $o"
	ls $o la lda dang lsub
	echo "status $?"
done
ls -l --dereference-command-line-symlink-to-dir lsub/ la
ls -L dang loop; echo "status $?"
ls -H loop; echo "status $?"
ls loop; echo "status $?"
echo "--- errors"
ls --indicator-style=x; echo "status $?"
ls --classify=x; echo "status $?"
ls --color=foo; echo "status $?"
ls --hyperlink=x; echo "status $?"
