# getopts as dash (sh) and bash do it: dash's "Illegal option -x" and
# "No arg for -x option" with no prefix and no OPTERR, bash's "NAME:
# illegal option -- x" unless OPTERR=0; the name gets "?" for a missing
# argument unless the option string starts with ":"; dash sets OPTARG
# empty for an option without one, bash unsets it; bash's OPTIND stays on
# a word of grouped options until its last; dash starts again in each
# function call, bash goes on from OPTIND; bad names and usage.
for sh in sh bash; do
	echo "== $sh"
	$sh -c 'getopts ab: o -b; echo "missing: $? $o ${OPTARG-unset} $OPTIND"' 2>&1
	$sh -c 'getopts ab: o -z; echo "illegal: $? $o ${OPTARG-unset} $OPTIND"' 2>&1
	$sh -c 'OPTERR=0; getopts ab: o -z; echo "opterr: $? $o ${OPTARG-unset}"' 2>&1
	$sh -c 'getopts :ab: o -b; echo "silent: $? $o ${OPTARG-unset}"; getopts :ab: o -z; echo "silent: $? $o $OPTARG"' 2>&1
	$sh -c 'while getopts a:bc o -b -ca1 -a 2 -x -- d; do echo "$o ${OPTARG-unset} $OPTIND"; done; echo "end $? $o ${OPTARG-unset} $OPTIND"' 2>&1
	$sh -c 'while getopts :abc: o -abxc; do echo "$o ${OPTARG-unset} $OPTIND"; done; echo "end $o ${OPTARG-unset} $OPTIND"' 2>&1
	$sh -c 'OPTARG=keep; getopts a o x; echo "operand: $? $o ${OPTARG-unset} $OPTIND"' 2>&1
	$sh -c 'OPTARG=keep; getopts a o -- x; echo "dashdash: $? $o ${OPTARG-unset} $OPTIND"' 2>&1
	$sh -c 'f() { getopts ab o "$@"; echo "f $o $OPTIND"; }; f -a; f -b' 2>&1
	$sh -c 'f() { while getopts ab o; do echo "f $o $OPTIND"; done; }; f -a -b; f -b' 2>&1
	$sh -c 'set -- -a -b; while getopts ab o; do :; done; OPTIND=1; getopts ab o; echo "again $o $OPTIND"' 2>&1
	$sh -c 'OPTIND=5; getopts a o -a; echo "past: $? $o $OPTIND"' 2>&1
	$sh -c 'getopts a: o -a ""; echo "empty: $? $o [$OPTARG] $OPTIND"' 2>&1
	$sh -c 'getopts a 1o -a; echo "bad name: $? ${OPTARG-unset}"' 2>&1
	$sh -c 'getopts; echo "usage: $?"; getopts a; echo "usage: $?"' 2>&1
	$sh -c 'set -x; getopts a: o -a x' 2>&1
done
# dash keeps a caller's place across a function whose getopts moves
# OPTIND (bash loops for ever there, so only dash)
sh -c 'f() { while getopts xy o; do echo "  inner $o"; done; }
while getopts ab o "$@"; do echo "outer $o $OPTIND"; f -x -y; done
echo "end $OPTIND"; OPTIND=1; getopts ab o -b; echo "again $o $OPTIND"' sh -a -b -a
