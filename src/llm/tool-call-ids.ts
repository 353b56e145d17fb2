/**
 * Tool-call ids are the server's names for the calls of one reply, random on most servers.
 * They say nothing about the conversation beyond which result answers which call, so keys
 * that stand for a request (the cache's, the simulated server's draws) see them renamed by
 * order of first appearance: a replayed conversation whose earlier reply came with other ids
 * is the same request.
 */
type Message = { tool_calls?: unknown; tool_call_id?: unknown };

/** The messages with every tool-call id replaced by `call_<n>`, n its order of first appearance; the same array when no message has one. */
export function canonicalToolCallIds<T>(messages: readonly T[]): readonly T[] {
  if (!messages.some((m) => hasToolCalls(m as Message) || typeof (m as Message).tool_call_id === 'string')) return messages;
  const names = new Map<string, string>();
  const rename = (id: unknown) => {
    if (typeof id !== 'string') return id;
    let name = names.get(id);
    if (name === undefined) {
      name = `call_${names.size}`;
      names.set(id, name);
    }
    return name;
  };
  return messages.map((message) => {
    const m = message as Message;
    if (hasToolCalls(m)) {
      const calls = (m.tool_calls as unknown[]).map((call) => (isObject(call) && 'id' in call ? { ...call, id: rename(call.id) } : call));
      return { ...message, tool_calls: calls };
    }
    if (typeof m.tool_call_id === 'string') return { ...message, tool_call_id: rename(m.tool_call_id) };
    return message;
  });
}

function hasToolCalls(message: Message): boolean {
  return Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
