/**
 * The fixed sentences of the simulated agent. Each failure mode that speaks says something a
 * reader of the trace can recognise, as a real model's refusal or unfinished reply would be.
 */
export const phrases = {
  /** The task matches no annotated example. */
  unknownTask: "I'm sorry, I do not know the answer to that.",
  /** A passing or call-only episode that has no annotated answer. */
  done: 'Done.',
  refusal: "I'm sorry, but I can't help with that request.",
  /** premature-stop, with a tool: announces the call it never makes. */
  nextStep: (tool: string) => `I will call ${tool} next to finish this task.`,
  /** premature-stop without a tool: stops mid-thought. */
  unfinished: 'Let me work through this step by step. First, I need to',
  /** The line a looping text answer repeats until the length limit cuts it. */
  loopLine: 'Let me check that again.',
  loopRepeats: 24,
  /** ignore-instruction: the answer comes with an admission that the instructions were not followed. */
  ownWay: 'I answered this my usual way instead of following the specific instructions.',
  /** bad-format: the sentences around right content in the wrong format. */
  formatLead: 'Sure! Here is the answer:',
  codeLead: 'Here is the implementation you asked for:',
  formatTail: 'Let me know if you need anything else.',
  /** premature-stop in code: the body the stub leaves. */
  stubBody: '  // TODO: implement',
} as const;
