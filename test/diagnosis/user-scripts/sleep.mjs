setTimeout(() => process.stdout.write('{}'), 60_000);
