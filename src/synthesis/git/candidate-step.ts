import { AgentdevelError, isAgentdevelError, type ErrorCode } from '../../core/errors.js';

/** Failures of the machine, not of the candidate: they stop the command, and a rerun resumes. */
const MACHINE_CODES = new Set<string>(['EINTERRUPTED', 'EGIT_LOCKED', 'ESTORE', 'ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE']);

/**
 * Runs the steps that turn a validated candidate into a commit (write its files, stage, commit,
 * compare trees). A failure there is the candidate's (a path git or the file system refuses, an
 * attribute filter that changes it): it is marked `candidateRefused` so synthesis records the
 * iteration as no candidate instead of stopping the release. Failures of the machine pass as they are.
 */
export async function candidateStep<T>(steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    const code = isAgentdevelError(error) ? error.code : (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && MACHINE_CODES.has(code)) throw error;
    const registered: ErrorCode = isAgentdevelError(error) ? error.code : 'EPATCH';
    const message = error instanceof Error ? `${isAgentdevelError(error) ? '' : `${code ?? 'error'}: `}${error.message}` : String(error);
    throw new AgentdevelError(registered, message, { data: { candidateRefused: true }, cause: error });
  }
}

/** The coded reason of a candidate that could not be committed, or undefined for any other failure. */
export function candidateRefusal(error: unknown): string | undefined {
  return isAgentdevelError(error) && error.data?.candidateRefused === true ? `${error.code} ${error.message}` : undefined;
}
