// Running something that may need MFA codes, with the interface's form: a code AWS refuses (wrong,
// already used, or for a device it does not know) is shown in the form, which stays up for
// another; anything else, or Esc, ends the attempt.
import { describeAwsError } from '../aws/errors';
import type { Clock } from '../clock';
import type { AskMfaCode } from '../credentials/provider';
import { MfaCancelled, type MfaPrompt } from './mfa-prompt';

const CODE_PROBLEMS = new Set(['wrong-mfa-code', 'mfa-code-reused', 'wrong-mfa-serial']);
/** AWS refuses a code it accepted once for as long as it would accept it: about three 30 s steps. */
const CODE_REMEMBERED_MS = 90_000;

/** The codes AWS has accepted lately, so a refusal of one of them can be called a reuse. */
export class AcceptedCodes {
  readonly #accepted = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  add(serial: string, code: string): void {
    this.#accepted.set(`${serial} ${code}`, this.clock.now());
  }

  has(serial: string, code: string): boolean {
    const at = this.#accepted.get(`${serial} ${code}`);
    return at !== undefined && this.clock.now() - at < CODE_REMEMBERED_MS;
  }
}

export async function withMfaCodes<T>(
  prompt: MfaPrompt,
  accepted: AcceptedCodes,
  run: (askCode: AskMfaCode) => Promise<T>,
  options: { first?: { serial: string; code: string }; serials?: readonly string[] } = {},
): Promise<T> {
  let problem: string | undefined;
  let given = options.first;
  try {
    for (;;) {
      let sent: { serial: string; code: string } | undefined;
      const askCode: AskMfaCode = async (serial, why) => {
        if (given) {
          sent = given;
          given = undefined;
          return sent.code;
        }
        const answer = await prompt.ask({
          serials: options.serials?.includes(serial) ? options.serials : [serial],
          why,
          ...(problem ? { problem } : {}),
        });
        sent = { serial, code: answer.code };
        return answer.code;
      };
      try {
        const result = await run(askCode);
        if (sent) accepted.add(sent.serial, sent.code);
        return result;
      } catch (error) {
        if (!sent || error instanceof MfaCancelled) throw error;
        const described = describeAwsError(error, { codeAlreadyUsed: accepted.has(sent.serial, sent.code) });
        if (!CODE_PROBLEMS.has(described.kind)) throw error;
        problem = described.message.charAt(0).toUpperCase() + described.message.slice(1);
      }
    }
  } finally {
    prompt.finish();
  }
}
