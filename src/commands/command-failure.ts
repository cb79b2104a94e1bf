// How a command that failed ends: the error said for a person on stderr, and the exit code. For
// the CLI (cli.ts) and the one-shot commands (one-shot.ts) alike.
import { errorText, OWN_CODE_GONE, ownCodeGone } from '../error-text';

/** An error for a person: rolecall's own as they are, AWS's described (and never with a secret). */
export async function messageFor(error: unknown): Promise<string> {
  const name = (error as Error)?.name;
  if (name === 'CommandError' || name === 'ProfileError') return (error as Error).message;
  // A chunk gone (a rebuild or upgrade meanwhile): loading another one would fail the same way.
  if (ownCodeGone(error)) return OWN_CODE_GONE;
  let errors: typeof import('../aws/errors');
  try {
    errors = await import('../aws/errors');
  } catch (importError) {
    return ownCodeGone(importError) ? OWN_CODE_GONE : errorText(error);
  }
  // The same words the interface shows for the same refusal: describeAwsError's, whole.
  return errors.describeAwsError(error, { doing: 'get the credentials' }).message;
}

/** Says `error` and sets the exit code: the one the error names (a file --check cannot read: 2), else 1. */
export async function reportFailure(error: unknown): Promise<void> {
  process.stderr.write(`rolecall: ${await messageFor(error)}\n`);
  const code = (error as { exitCode?: unknown })?.exitCode;
  process.exitCode = typeof code === 'number' ? code : 1;
}
