import { join } from 'node:path';

/**
 * Where things live in the working store (`.agentdevel/` by default, git-ignored). Every file
 * is append-only (journals) or written atomically by rename.
 */
export function storeLayout(storeDir: string) {
  return {
    root: storeDir,
    runsDir: join(storeDir, 'runs'),
    runDir: (runId: string) => join(storeDir, 'runs', runId),
    runManifest: (runId: string) => join(storeDir, 'runs', runId, 'manifest.json'),
    runRecords: (runId: string) => join(storeDir, 'runs', runId, 'records.jsonl'),
    cacheDir: join(storeDir, 'cache'),
    cacheDb: join(storeDir, 'cache', 'responses.sqlite'),
    iterationsDir: (agent: string) => join(storeDir, 'iterations', agent),
    iterationDir: (agent: string, n: number) => join(storeDir, 'iterations', agent, String(n)),
    worktreesDir: join(storeDir, 'worktrees'),
    locksDir: join(storeDir, 'locks'),
  };
}
export type StoreLayout = ReturnType<typeof storeLayout>;
