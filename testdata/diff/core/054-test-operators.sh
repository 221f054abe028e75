mkdir -p /t/d
touch /t/empty
echo x > /t/full
ln -s /t/full /t/link
ln -s /t/none /t/dangling
for p in /t/d /t/empty /t/full /t/link /t/dangling /t/missing; do
  r=
  for op in -e -f -d -L -h -s -r -w -x; do
    if test $op $p; then r="$r $op"; fi
  done
  echo "$p:$r"
done
[ -d /t/d ] && echo bracket
