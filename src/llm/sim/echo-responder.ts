import { instanceOf } from './schema-instance.js';
import { textOf } from './tokens.js';
import type { SimChatRequest, SimReply, SimResponder } from './types.js';

/**
 * The responder of a server started without a world: deterministic and content-free, so the
 * protocol can be exercised alone. It calls the first offered tool once (arguments generated
 * from its parameter schema), then answers with an echo of the last user or tool message; a
 * request with a JSON schema gets a generated instance (content null lets the server make it).
 */
export function createEchoResponder(): SimResponder {
  return {
    respond(request: SimChatRequest): SimReply {
      const last = request.messages[request.messages.length - 1];
      const tool = request.tools?.[0];
      if (tool && request.tool_choice !== 'none' && last?.role !== 'tool') {
        return { content: null, toolCalls: [{ name: tool.function.name, arguments: JSON.stringify(instanceOf(tool.function.parameters ?? { type: 'object' })) }] };
      }
      if (request.response_format?.type === 'json_schema') return { content: null, toolCalls: [] };
      const said = [...request.messages].reverse().find((m) => m.role === 'user' || m.role === 'tool');
      return { content: `echo: ${textOf(said?.content)}`, toolCalls: [] };
    },
  };
}
