# Layers that overlap: a lower directory below another lower one (in
# either order) or below the upper directory is ELOOP ("overlapping"),
# while an upper directory inside a lower one, or a lower directory
# holding the upper and work ones, is allowed; the work directory inside
# the upper one, a missing upper directory, and 501 lower layers (500
# are allowed) are refused.
cd /tmp
mkdir -p l1/sub u/sub w m l2
t() { mount -t overlay overlay -o "$1" m; echo "rc=$?"; umount m 2>/dev/null; }
t lowerdir=l1/sub:l1,upperdir=u,workdir=w
t lowerdir=l1:l1/sub,upperdir=u,workdir=w
t lowerdir=u/sub,upperdir=u,workdir=w
t lowerdir=l1,upperdir=l1/sub,workdir=w
t lowerdir=/tmp,upperdir=u,workdir=w
t lowerdir=l2,upperdir=u,workdir=u/sub
t lowerdir=l2,upperdir=w/x,workdir=w
i=0; s=l2; while [ $i -lt 500 ]; do s="$s:l2/d$i"; mkdir -p l2/d$i; i=$((i+1)); done
t "lowerdir=$s"
s=l1; i=0; while [ $i -lt 499 ]; do s="$s:l2/d$i"; i=$((i+1)); done
t "lowerdir=$s"
