// Exits at once without reading stdin: agentdevel's writes into the closed pipe must not matter.
process.stdout.write('{"ignored":true}');
