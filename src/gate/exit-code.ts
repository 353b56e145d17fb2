import { ExitCode } from '../core/errors.js';
import type { GateDecision } from './types.js';

/** accept 0, reject 10, inconclusive 11: a gate verdict is an exit status, not an error. */
export function exitCodeOf(decision: GateDecision): ExitCode {
  switch (decision) {
    case 'accept':
      return ExitCode.ok;
    case 'reject':
      return ExitCode.gateRejected;
    case 'inconclusive':
      return ExitCode.gateInconclusive;
  }
}
