# sh is dash, whose test and [ read words by their place (a unary
# operator before a lone word is an operand, POSIX's rules for three and
# four arguments) and word their errors their own way: "missing ]",
# "WORD: unexpected operator" for what is left over (bash's "==" and -v,
# which dash lacks), "argument expected", "Illegal number", "closing paren
# expected"; -nt and -ot are false unless both files exist.
mkdir -p /tmp/t390 && : > /tmp/t390/f
for a in '1 -eq 1 ]' '[ 1 -eq 1' 'a == a ]' 'a == b ]' '-v PATH ]' '1 -xx 1 ]' 'a = ]' '-z ]' \
	'a b c ]' '-q x ]' '1 -lt 2 -o ]' '-o a ]' 'a -a ]' '-n -n -n ]' '! ! a ]' '! ! ! a ]' \
	'\( a ]' '\( a b ]' '\( \( \) ]' '= = = ]' '! = = ]' '-a -a -a ]' 'a \) b ]' '1 -eq ]' \
	'1 -eq 1 -a 2 -eq x ]' '1 -o a -eq 1 ]' '\( -z \) ]' '-t x ]' '-t 7 ]' ']'; do
	sh -c "[ $a; echo \"[ $a: \$?\"" 2>&1
done
for a in '" 1" -eq 1' '"1 " -eq 1' '"" -eq 0' '99999999999999999999 -eq 1' '+1 -eq 1' \
	'0x10 -eq 16' '010 -eq 10' '-1 -lt 0' '/tmp/t390/f -nt /nonexist' '/nonexist -ot /tmp/t390/f' \
	'/tmp/t390 -ef /tmp/t390/.' 'x \< y' '-e /nonexist -o -d /' '! -f /tmp/t390'; do
	sh -c "test $a; echo \"test $a: \$?\"" 2>&1
done
rm -r /tmp/t390
