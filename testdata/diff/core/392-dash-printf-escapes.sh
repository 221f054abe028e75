# sh is dash, whose printf knows \e but not bash's \E, \", \?, \x, \u and
# \U, in the format or in a %b argument: those print as written. bash's
# printf decodes them all.
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'printf "\x41|\u00e9|\U000000e9|\E|\e|\"|\?|\101|\q\n"' | od -An -c
	$sh -c 'printf "%b\n" "\x41|\u00e9|\E|\e|\"|\?|\0101|\q"' | od -An -c
done
