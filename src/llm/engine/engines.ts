/**
 * The real OpenAI-compatible servers agentdevel can start, each with its own command line.
 * The binary can be overridden by an environment variable (a virtualenv's interpreter, a
 * build of llama.cpp outside PATH, or a stand-in in tests).
 */
export const engineNames = ['vllm', 'sglang', 'llama-cpp'] as const;
export type EngineName = (typeof engineNames)[number];

export interface EngineSpec {
  /** The executable run by default (searched on PATH). */
  bin: string;
  /** Environment variable that replaces `bin`. */
  binEnv: string;
  /** The engine's own default port. */
  defaultPort: number;
  args(target: { model: string; host: string; port: number }): string[];
  /** What to install when the engine is missing. */
  install: string;
  /** Log text that means the engine itself is not installed though its launcher ran. */
  missingPattern?: RegExp;
}

export const engines: Record<EngineName, EngineSpec> = {
  vllm: {
    bin: 'vllm',
    binEnv: 'AGENTDEVEL_VLLM_BIN',
    defaultPort: 8000,
    args: ({ model, host, port }) => ['serve', model, '--host', host, '--port', String(port)],
    install: 'pip install vllm (a Linux machine with a supported GPU), so that `vllm` is on PATH; or set AGENTDEVEL_VLLM_BIN to its path',
  },
  sglang: {
    bin: 'python3',
    binEnv: 'AGENTDEVEL_SGLANG_BIN',
    defaultPort: 30000,
    args: ({ model, host, port }) => ['-m', 'sglang.launch_server', '--model-path', model, '--host', host, '--port', String(port)],
    install: 'pip install sglang into the Python found as python3; or set AGENTDEVEL_SGLANG_BIN to the interpreter that has it',
    missingPattern: /No module named '?sglang/,
  },
  'llama-cpp': {
    bin: 'llama-server',
    binEnv: 'AGENTDEVEL_LLAMA_CPP_BIN',
    defaultPort: 8080,
    args: ({ model, host, port }) => ['-m', model, '--host', host, '--port', String(port)],
    install: 'llama.cpp (brew install llama.cpp, or build it from https://github.com/ggml-org/llama.cpp), so that `llama-server` is on PATH; or set AGENTDEVEL_LLAMA_CPP_BIN to its path',
  },
};

export function isEngineName(name: string): name is EngineName {
  return (engineNames as readonly string[]).includes(name);
}
