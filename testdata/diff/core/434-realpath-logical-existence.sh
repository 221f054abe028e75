# realpath -s and -L take ".." by name, yet still look at each component
# before it (gnulib's canonicalize with CAN_NOLINKS): a dangling link, a
# missing name or a file before ".." is an error unless -m, the last
# component may be missing (not with -e), and a file followed by a slash
# is ENOTDIR.
mkdir -p /rp; cd /rp; touch f; mkdir d; ln -s nowhere dang; ln -s d dl; ln -s f fl
for a in dang/../f dl/../f fl/../f nope/../f d/../f dang/.. dl/.. fl/.. nope/.. dang nope nope/ f/ fl/ dl/ d/./../d nope/x \
	nope/./x nope/./.. f/. dang/. d//..//f nope// f/./x dang/x fl/x /rp/nope/../rp/f; do
	echo "== $a"; realpath -s $a; realpath -L $a; realpath -sm $a; realpath -se $a; realpath -Lm $a; realpath -Le $a; echo rc=$?
done
realpath -s --relative-to=dl d/../f; realpath -s --relative-to=dang f; echo rc=$?; realpath -L --relative-base=/rp dl/../f /rp/d
