# set -e ignores the commands of a pipeline begun with "!": its last
# part and a block's commands, in both dialects; the negated status is
# what $? then says.
mkdir -p /tmp/t
cat > /tmp/t/neg <<'EOS'
set -e
! false; echo A $?
! true | false; echo B $?
! { false; echo in; }; echo C $?
! true; echo D $?
! true | true
echo E $?
! { true; } && echo no
echo F
false | true; echo G
! (false); echo H $?
true | false
echo not reached
EOS
for s in sh bash; do
	$s /tmp/t/neg 2>&1
	echo "rc $?"
done
