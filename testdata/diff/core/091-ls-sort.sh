mkdir /t
cd /t
mkdir dz da
touch a.txt b~ .h~ c.o 'x y' .hid v10 v9 v1.2 file-1.10.tar.gz file-1.9.tar.gz Z.z
ln -s da lda
ln -s a.txt la
ln -s nope dang
printf 12345 > five
printf 1 > one
touch -h -d '2000-01-01' * .h~ .hid
touch -d '2001-01-01 00:00:01' a.txt
touch -d '2001-01-01 00:00:03' c.o
touch -d '2001-01-01 00:00:02' five one
touch -d '2001-01-01 00:00:02' -a 'x y'
set -f
for o in '' -r -t -tr -S -Sr -X -Xr -v -vr '--sort=none' '--sort=time' '--sort=size' '--sort=extension' \
	'--sort=version' '--sort=width' '--sort=width -r' '--sort=t' --group-directories-first \
	'--group-directories-first -r' '--group-directories-first -S' '--group-directories-first -U' -a -A -aB -B \
	'--hide=*.o' '-a --hide=*.o' '-A --hide=*.o' "-I *.o" "-a -I *.o" "-I *.o --hide=a*" '--hide=*' "-I [!a]*" \
	"-A -I .*"; do
	echo "--- $o"
	ls $o
done
echo "--- access times"
touch -a -d '2001-01-01 00:00:05' one
touch -a -d '2001-01-01 00:00:04' a.txt
ls -u one a.txt five
ls -ur one a.txt five
ls -ltu --time-style=+%T one a.txt five
ls -lu --time=atime --time-style=+%T one a.txt five
ls -l --time=access --time-style=+%T one a.txt five
echo "--- sort -U with -t is still unsorted"
ls -tU | sort
ls -Ut | head -2
echo "--- errors"
ls --sort=foo; echo "status $?"
ls --sort=s; echo "status $?"
ls --time=foo; echo "status $?"
ls --sort; echo "status $?"
