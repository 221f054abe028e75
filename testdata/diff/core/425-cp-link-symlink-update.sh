# cp -l (hard links instead of copies; EXDEV to another mount, EEXIST
# over a different file unless -f, nothing to do over a link of the same
# file, -rl following symbolic links while -al keeps them), cp -s
# (symbolic links: relative ones only into the current directory),
# cp -u and mv -u (a destination not older than its source is left
# alone, silently, before -i would ask; directories are always entered),
# and cp -v's "removed" for a destination unlinked to make a special file.
mkdir -p /c /n; mount -t tmpfs c /c; mount -t tmpfs n /n; cd /c
echo hi > s; ln -s s ls; mkdir -p d/e; echo x > d/e/f; ln -s f d/e/lf; ln -s nowhere dang
cp -l s h1; stat -c '%n %h' s h1; cp -l s h1; echo rc=$?; cp -l s s; echo rc=$?; cp -lv s h1; echo rc=$?
cp -l ls h2; stat -c '%n %F' h2; cp -lP ls h3; stat -c '%n %F' h3; cp -l s /n/x; echo rc=$?; cp -l s /n/; echo rc=$?
cp -rl d dl; find dl -printf '%p %n %y\n' | sort; cp -al d da; find da -printf '%p %n %y\n' | sort
cp -rl d /n/dl; echo rc=$?; find /n/dl | sort; cp -l d dd; echo rc=$?; cp -lv s h4; cp -l dang h5; echo rc=$?
echo y > h7; cp -l s h7; echo rc=$?; cp -li s h7 </dev/null; echo rc=$?; cp -ln s h7; echo rc=$?; cp -lb s h7; ls h7*
echo o > h8; cp -lfv s h8; echo rc=$?; stat -c '%n %h' s h8
cp -sl s q; echo rc=$?; cp -l -s s q; echo rc=$?
echo --- symbolic
cp -s s y1; readlink y1; cp -s s /n/y2; echo rc=$?; cp -s /c/s /n/y3; readlink /n/y3; cp -s s y1; echo rc=$?
cp -sfv s y1; echo rc=$?; echo z > z; cp -sfv s z; readlink z; cp -s s s; echo rc=$?; cp -sv s h1; echo rc=$?
cp -rs d ds; echo rc=$?; find ds | sort; cp -rs /c/d /n/ds; find /n/ds -printf '%p %y %l\n' | sort
cp -sv s y4; cp -s d y5; echo rc=$?; cp -s ls y6; readlink y6; cp -s dang y7; echo rc=$?
cp -sv /c/s ./abs; readlink abs; cp -s ./s dot; echo rc=$?; mkdir sub; cd sub; cp -s ../s up; echo rc=$?
cp -s ../s ./up2; echo rc=$?; cp -s ../s ../up3; echo rc=$?; cd ..; cp -s s sub/; echo rc=$?; cp -s s sub/../s4; echo rc=$?
echo --- update
echo new > u1; echo old > u2; touch -d 2000-01-01 u2; touch -d 2010-01-01 u1; echo same > u3; touch -d 2010-01-01 u3
cp -uv u1 u2; cat u2; echo newer > u2; cp -uv u1 u2; echo rc=$?; cat u2; cp -uv u1 u3; cat u3; cp -u u1 fresh; cat fresh
cp -u u1 u1; echo rc=$?; cp -ui u1 u2 </dev/null; echo rc=$?; cp -ub u1 u2; ls u2*; cp --update=all u1 q; echo rc=$?
mkdir -p d1/x d2/x; echo a > d1/x/f; touch -d 2000-01-01 d1/x; touch -d 2030-01-01 d2/x; cp -ruv d1/x d2/; ls d2/x
echo b > d1/x/g; touch -d 2000-01-01 d1/x/g; echo c > d2/x/g; cp -ruv d1/x d2/; cat d2/x/g
echo z > mz; touch -d 2000-01-01 mz; echo y > my; mv -uv mz my; echo rc=$?; ls mz my; cat my; mv -uv my mz2; ls mz2
touch -d 2030-01-01 mz; mv -uv mz /n/my2; mv -uv /n/my2 my; cat my; echo q > /n/q; touch -d 2000-01-01 /n/q; echo r > rr
mv -uv /n/q rr; echo rc=$?; ls /n/q rr; cat rr; mv -ui /n/q rr </dev/null; echo rc=$?
echo --- removed
mkdir /w; cd /w; echo s > s; ln -s s l; echo u > u; mkfifo p; echo v > v
cp -dv l u; cp -av p v; cp -Pv l v2; echo x > v3; cp -Pv l v3; cp -rv p v3; ls -l | cut -c1,40-
