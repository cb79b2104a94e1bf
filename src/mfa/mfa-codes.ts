// MFA codes for the interface: one asker for every credential provider of the run (an MFA session
// is shared by many assumes and renewals, and outlives the assume that started it), and `run`,
// which keeps the form up while AWS refuses codes: a wrong one, one already used, one for a
// device it does not know. Anything else, or Esc, ends the attempt.
import { describeAwsError } from '../aws/errors';
import type { Clock } from '../clock';
import type { AskMfaCode } from '../credentials/provider';
import { type MfaAnswer, MfaCancelled, type MfaPrompt } from './mfa-prompt';

const CODE_PROBLEMS = new Set(['wrong-mfa-code', 'mfa-code-reused', 'wrong-mfa-serial']);
/** AWS refuses a code it accepted once for as long as it would accept it: about three 30 s steps. */
const CODE_REMEMBERED_MS = 90_000;

export class MfaCodes {
  readonly #accepted = new Map<string, number>();
  /** Codes sent so far: a failure with no new code sent is not the code's fault. */
  #sent = 0;
  #last?: MfaAnswer;
  /** AWS's answer to the last code, shown in the next form. */
  #problem?: string;
  /** A code already typed (with a device picked from several), used before asking again. */
  #preset?: MfaAnswer;

  constructor(
    private readonly prompt: MfaPrompt,
    private readonly clock: Clock,
  ) {}

  /** The one asker providers get; the same function for the whole run. */
  readonly ask: AskMfaCode = async (serial, why) => {
    const preset = this.#preset;
    if (preset?.serial === serial) {
      this.#preset = undefined;
      return this.#note(preset);
    }
    const problem = this.#problem;
    this.#problem = undefined;
    const answer = await this.prompt.ask({ serials: [serial], why, ...(problem ? { problem } : {}) });
    return this.#note({ serial, code: answer.code });
  };

  /** Asks which of several devices, with its code; the code is then the first one sent. */
  async choose(serials: readonly string[], why: string): Promise<MfaAnswer> {
    const answer = await this.prompt.ask({ serials, why });
    this.#preset = answer;
    return answer;
  }

  /** Runs credential work, asking again for a code as long as AWS refuses the codes given. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      for (;;) {
        const before = this.#sent;
        try {
          const result = await work();
          if (this.#sent > before && this.#last) this.#accept(this.#last);
          return result;
        } catch (error) {
          const last = this.#last;
          if (this.#sent === before || !last || error instanceof MfaCancelled) throw error;
          const described = describeAwsError(error, { codeAlreadyUsed: this.#wasAccepted(last) });
          if (!CODE_PROBLEMS.has(described.kind)) throw error;
          this.#problem = described.message.charAt(0).toUpperCase() + described.message.slice(1);
        }
      }
    } finally {
      this.#preset = undefined;
      this.#problem = undefined;
      this.prompt.finish();
    }
  }

  #note(answer: MfaAnswer): string {
    this.#sent++;
    this.#last = answer;
    return answer.code;
  }

  #accept({ serial, code }: MfaAnswer): void {
    this.#accepted.set(`${serial} ${code}`, this.clock.now());
  }

  #wasAccepted({ serial, code }: MfaAnswer): boolean {
    const at = this.#accepted.get(`${serial} ${code}`);
    return at !== undefined && this.clock.now() - at < CODE_REMEMBERED_MS;
  }
}
