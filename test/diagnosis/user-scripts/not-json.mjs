process.stdout.write('tool error rate: 12%\n');
