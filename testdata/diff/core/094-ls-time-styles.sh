# (Listings name old and fut only where times show: new is as recent as the
# run, and the two sides may run in different minutes.)
mkdir /t
cd /t
touch -d '2020-01-02 03:04:05.123456789' old
touch -d '2099-01-01' fut
touch new
touch -d '2020-01-02 03:04:05.123456789' old
touch -d '2099-01-01 00:00:00.5' fut
for o in --full-time '-l --time-style=full-iso' '-l --time-style=long-iso' '-l --time-style=iso' \
	'-l --time-style=locale' '-l --time-style=posix-iso' '-l --time-style=posix-full-iso' \
	'-l --time-style=full' '-l --time-style=l' '-g --time-style=long-iso' '-lu --time-style=iso' \
	'-l --time-style=+' '-lc --time-style=+X' '-l --time-style=+%Y/%m/%d-%H:%M:%S.%N%%%z%a%A%b%B%e%j%s%p%I%y%C%u%w%D%F%h%g%G%V%U%W%q' \
	'-l --time-style=+%5Y|%-d|%_m|%^b|%010N|%3N|%:z|%::z|%c|%x|%X|%r|%P|%#p|%#Z|%Z|%k|%l|%T|%R|%n|%t|%E%O' \
	'--time-style=long-iso -l' '--full-time -1' '--time-style=foo' '-1 --full-time -l'; do
	echo "--- $o"
	ls $o old fut
done
echo "--- two formats"
ls -l '--time-style=+OLD %Y
NEW' old fut new
ls -l '--time-style=+OLD
NEW' old fut new
echo "--- TIME_STYLE"
TIME_STYLE=long-iso ls -l old
TIME_STYLE=iso ls -l --time-style=full-iso old
TIME_STYLE=+%Y ls -g old
TIME_STYLE=posix-long-iso ls -l old
echo "--- errors"
ls -l --time-style=foo; echo "status $?"
TIME_STYLE=bogus ls -l old fut; echo "status $?"
ls -l --time-style=i; echo "status $?"
ls -l '--time-style=+a
b
c' old; echo "status $?"
