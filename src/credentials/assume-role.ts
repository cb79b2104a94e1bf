// An assumed role, on top of any provider: AssumeRole with its session name, duration, external
// ID and, when the role profile names an MFA device, the device's serial and a code.
import type { AwsClients } from '../aws/clients';
import type { Clock } from '../clock';
import { type AskMfaCode, type CredentialProvider, type Credentials, isFresh } from './provider';
import { stsClientFor, stsSdk } from './sts-client';

export interface AssumeRoleOptions {
  source: CredentialProvider;
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  region: string;
  clock: Clock;
  externalId?: string;
  /** Send SerialNumber and TokenCode with the call itself. */
  mfa?: { serial: string; askCode: AskMfaCode };
  clients: AwsClients;
}

export function assumeRoleProvider(
  options: AssumeRoleOptions,
): CredentialProvider & { assumedArn(): string | undefined } {
  let current: Credentials | undefined;
  let arn: string | undefined;
  let pending: Promise<Credentials> | undefined;
  return {
    label: `role ${options.roleArn}`,
    assumedArn: () => arn,
    async retrieve() {
      if (isFresh(current, options.clock)) return current;
      // Callers asking at once share one call (and one MFA code).
      pending ??= assume().finally(() => {
        pending = undefined;
      });
      current = await pending;
      return current;
    },
  };

  async function assume(): Promise<Credentials> {
    const mfa = options.mfa && {
      SerialNumber: options.mfa.serial,
      TokenCode: await options.mfa.askCode(options.mfa.serial, `to assume ${options.roleArn}`),
    };
    const { AssumeRoleCommand } = await stsSdk();
    const sts = await stsClientFor(options.source, options.region, options.clients);
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: options.sessionName,
        DurationSeconds: options.durationSeconds,
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
        ...mfa,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
    arn = out.AssumedRoleUser?.Arn;
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }
}
