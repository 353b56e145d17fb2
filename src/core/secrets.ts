/**
 * Secrets reach agentdevel only through environment variables named in the config. Every
 * line that leaves the process (logs, errors, reports, traces) goes through `mask`, which
 * replaces each registered secret, plain or URL-encoded, with a placeholder.
 */

const MIN_SECRET_LENGTH = 4;
const registered = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  for (const form of [value, encodeURIComponent(value), encodeURI(value), Buffer.from(value).toString('base64')]) {
    registered.add(form);
  }
}

/** Reads a secret from the environment and registers it for masking. */
export function readSecret(envName: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[envName];
  registerSecret(value);
  return value;
}

export function mask(text: string): string {
  if (registered.size === 0) return text;
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...registered].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join('***');
  }
  return out;
}

/** Deep copy of a JSON value with every string masked. */
export function maskValue<T>(value: T): T {
  if (registered.size === 0) return value;
  return JSON.parse(mask(JSON.stringify(value))) as T;
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  registered.clear();
}
