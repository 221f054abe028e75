mkdir /t
cd /t
touch b B a A _x .hidden 10 9 '~tilde' Zed z-z z.z
mkdir .dir
ls
ls -a
ls -1 -a
