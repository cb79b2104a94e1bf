// Where an MFA code comes from in the interface. The core asks (AskMfaCode); whoever shows the
// interface listens, puts a form in front of the person and answers or cancels. The form stays
// up while AWS checks the code, so a refused code is shown in it and the person types again.

export interface MfaRequest {
  /** The MFA devices the code may come from; the first is the one the profile names. */
  serials: readonly string[];
  /** "to assume arn:aws:iam::…:role/Admin". */
  why: string;
  /** AWS's answer to the last code, in words, when it refused it. */
  problem?: string;
}

export type MfaPromptState =
  | { phase: 'idle' }
  /** `attempt` is new with each ask, so the form starts empty even when the problem reads the same. */
  | { phase: 'asking'; request: MfaRequest; attempt: number }
  /** A code was given; AWS has not answered yet. */
  | { phase: 'checking'; request: MfaRequest; attempt: number };

export class MfaCancelled extends Error {
  override name = 'MfaCancelled';
  constructor() {
    super('No MFA code was given.');
  }
}

export interface MfaAnswer {
  serial: string;
  code: string;
}

export class MfaPrompt {
  #state: MfaPromptState = { phase: 'idle' };
  #attempts = 0;
  #pending?: { resolve: (answer: MfaAnswer) => void; reject: (error: Error) => void };
  readonly #listeners = new Set<(state: MfaPromptState) => void>();

  get state(): MfaPromptState {
    return this.#state;
  }

  on(listener: (state: MfaPromptState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Puts the form up (or keeps it up, with the problem) and waits for a code. */
  ask(request: MfaRequest): Promise<MfaAnswer> {
    // One form at a time: a second asker waits its turn rather than replacing the first.
    if (this.#pending) return this.#queueBehind().then(() => this.ask(request));
    return new Promise<MfaAnswer>((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#set({ phase: 'asking', request, attempt: ++this.#attempts });
    });
  }

  answer(answer: MfaAnswer): void {
    const pending = this.#pending;
    if (!pending || this.#state.phase !== 'asking') return;
    this.#pending = undefined;
    this.#set({ phase: 'checking', request: this.#state.request, attempt: this.#state.attempt });
    pending.resolve(answer);
  }

  /** The person pressed Esc: the asker hears MfaCancelled. */
  cancel(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    this.#set({ phase: 'idle' });
    pending?.reject(new MfaCancelled());
  }

  /** The code did its job, or the asker gave up: the form goes. */
  finish(): void {
    if (this.#pending) return;
    this.#set({ phase: 'idle' });
  }

  #waiters: Array<() => void> = [];

  #queueBehind(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #set(state: MfaPromptState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
    if (state.phase !== 'asking') for (const wake of this.#waiters.splice(0)) wake();
  }
}
