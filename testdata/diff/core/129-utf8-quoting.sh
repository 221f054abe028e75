# In a UTF-8 locale coreutils keeps printable multibyte characters in the
# names it quotes and quotes with ‘ ’ where it uses locale quoting; in C,
# they are escaped.
mkdir -p /tmp/q9; cd /tmp/q9; touch é "$(printf 'a\303')"
export LC_ALL=C.UTF-8
rm -v é; mkdir é 2>&1; mkdir é 2>&1; stat -c %N é "$(printf 'a\303')"; mkdir "$(printf 'a\303')" 2>&1
ls "$(printf 'x\303')" 2>&1; mkdir "it's"; mkdir "it's" 2>&1; cat nonexist 2>&1
echo hi | base64 -w 0x5; chmod 999 é; touch -d bad é; ln -s é lé; ln -s é lé
export LC_ALL=C
mkdir é 2>&1; mkdir "it's" 2>&1; stat -c %N é; rm -v é
