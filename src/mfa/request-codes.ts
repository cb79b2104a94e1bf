// The run's one MFA asker, for every provider the core makes. A device's MFA-session provider is
// made by whoever first needs it (an assume in the dashboard, an agent request from another
// terminal) and keeps the asker it was made with for the rest of the run, so there must be one
// asker that asks the right way whoever calls: inside an agent request, the code that request
// came with, once, and else "needs MFA" so that its own terminal asks; outside one (the dashboard's
// assumes and renewals), the dashboard's form, or, in a headless agent, "needs MFA" too.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AskMfaCode } from '../credentials/provider';
import type { MfaCodes } from './mfa-codes';

/** A code was needed and none could be given here: the caller asks for one for `serial`. */
export class NeedsMfaCode extends Error {
  override name = 'NeedsMfaCode';
  constructor(readonly serial: string) {
    super(`An MFA code is needed for ${serial}.`);
  }
}

interface Slot {
  code?: string;
  used: boolean;
  /** The device the code was sent for, once it was. */
  sentFor?: string;
}

/**
 * The request's work failed after its code was sent for `serial`: AWS may have refused that code
 * (wrong, or already used), which the caller can ask again for, in the requester's terminal.
 */
export class FailedAfterCode extends Error {
  override name = 'FailedAfterCode';
  constructor(
    readonly serial: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export class RequestCodes {
  /** The code of the request being answered: its async context's own, however many run at once. */
  readonly #slot = new AsyncLocalStorage<Slot>();
  readonly #codes: MfaCodes;
  /** Outside requests a form can be shown (the dashboard, the CLI's prompt); false in `rolecall agent`. */
  interactive = true;

  constructor(codes: MfaCodes) {
    this.#codes = codes;
  }

  /** Runs a request's work with the code it came with (or none): the asker sees it there only. */
  async run<T>(code: string | undefined, work: () => Promise<T>): Promise<T> {
    const slot: Slot = { ...(code !== undefined ? { code } : {}), used: false };
    try {
      return await this.#slot.run(slot, work);
    } catch (error) {
      throw slot.sentFor ? new FailedAfterCode(slot.sentFor, error) : error;
    }
  }

  /** Inside a request (whose refreshes must never reach the dashboard's form). */
  inRequest(): boolean {
    return this.#slot.getStore() !== undefined;
  }

  readonly ask: AskMfaCode = async (serial, why) => {
    const slot = this.#slot.getStore();
    if (slot) {
      if (slot.code === undefined || slot.used) throw new NeedsMfaCode(serial);
      slot.used = true;
      slot.sentFor = serial;
      return slot.code;
    }
    if (this.interactive) return this.#codes.ask(serial, why);
    throw new NeedsMfaCode(serial);
  };
}
