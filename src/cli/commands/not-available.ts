import { fail } from '../../core/errors.js';
import type { CliContext } from '../context.js';

export default async function notAvailable(_args: string[], options: Record<string, unknown>, _ctx: CliContext): Promise<number> {
  return fail('ENOT_AVAILABLE', `"${String(options.__command)}" is not available yet in this version of agentdevel`);
}
