mkdir /t
mkdir -m 700 /t/m700
mkdir -m 1777 /t/sticky
mkdir -m 0 /t/none
mkdir -m 2750 /t/sgid
mkdir -m u=rwx,g=rx,o= /t/sym
mkdir -p -m 711 /t/p/q/r
stat -c '%n %a %A' /t/m700 /t/sticky /t/none /t/sgid /t/sym /t/p /t/p/q /t/p/q/r
