import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { confinedWrapper } from '../../src/agent/command/confinement.js';
import { tempDir } from '../helpers/tmp.js';

/** The pairs after each `flag` in bwrap's arguments, as `from` (the same as `to` here). */
function bound(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1]!] : []));
}

describe('what a confined episode sees (bwrap arguments)', () => {
  test('PATH entries inside hidden places are bound read-only, with a bin folder\'s prefix only where it holds no hidden place', async () => {
    const [home, project, tempRoot, runtime] = [await tempDir(), await tempDir(), await tempDir(), await tempDir()];
    const dirs = [join(home, 'bin'), join(home, '.nvm', 'v20', 'bin'), join(project, 'bin'), join(tempRoot, 'session', 'episode'), join(tempRoot, 'session', 'agent')];
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    const [homeBin, nvmBin, projectBin, workDir, agentDir] = dirs as [string, string, string, string, string];
    const wrapper = await confinedWrapper({
      bwrap: ['setpriv', '--pdeathsig', 'KILL', '--', '/usr/bin/bwrap'],
      workDir,
      agentDir,
      tempRoot,
      hidden: [project, join(project, '.agentdevel'), '/nonexistent/store'],
      program: 'node',
      env: { PATH: [homeBin, nvmBin, projectBin, '/usr/bin', 'relative/bin'].join(':'), HOME: home, XDG_RUNTIME_DIR: runtime },
    });
    const args = wrapper.prefix;
    expect(wrapper.holding).toBe('pid-namespace');
    expect(args.slice(0, 5)).toEqual(['setpriv', '--pdeathsig', 'KILL', '--', '/usr/bin/bwrap']);
    expect(args.slice(-3)).toEqual(['--chdir', workDir, '--']);
    expect(bound(args, '--cap-drop')).toEqual(['ALL']);
    expect(bound(args, '--tmpfs').sort()).toEqual([home, homedir(), project, tempRoot, runtime].sort());
    expect(bound(args, '--remount-ro').sort()).toEqual(bound(args, '--tmpfs').sort());
    expect(bound(args, '--bind')).toEqual([workDir]);
    expect(bound(args, '--ro-bind').sort()).toEqual(['/', agentDir, homeBin, nvmBin, join(home, '.nvm', 'v20'), projectBin].sort());
    // Masks come before the binds that are mounted inside them.
    expect(args.indexOf('--bind')).toBeGreaterThan(args.lastIndexOf('--tmpfs'));
    expect(args.indexOf('--remount-ro')).toBeGreaterThan(args.lastIndexOf('--bind'));
  });
});
