import { execa, type ResultPromise } from 'execa';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { git, initProject } from '../ci/helpers.js';

// A key with characters that URL-encoding changes, so its encoded form is looked for too.
const KEY = 'sk-canary/7Qf+x=Zp9Lw2';
const FORMS = [KEY, encodeURIComponent(KEY), Buffer.from(KEY).toString('base64')];
const KEY_ENV = 'AGENTDEVEL_TEST_API_KEY';

/** `agentdevel serve --sim` on a free loopback port, as a real server would be reached. */
async function startServer(cwd: string): Promise<{ url: string; server: ResultPromise }> {
  const server = execa(process.execPath, [CLI, 'serve', '--sim', '--port', '0'], { cwd, reject: false });
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      const found = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(chunk.toString());
      if (found) resolve(found[0]);
    });
    void server.then((r) => reject(new Error(`serve ended: ${r.stderr}`)));
  });
  return { url, server };
}

/** Every file under the folder, .git included (loose objects are compressed: git is asked separately). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('an API key given to every role of a release reaches no file, commit, report or output', () => {
  it('release over HTTP with apiKeyEnv: the key is found nowhere (store, cache, traces, reports, git objects, stdout, stderr)', async () => {
    const root = await initProject();
    const { url, server } = await startServer(root);
    try {
      const roles = ['agent', 'critic', 'engineer'].map((role) => `  ${role}: {baseURL: "${url}", model: sim-${role}, apiKeyEnv: ${KEY_ENV}}`).join('\n');
      const config = (await readFile(join(root, 'agentdevel.yaml'), 'utf8')).replace(/^endpoints:\n(?: {2}.*\n)+/m, `endpoints:\n${roles}\n`);
      expect(config).toContain(`apiKeyEnv: ${KEY_ENV}`);
      await writeFile(join(root, 'agentdevel.yaml'), config);
      await git(root, 'commit', '--quiet', '-am', 'endpoints on a server with a key');

      const release = await runCli(['release', '--iterations', '1', '--verbose', '--json'], { cwd: root, env: { [KEY_ENV]: KEY }, timeout: 240_000 });
      expect(release.exitCode, release.stderr).toBeLessThan(20);
      expect(release.exitCode, release.stderr).not.toBe(1);
      const summary = JSON.parse(release.stdout) as { simulated: boolean; iterations: unknown[] };
      expect(summary.iterations).toHaveLength(1);
      // Reached over HTTP, the simulated server is not "sim" to the pipeline: the key was needed and sent.
      expect(summary.simulated).toBe(false);

      const texts: Array<[string, string]> = [
        ['stdout', release.stdout],
        ['stderr', release.stderr],
        ['git objects', await git(root, 'log', '--all', '-p', '--format=%H%n%B')],
        ['git tags', await git(root, 'for-each-ref', '--format=%(contents)', 'refs/tags')],
      ];
      for (const file of await filesUnder(root)) {
        if (file.includes(`${join(root, '.git', 'objects')}`)) continue;
        texts.push([file, (await readFile(file)).toString('latin1')]);
      }
      // The scan reads what it should: the runs' files, and the history holding the variable's name.
      expect(texts.some(([name]) => name.includes(join('.agentdevel', 'runs')))).toBe(true);
      expect(texts.find(([name]) => name === 'git objects')?.[1]).toContain(`apiKeyEnv: ${KEY_ENV}`);
      const leaks = texts.flatMap(([name, text]) => FORMS.filter((form) => text.includes(form)).map((form) => `${name}: ${form}`));
      expect(leaks).toEqual([]);
    } finally {
      server.kill('SIGTERM');
    }
    const ended = await server;
    const serverLog = `${String(ended.stdout)}\n${String(ended.stderr)}`;
    expect(Number(/after (\d+) chat completions/.exec(serverLog)?.[1])).toBeGreaterThan(0);
    expect(FORMS.filter((form) => serverLog.includes(form))).toEqual([]);
  }, 300_000);
});
