# cp --parents without -p: each directory it makes ends with the mode
# mkdir gave it (the source's less the umask) and the bits it withheld
# while filling it put back where the umask allows, never the source's
# own mode (a 555 source under umask 077 gives 500). With
# --preserve=ownership alone the group's and others' bits are withheld;
# with --no-preserve=mode the directories start from 777.
mkdir -p s/a/b s/w/x; echo x > s/a/b/f; echo y > s/w/x/f
chmod 555 s/a; chmod 750 s/a/b; chmod 4711 s; chmod 1777 s/w; chmod 2775 s/w/x
for u in 077 022 002 0; do
 for opt in "" --preserve=ownership --no-preserve=mode --preserve=mode; do
  d=d$u${opt#--}; mkdir "$d"; (umask $u; cp --parents $opt s/a/b/f s/w/x/f "$d"); echo "$u $opt rc=$?"
  stat -c '%a %n' "$d"/s "$d"/s/a "$d"/s/a/b "$d"/s/w "$d"/s/w/x | tr '\n' ' '; echo
 done
done
umask 077; mkdir e; chmod 777 e; setpriv --reuid=65534 --regid=65534 --clear-groups cp --parents s/a/b/f e; echo rc=$?
stat -c '%a %n' e/s e/s/a
