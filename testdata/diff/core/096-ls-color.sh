mkdir /t
cd /t
mkdir d sd td od
chmod 1777 td
chmod 1755 sd
chmod 777 od
touch f x su sg
chmod +x x
chmod u+s su
chmod g+s sg
ln -s d ld
ln -s nope dang
mkfifo p
mknod c c 1 3
mknod b b 7 0
ln f hl
touch -h -d '2001-02-03 04:05:06' *
echo "--- no TERM"
ls --color=always | tr '\033' 'E'
echo "--- COLORTERM"
COLORTERM=1 ls --color=always d | tr '\033' 'E'
TERM=dumb ls --color=always d | tr '\033' 'E'
export TERM=xterm-256color
for o in --color=always --color '--color=always -F' '--color=always -l' '--color=always -lF' \
	'--color=always -C -w 30' '--color=always -m' '--color=always -x -w 30' --color=never --color=auto \
	'--color=yes' '--color=force' '--color=tty' '--color=no' '--color=always -f' '-f --color=always' \
	'--color=always --zero'; do
	echo "--- $o"
	ls $o | tr '\033\t\000' 'ETZ'
done
echo "--- operands"
ls --color=always d f x ld | tr '\033' 'E'
ls --color=always -d d f | tr '\033' 'E'
echo "--- LS_COLORS"
LS_COLORS='di=01;31:*.txt=35:ex=' ls --color=always | tr '\033' 'E'
LS_COLORS= ls --color=always | tr '\033' 'E'
QUOTING_STYLE=s ls | head -1
QUOTING_STYLE=c-m ls | head -1
QUOTING_STYLE= ls | head -1
