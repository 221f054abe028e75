# ls -R names subdirectories with the operand's trailing slashes reduced to
# one (file_name_concat); inner doubled slashes stay.
mkdir -p /t/e/d/f /t/g
cd /t
ls -R //t//e//d// e// .
ls -R /t/
