// `rolecall trust-policy --check FILE|-`: the builder's checks on a trust policy document, for
// scripts and CI. Prints the findings (one a line, or a JSON array with --json) and answers the
// exit code: 1 when IAM would refuse the document, else 0. A file it cannot read is a CommandError
// carrying exit code 2, so a script tells "refused" from "never checked".
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkTrustPolicy, hasErrors, type TrustFinding } from '../trust-policy/checks';
import { CommandError } from './profile-session';

export interface TrustPolicyCheckOptions {
  /** The document's path (relative to cwd), or "-" for stdin. */
  file: string;
  json: boolean;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  cwd: string;
}

/** What cli.ts prints as it prints any CommandError; its exit code is 2, not 1. */
export class TrustPolicyFileError extends CommandError {
  readonly exitCode = 2;
}

/** Far beyond any trust policy (the quota is 2,048 characters, at most raised to a few thousand). */
const MAX_BYTES = 1024 * 1024;

export async function runTrustPolicyCheck(options: TrustPolicyCheckOptions): Promise<number> {
  const name = options.file === '-' ? 'the trust policy on standard input' : options.file;
  const text =
    options.file === '-' ? await readStdin(options.stdin) : await readDocument(options.file, options.cwd);
  const findings = checkTrustPolicy(text);
  options.stdout.write(options.json ? `${JSON.stringify(findings, null, 2)}\n` : report(name, findings));
  return hasErrors(findings) ? 1 : 0;
}

function report(name: string, findings: readonly TrustFinding[]): string {
  const lines = findings.map((f) => `${f.severity.padEnd(7)} ${f.path}  ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  lines.push(
    errors > 0
      ? `${name}: ${count(errors, 'error')}, ${count(warnings, 'warning')}. IAM would refuse this trust policy; fix the errors above.`
      : warnings > 0
        ? `${name}: ${count(warnings, 'warning')}. IAM would accept this trust policy; the warnings say what to tighten.`
        : `${name}: no findings. IAM would accept this trust policy.`,
  );
  return `${lines.join('\n')}\n`;
}

export async function readDocument(file: string, cwd: string): Promise<string> {
  const path = resolve(cwd, file);
  const shown = path === file ? file : `${file} (${path})`;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_BYTES) throw tooLarge(shown);
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof TrustPolicyFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? `permission denied (chmod u+r ${path})`
            : (code ?? (error as Error).message);
    throw new TrustPolicyFileError(`Cannot read the trust policy ${shown}: ${why}.`);
  }
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_BYTES) throw tooLarge('on standard input');
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(what: string): TrustPolicyFileError {
  return new TrustPolicyFileError(
    `The trust policy ${what} is over 1 MiB, so it is not one: IAM's quota for a trust policy is 2,048 characters by default. Check that it is the right file.`,
  );
}
