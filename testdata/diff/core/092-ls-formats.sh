mkdir /t
cd /t
for i in a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj kkkkkkkkkkk l; do touch $i; done
mkdir dir
touch -d '2001-02-03 04:05:06' * dir
for o in -C -x -m '-w 30' '-w 30 -C' '-w 30 -x' '-w30 -m' '-w 30 -C -T 0' '-w 30 -C -T 4' '-w 0 -C' '-w 0 -m' \
	'-C -w 20 -s' '-x -w 40 -Z -s' '-m -w 20 -F' '-1 -w 5' -mp -lm -ml -Cl -l1 -1l '-w 7 -m' '-x -w 1' \
	'--format=commas' '--format=across' '--format=vertical' '--format=long' '--format=single-column' \
	'--format=verbose' '--format=horizontal' '-C -Z' '-m -Z' '-x -w 200' '-C -w 12 -p'; do
	echo "--- $o"
	ls $o | tr '\t\000' 'TZ'
done
echo "--- zero"
ls --zero | tr '\t\000' 'TZ'
ls --zero -m | tr '\t\000' 'TZ'
ls --zero -l dir a | tr '\t\000' 'TZ'
ls -w 30 --zero -C | tr '\t\000' 'TZ'
echo "--- COLUMNS and TABSIZE"
COLUMNS=40 ls -C
COLUMNS=x ls -C | head -1
COLUMNS=40 ls -w 60 -x
TABSIZE=4 ls -C -w 40 | tr '\t\000' 'TZ'
TABSIZE=x ls -C -w 40 | head -1
echo "--- errors"
ls -w x; echo "status $?"
ls -w -1; echo "status $?"
ls -w 99999999999999999999 -m | head -1; echo "status $?"
ls -T x; echo "status $?"
ls --format=foo; echo "status $?"
ls --format=v; echo "status $?"
ls -w; echo "status $?"
