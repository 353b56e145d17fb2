/** The model ids the simulated server lists: its own roles, any configured, and every one requested so far. */
export const SIM_MODELS = ['sim-agent', 'sim-critic', 'sim-engineer'] as const;

export class ModelList {
  private readonly ids: Set<string>;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(extra: string[]) {
    this.ids = new Set([...SIM_MODELS, ...extra]);
  }

  /** Any model name is served (the world decides what it answers); a requested one is listed from then on. */
  noteRequested(id: string): void {
    this.ids.add(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  model(id: string): Record<string, unknown> {
    return { id, object: 'model', created: this.created, owned_by: 'agentdevel-sim' };
  }

  list(): Record<string, unknown> {
    return { object: 'list', data: [...this.ids].map((id) => this.model(id)) };
  }
}
