# chown -R and chgrp -R with -H (links named on the command line
# followed into) and -L (every link to a directory), what they change
# through links in the tree (the target, unless -h), the report of a
# followed directory as it was before its contents changed, -R
# --dereference without -H/-L refused, and a bind mount of a directory
# inside itself warned of as a cycle without -L.
mkdir -p /w/d/e /w/o; cd /w; touch d/f d/e/g o/h; ln -s d dl; ln -s /w/d/e d/el; ln -s /w/o d/ol; ln -s nowhere d/dang; ln -s .. d/e/up
chown -R -L 1 dl 2>&1; echo rc=$?; stat -c '%n %u' d d/f d/e/g d/el o o/h dl; chown -R -H 2 dl; echo rc=$?; stat -c '%n %u' d d/e o o/h dl
chown -R -P 3 dl; stat -c '%n %u' dl d; chown -hR 4 d; stat -c '%n %u' d/el d/ol o; chown -hRL 5 dl 2>&1; echo rc=$?; stat -c '%n %u' d d/el o
chgrp -R -L 8 dl 2>&1; echo rc=$?; stat -c '%n %g' d/e/g o/h; chown -R --dereference 1 dl; echo rc=$?; chown -LR --dereference 6 dl 2>&1; echo rc=$?; rm d/dang; chown -RHv 7 dl | sort
chmod -R -L 700 dl 2>&1; stat -c '%n %a' d d/e; chmod -R -H 755 dl; stat -c '%n %a' d/e; chmod -RP 711 dl; stat -c '%n %a' d
mkdir -p /b/sub; mount --bind /b /b/sub; chown -R 9 /b 2>&1; echo rc=$?; stat -c '%n %u' /b /b/sub; chown -RL 9 /b 2>&1; echo rc=$?
