// The agent of this run, once started: the dashboard starts it after its first frame and stops it
// when the person quits; screens ask it for the open clients and open live shells through it.
// Loaded only when started, so `rolecall env` never loads the service.
import type { AgentCore, AgentOptions, RunningAgent } from './start-agent';

export class AgentSlot {
  readonly #core: AgentCore;
  #starting?: Promise<RunningAgent>;
  #running?: RunningAgent;
  /** Why it could not start, said once on the dashboard. */
  #failed?: string;
  readonly #listeners = new Set<() => void>();
  #unwatch?: () => void;

  constructor(core: AgentCore) {
    this.#core = core;
  }

  get running(): RunningAgent | undefined {
    return this.#running;
  }

  get failed(): string | undefined {
    return this.#failed;
  }

  start(options: AgentOptions): Promise<RunningAgent> {
    this.#starting ??= import('./start-agent')
      .then(({ startAgent }) => startAgent(this.#core, options))
      .then(
        (running) => {
          this.#running = running;
          this.#unwatch = running.service.onChange(() => this.#changed());
          this.#changed();
          return running;
        },
        (error: unknown) => {
          this.#failed = error instanceof Error ? error.message : String(error);
          this.#changed();
          throw error;
        },
      );
    return this.#starting;
  }

  async stop(): Promise<void> {
    const running = await this.#starting?.catch(() => undefined);
    this.#unwatch?.();
    this.#running = undefined;
    await running?.stop();
  }

  /** Called when the agent starts, and when its clients or what it served change. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
