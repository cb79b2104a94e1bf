// Step 6's check: `aws sts get-caller-identity` run with exactly the environment a rolecall shell
// of the session gets (shells/child-env.ts), so what it answers is what the person's shell would.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { scrub } from '../aws/errors';

/** The AWS CLI on the environment's PATH, as a shell would find it; undefined when there is none. */
export function awsCliOn(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'aws');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

export type CliAnswer = { ok: true; arn: string } | { ok: false; message: string };

/**
 * Runs `aws sts get-caller-identity` with `env`. The CLI reads AWS_ENDPOINT_URL only from version
 * 2.13 (1.29 for v1; "Service-specific endpoints", AWS SDKs and Tools Reference Guide), so where
 * one is set (the sandbox) it is also passed as --endpoint-url, or an older CLI would ask AWS
 * itself. Its own timeouts are given, and the process is killed after `timeoutMs` whatever it does.
 */
export function cliCallerIdentity(
  cli: string,
  env: NodeJS.ProcessEnv,
  timeouts: { connectSeconds: number; requestSeconds: number },
  timeoutMs: number,
): Promise<CliAnswer> {
  const args = [
    'sts',
    'get-caller-identity',
    '--output',
    'json',
    '--cli-connect-timeout',
    String(timeouts.connectSeconds),
    '--cli-read-timeout',
    String(timeouts.requestSeconds),
    ...(env.AWS_ENDPOINT_URL ? ['--endpoint-url', env.AWS_ENDPOINT_URL] : []),
  ];
  return new Promise((resolve) => {
    execFile(
      cli,
      args,
      { env: { ...env, AWS_PAGER: '' }, timeout: timeoutMs, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          const killed = (error as { killed?: boolean }).killed;
          // The CLI's last line says what went wrong; anything shaped like a key is hidden.
          const said = scrub(String(stderr).trim().split('\n').filter(Boolean).at(-1) ?? '');
          resolve({
            ok: false,
            message: killed
              ? `${cli} sts get-caller-identity did not finish within ${Math.round(timeoutMs / 1000)} s`
              : `${cli} sts get-caller-identity failed${said ? `: ${said}` : ` (${error.message.split('\n')[0]})`}`,
          });
          return;
        }
        try {
          const arn = (JSON.parse(String(stdout)) as { Arn?: string }).Arn;
          resolve(arn ? { ok: true, arn } : { ok: false, message: `${cli} printed no Arn.` });
        } catch {
          resolve({ ok: false, message: `${cli} printed something other than JSON.` });
        }
      },
    );
  });
}
