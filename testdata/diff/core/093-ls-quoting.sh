mkdir /t
cd /t
touch 'a b' "it's" 'q"x' "$(printf 'n\nl')" "$(printf 't\tab')" plain 'back\sl' "$(printf 'del\177x')" \
	"$(printf 'hi\351')" "$(printf 'a\001b')" "$(printf 'e\033x')" 'st*r' '~t' '#h' 'x#' 'e=' 'br{' '{' 'a@b' 'p|' 'c:d' ./-x
touch -d @0 ./*
mkdir 'd:ir' 'sp ace'
touch -d @0 'd:ir' 'sp ace'
for o in '' -q -b -Q -N --show-control-chars '-q --show-control-chars' '--show-control-chars -q' -bN -Nb -bq -Qq \
	--literal --quoting-style=literal --quoting-style=shell --quoting-style=shell-always --quoting-style=shell-escape \
	--quoting-style=shell-escape-always --quoting-style=c --quoting-style=c-maybe --quoting-style=escape \
	--quoting-style=locale --quoting-style=clocale '-l --quoting-style=shell-escape' '-C --quoting-style=shell' \
	'-x --quoting-style=shell-escape' '-m --quoting-style=shell' '-x -q' -lb '-g --quoting-style=c-maybe' \
	'-F -b' '-F --quoting-style=shell' '--file-type -b' '-p -Q' '-q --quoting-style=shell' \
	'-q --quoting-style=shell-always' '-w 0 -C --quoting-style=shell' '-R -Q' '--sort=width -Q'; do
	echo "--- $o"
	ls $o | tr '\t' 'T'
done
echo "--- environment"
QUOTING_STYLE=shell ls | tr '\t' 'T'
QUOTING_STYLE=bogus ls | head -2
QUOTING_STYLE=c ls -N | head -2
echo "--- operands and errors"
ls --quoting-style=c 'a b' nope
ls -b "$(printf 'n\nl')" 'nope x' 'sp ace' 'd:ir'
ls --quoting-style=foo; echo "status $?"
ls --quoting-style=s; echo "status $?"
ls --quoting-style=shell-e; echo "status $?"
