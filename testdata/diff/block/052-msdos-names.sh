# The same image under msdos: short names only, lowercased (nocase keeps
# them), looked up by their 8.3 form; dotsOK; names msdos refuses.
# libblkid knows no "msdos", so mount(8) wants -o loop for an image.
mkdir /w; mount -t tmpfs w /w
@mkfat /w/img 1440
@mtools mattrib +h ::/UPPER.TXT
mkdir /a
for o in defaults nocase dots check=s check=r; do
	mount -t msdos -r -o loop,$o /w/img /a; echo "$o: $?"
	findmnt -no FSTYPE,OPTIONS /a
	ls -fa /a | tr '\n' ' '; echo
	stat -c '%n %f %s %Y %X %Z' /a/README.TXT /a/readme.txt /a/arathe~1.tex /a/.upper.txt /a/upper.txt 2>&1
	cat /a/Readme.Txt /a/MixedCase.Txt 2>&1
	umount /a
done
