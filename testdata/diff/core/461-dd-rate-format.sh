# dd's rate is bytes per elapsed time, a ratio no unit divides: coreutils
# scales it from kB up ("0.0 kB/s" for nothing copied) and keeps one
# decimal only for one or two integer digits. The time itself varies, so
# only the zero rate is compared whole, and the shape of the others.
dd if=/dev/null of=/dev/null 2>&1 | tail -1 | sed 's/, [0-9.e-]* s,/, T s,/'
for bs in 1 1000 100000; do
	dd if=/dev/zero of=/dev/null bs=$bs count=1 2>&1 | tail -1 |
		sed 's/.* s, //' | grep -cxE '([0-9]\.[0-9]|[0-9]{2}\.[0-9]|[0-9]{3}) [kMGT]B/s'
done
