# sh is dash, whose printf knows \e but not bash's \E, \", \? and \x (nor
# \u and \U), in the format or in a %b argument: those print as written.
# bash's printf decodes them.
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'printf "\x41|\x4a2|\E|\e|\"|\?|\101|\q\n"' | od -An -c
	$sh -c 'printf "%b\n" "\x41|\E|\e|\"|\?|\0101|\q"' | od -An -c
done
sh -c 'printf "\u00e9|%b\n" "\U000000e9"'
fmt='\'"'"'x|\n'
sh -c 'printf "$1"; printf "%b\n" "$1"' _ "$fmt"
bash -c 'printf "$1"; printf "%b\n" "$1"' _ "$fmt"
