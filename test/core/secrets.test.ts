import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, mask, maskValue, registerSecret } from '../../src/core/secrets.js';

describe('secret masking', () => {
  afterEach(() => clearSecrets());

  it('masks plain, URL-encoded and base64 forms', () => {
    const secret = 'sk-test/abc+def=ghi';
    registerSecret(secret);
    const line = `key=${secret} url=${encodeURIComponent(secret)} b64=${Buffer.from(secret).toString('base64')}`;
    const masked = mask(line);
    expect(masked).not.toContain(secret);
    expect(masked).not.toContain(encodeURIComponent(secret));
    expect(masked).not.toContain(Buffer.from(secret).toString('base64'));
    expect(masked).toContain('***');
  });

  it('masks strings deep inside values', () => {
    registerSecret('hunter2-secret');
    expect(maskValue({ a: [{ b: 'x hunter2-secret y' }] })).toEqual({ a: [{ b: 'x *** y' }] });
  });

  it('ignores values too short to be keys', () => {
    registerSecret('ab');
    expect(mask('abc')).toBe('abc');
  });
});
