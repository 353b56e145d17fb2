process.stdout.write(JSON.stringify({ keySeen: process.env.DIAG_TEST_API_KEY !== undefined, otherSeen: process.env.DIAG_TEST_OTHER === 'visible' }));
