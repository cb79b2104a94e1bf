// `rolecall prompt`: what this shell is bound to, for a prompt (starship, PS1): `prod-admin 42m`.
// Read from the environment only (the live shell's hook keeps it current), so it is as fast as
// node starts: no settings, no AWS files, no SDK. Outside a rolecall shell it prints nothing.

/** The line to print, or undefined outside a rolecall shell. */
export function promptText(env: NodeJS.ProcessEnv, now = Date.now()): string | undefined {
  const who = env.ROLECALL_PROFILE || roleName(env.ROLECALL_ROLE_ARN);
  if (!who) return undefined;
  const left = minutesLeft(env.AWS_CREDENTIAL_EXPIRATION, now);
  return left === undefined ? who : `${who} ${left}`;
}

export function runPromptCommand(env: NodeJS.ProcessEnv, stdout: NodeJS.WritableStream): void {
  const text = promptText(env);
  if (text) stdout.write(`${text}\n`);
}

/** arn:aws:iam::123456789012:role/path/Admin → Admin@123456789012 */
function roleName(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const match = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? `${match[2]}@${match[1]}` : arn;
}

function minutesLeft(expiration: string | undefined, now: number): string | undefined {
  if (!expiration) return undefined;
  const at = Date.parse(expiration);
  if (Number.isNaN(at)) return undefined;
  const minutes = Math.floor((at - now) / 60_000);
  if (minutes < 0) return 'expired';
  return minutes >= 60
    ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`
    : `${minutes}m`;
}
