import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AgentdevelError } from '../../src/core/errors.js';
import { outcomeReducer, outcomesOf, outcomesOfStream, type GateRecord } from '../../src/gate/index.js';
import { recordsOf } from './build.js';

describe('outcomes', () => {
  it('reduces records to per-example counts, keeping errors apart from fails', () => {
    const outcomes = outcomesOf(recordsOf([
      { key: 'a', samples: 'ppf' },
      { key: 'b', samples: 'fee', split: 'holdout', tags: ['billing'] },
      { key: 'other/a', samples: 'p' },
    ]));
    expect(outcomes.records).toBe(7);
    expect(outcomes.errors).toBe(2);
    expect(outcomes.examples.get('s/a')).toMatchObject({ key: 's/a', suite: 's', exampleId: 'a', split: 'dev', pass: 2, fail: 1, error: 0 });
    expect(outcomes.examples.get('s/b')).toMatchObject({ split: 'holdout', tags: ['billing'], pass: 0, fail: 1, error: 2 });
    expect(outcomes.examples.get('other/a')).toMatchObject({ suite: 'other', pass: 1 });
  });

  it('keeps no record: tag lists and suite names are shared between examples', () => {
    const records = recordsOf([{ key: 'a', samples: 'p', tags: ['x', 'y'] }, { key: 'b', samples: 'f', tags: ['x', 'y'] }]);
    const outcomes = outcomesOf(records);
    const a = outcomes.examples.get('s/a')!;
    const b = outcomes.examples.get('s/b')!;
    expect(a.tags).toBe(b.tags);
    expect(a.tags).not.toBe(records[0]!.tags);
    expect(Object.isFrozen(a.tags)).toBe(true);
  });

  it('reads an async stream (as readRunRecords yields)', async () => {
    const outcomes = await outcomesOfStream(Readable.from(recordsOf([{ key: 'a', samples: 'pfe' }])));
    expect(outcomes.examples.get('s/a')).toMatchObject({ pass: 1, fail: 1, error: 1 });
  });

  const bad: Array<[string, Partial<GateRecord>, RegExp]> = [
    ['an unknown status', { status: 'skipped' as never }, /status must be pass, fail or error \(found "skipped"\)/],
    ['an unknown split', { split: 'test' as never }, /split must be dev or holdout/],
    ['a suite with a slash', { suite: 'a/b' }, /suite must be a non-empty name without "\/"/],
    ['an empty example id', { exampleId: '' }, /exampleId must be a non-empty string/],
  ];
  for (const [name, change, message] of bad) {
    it(`refuses a record with ${name} (EGATE_INPUT)`, () => {
      const record = { ...recordsOf([{ key: 'a', samples: 'p' }])[0]!, ...change };
      const error = catchError(() => outcomesOf([record]));
      expect(error.code).toBe('EGATE_INPUT');
      expect(error.message).toMatch(message);
    });
  }

  it('refuses a later record with a bad status, and one whose split contradicts earlier records', () => {
    const reducer = outcomeReducer();
    reducer.add(recordsOf([{ key: 'a', samples: 'p' }])[0]!);
    expect(catchError(() => reducer.add({ ...recordsOf([{ key: 'a', samples: 'p' }])[0]!, status: 'ok' as never })).code).toBe('EGATE_INPUT');
    const error = catchError(() => reducer.add(recordsOf([{ key: 'a', samples: 'p', split: 'holdout' }])[0]!));
    expect(error.message).toMatch(/s\/a: split "holdout" where earlier records say "dev"/);
    expect(reducer.result().records).toBe(1);
  });
});

function catchError(action: () => unknown): AgentdevelError {
  try {
    action();
  } catch (error) {
    if (error instanceof AgentdevelError) return error;
    throw error;
  }
  throw new Error('expected an AgentdevelError');
}
