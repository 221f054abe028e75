# stat: every directive of --help on a tmpfs and on /, %m as coreutils
# finds it (mount points, binds within one file system, symlinks with
# and without -L), printf flags per directive type, %X-style widths and
# precisions, --printf escapes interleaved with directives, invalid
# directives, %N with QUOTING_STYLE, --cached, %C without SELinux, and
# stat -f's directives on a fresh tmpfs.
mkdir -p /tmp/st/d; cd /tmp/st; echo hello > f; ln -s f l; ln -s 'a b' sp; ln -s nowhere dang
mkfifo p; mkdir -p m sub; mount -t tmpfs -o size=1m t m; mkdir m/in; echo x > m/in/f
mount --bind /tmp/st/d sub; ln -s m/in lin
touch -d '2020-02-03 04:05:06.123456789' f; touch -h -d '1969-12-31 23:59:58.5' l
for x in f l dang p d m m/in m/in/f sub lin /tmp /dev/null; do
  stat -c '%n|%m|%F|%a|%A|%s|%b|%B|%o|%h|%u|%g|%U|%G|%t|%T|%Hr|%Lr|%f|%N' $x
done
stat -c '%n %m %F %a' / /dev /proc/self; stat -L -c '%n %m %F' l lin m/in/../in/f; stat -c '%n %m' lin/f lin/; stat -L -c %m dang; echo rc=$?
cd m/in; stat -c '%n %m' f . .. ../..; cd /tmp/st
stat -c '[%12.9Y][%-15.3Y][%015.2Y][%0.3Y][%1.3Y][%3.3Y][%+13.1Y][%.12Y][%-.Y][%5Y][%-5.0Y][%010Y][% 12Y][%#Y]' f
stat -c '[%.3Y][%.Y][%12.3Y][%-12.1Y][%.0Y][%Y][%05.1Y]' l
stat -c '[%.3y][%20.5y][%-40y][%.0y][%x|%X]' f l | sed 's/[0-9]/N/g'
stat -c '[%+s][% s][%-6s|][%06s][%.4s][%8.4s][%#s][%#a][%#o][%05a][%-5a|][%#f][%+i]' f | sed 's/\]\[[0-9]*\]$/]/'
stat -c '[%5h][%-5h][%05h][%+h][%.3h][%5U][%-6G|][%3.1U][%.2F][%-12F|]' f
stat -c 'a%' f; stat -c '%5' f; echo rc=$?; stat -c '%-%' f; echo rc=$?; stat -c '%%%%|%5%' f f; echo rc=$?
stat -c 'x\ny%%z' f; stat -c '%q|%Hs|%Lx|%H' f
stat --printf='%n\045s\x41\x4g\101\0011\q\\\"\n' f | od -c; stat --printf='end\' f; echo
stat --printf='%n' -c '%s' f; stat -c '%s' --printf='%n\n' f
stat -c '%N' f l sp; QUOTING_STYLE=c stat -c '%N' sp; QUOTING_STYLE=lit stat -c '%N' sp
QUOTING_STYLE=bogus stat -c '%N|%n' sp; QUOTING_STYLE=escape stat -c %n sp
stat sp | head -1; QUOTING_STYLE=c stat sp | head -1; stat -c '%-10N|%10N|' l
stat -c '%C' l; echo rc=$?; stat -L -c '%C|%F' l; echo rc=$?; stat -t l | cut -d' ' -f1-5
stat --cached=always -c %n f; stat --cached=never -c %n f; stat --cached=default -c %n f
stat --cached=bogus f; echo rc=$?; stat --cached=al -c %n f
echo --- file systems
stat -f -c '%n|%l|%t|%T|%s|%S|%b|%f|%a|%c|%d' m m/in/f
stat -f -c '[%+b][%-8t|][%#t][%05l][%+s][%.2T][%Hd][%Ld][%q][%m]' m; stat -f -c '%5%' m; echo rc=$?
stat -f --printf='%T\x21\n' m; stat -f -t m | cut -d' ' -f1,3-; stat -f - ; echo rc=$?
stat; echo rc=$?; stat -c %s nonexist f; echo rc=$?
