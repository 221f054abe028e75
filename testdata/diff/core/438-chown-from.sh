# chown --from=OWNER:GROUP: only files of that owner and group change
# (-v says the others are retained), its spec parsed and refused as
# chown's own; chgrp has no --from.
mkdir /w; cd /w; touch f g && chown 4 f && chown --from=4 5 f g; stat -c '%n %u' f g; chown -v --from=5 6 f g; chown -c --from=9 1 f; chown --from=nosuch 1 f; echo rc=$?; chown --from= 1 f; echo rc=$?
chown --from=: 1 f; echo rc=$?; chown --from=6. 7 f; echo rc=$?; stat -c %u f; chown --from=7:0 :3 f; stat -c '%u %g' f; chgrp --from=7 4 f; echo rc=$?; stat -c %g f; chown --from 7 8 f; stat -c %u f
mkdir -p d/e; touch d/x d/e/y; chown 3 d/x d/e; chown -Rv --from=3 9 d; stat -c '%n %u' d d/x d/e d/e/y; chown --from=0.0 2 g; echo rc=$?; stat -c %u g; chown --from=bin: 5 g; echo rc=$?
