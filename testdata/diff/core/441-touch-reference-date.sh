# touch -r with -d (the date relative to each of the reference's times),
# --time=WORD as -a or -m (argmatch's words and errors), -t with -d or
# -r refused, and the date forms people write.
mkdir /w; cd /w; touch -d '2001-02-03 04:05:06' f; touch -r f -d '+1 day' g; stat -c '%y' g; touch -r f -d '-2 hours' h; stat -c '%y' h; touch -a -d 2002-01-01 f; stat -c '%x|%y' f
touch -m -t 200301010000 f; stat -c '%x|%y' f; touch --time=atime -d 2004-01-01 f; stat -c '%x' f; touch --time=mtime -d 2005-01-01 f; stat -c '%y' f; touch --time=access -d 2006-01-01 f; stat -c '%x' f; touch --time=bogus f; echo rc=$?
touch -d 'next monday' n; echo rc=$?; touch -d '2020-13-01' x; echo rc=$?; touch -d '@1.5' e; stat -c '%y' e; touch -d '2020-01-01T10:00:00Z' z; stat -c '%y' z; touch -d '2020-01-01 10:00 +0200' zz; stat -c '%y' zz
touch -t 2001 bad; echo rc=$?; touch -t 0101000070 y70; stat -c '%y' y70; touch -t 203801190314.08 y38; stat -c '%y' y38; touch -c -d 2001-01-01 none; ls none; touch -h -d 2001-01-01 dangl; echo rc=$?
ln -s f lf; touch -h -d 2007-01-01 lf; stat -c '%y' lf f | cut -c1-4; touch -d 'yesterday 10:00' y; echo rc=$?; touch -d '1 Jan 2009' j; stat -c %y j; touch -d 'tomorrow' tm; echo rc=$?; touch -d '' emp; stat -c %y emp | cut -c1-4
touch -r f -t 200101010000 x; echo rc=$?; touch -d 2001-01-01 -t 200101010000 x; echo rc=$?; touch -t 200101010000 -t 200201010000 y; stat -c %y y; touch -d 2001-01-01 -d 2002-01-01 z; stat -c %y z; touch --time=u -d 2008-01-01 f; stat -c %x f; touch --time=m f; echo rc=$?
