import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/store/journal.js';
import { readJsonl } from '../../src/store/jsonl.js';
import { writeFileAtomic } from '../../src/store/atomic.js';
import { tempDir } from '../helpers/tmp.js';

describe('Journal', () => {
  it('writes every appended line once, in order, with concurrent appenders', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    const journal = await Journal.open(path);
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.append({ i })));
    await journal.close();
    const { values, tornTail } = await readJsonl<{ i: number }>(path);
    expect(tornTail).toBe(false);
    expect(values.map((v) => v.i)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('groups appends into few syncs', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    const journal = await Journal.open(path, { maxDelayMs: 5 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 2000 }, (_, i) => journal.append({ i })));
    await journal.close();
    expect((await readJsonl(path)).values).toHaveLength(2000);
    // Not a timing assertion on speed, only that batching happened: 2000 fsyncs would be far slower than the batch window.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a reader skips a torn last line and keeps every earlier one', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    await writeFile(path, '{"a":1}\n{"a":2}\n{"a":');
    const { values, tornTail } = await readJsonl(path);
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(tornTail).toBe(true);
  });

  it('reopening cuts the torn tail so new lines start clean', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    await writeFile(path, '{"a":1}\n{"a":2');
    const journal = await Journal.open(path);
    await journal.append({ a: 3 });
    await journal.close();
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n{"a":3}\n');
  });

  it('a corrupt line in the middle is an ESTORE error naming the line', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    await writeFile(path, '{"a":1}\nnot json\n{"a":3}\n');
    await expect(readJsonl(path)).rejects.toMatchObject({ code: 'ESTORE', message: expect.stringContaining(':2:') });
  });

  it('rejects appends after close', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    const journal = await Journal.open(path);
    await journal.close();
    await expect(journal.append({})).rejects.toThrow(/closed/);
    await appendFile(path, '');
  });
});

describe('writeFileAtomic', () => {
  it('replaces content whole and leaves no temp files', async () => {
    const dir = await tempDir();
    const path = join(dir, 'sub', 'x.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(dir, 'sub'))).toEqual(['x.json']);
  });
});
