process.stderr.write('something broke in the script\n');
process.exit(3);
