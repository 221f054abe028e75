# A mount made over the root directory is not where a task's root is, but
# ".." at the root lands on what is mounted there, as every step of a
# walk does (devtmpfs's worker moves into its mount that way).
mkdir /xx; touch /xx/marker
mount --bind /xx /
ls / | grep -c xx; ls /..; ls /../..
cd -P /..; ls; pwd
