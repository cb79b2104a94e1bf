// `rolecall sandbox`: the sandbox in the foreground until Ctrl-C or SIGTERM, with what a person
// (or, with --json, a script) needs to use it.
import { generate } from 'otplib';
import { writeSandboxAwsFiles } from './aws-files';
import { type Fault, faultText } from './fault';
import { SSO_REGION, SSO_START_URL } from './identity-center';
import { SHADOWING_VARIABLES, sandboxVariables } from './local';
import { seedWorld } from './seed';
import { startSandbox } from './server';

export interface SandboxCommandOptions {
  port?: number;
  roles?: number;
  json?: boolean;
  /** A fault to put on requests, so that a client's timeouts and retries can be seen at work. */
  fault?: Fault;
  /** The walkthrough's world: alice new, with only her own keys, and admins to stand in for. */
  newcomer?: boolean;
  /** Every session issued lasts at most this many seconds, to watch expiry and refresh. */
  sessionSeconds?: number;
}

const TOTP_STEP_MS = 30_000;

export async function runSandboxCommand(options: SandboxCommandOptions): Promise<void> {
  const seeded = seedWorld({
    extraRoles: options.roles ?? 0,
    ...(options.newcomer ? { newcomer: true } : {}),
    ...(options.sessionSeconds !== undefined ? { sessionSeconds: options.sessionSeconds } : {}),
    identityCenter: true,
  });
  const server = await startSandbox(seeded.world, {
    port: options.port ?? 0,
    ...(options.fault ? { fault: options.fault } : {}),
    ...(seeded.identityCenter ? { identityCenter: seeded.identityCenter } : {}),
  });
  const identityCenter = {
    startUrl: SSO_START_URL,
    region: SSO_REGION,
    // What a person does in the browser, for a script to do with one GET.
    approve: `GET the verificationUriComplete StartDeviceAuthorization answers (${server.endpoint}/sso/device?user_code=CODE): approves as alice, or add &user=bob`,
  };
  const files = writeSandboxAwsFiles(seeded, server.endpoint);
  // Listening before anything is printed: whoever reads the output may stop us at once.
  let running = true;
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      running = false;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);

  if (options.json) {
    out(
      JSON.stringify({
        endpoint: server.endpoint,
        signinEndpoint: `${server.endpoint}/federation`,
        configFile: files.configFile,
        credentialsFile: files.credentialsFile,
        mfa: seeded.mfa,
        identityCenter,
        ...(options.fault ? { fault: faultText(options.fault) } : {}),
        ...(options.sessionSeconds !== undefined ? { sessionSeconds: options.sessionSeconds } : {}),
      }),
    );
  } else {
    const exports = Object.entries(sandboxVariables(server.endpoint, files)).map(([k, v]) => `${k}=${v}`);
    out(
      `rolecall sandbox: IAM and STS at ${server.endpoint}; console sign-in at ${server.endpoint}/federation`,
    );
    if (options.fault) {
      out(
        `Fault on purpose: ${faultText(options.fault)} (${options.fault.action ? `${options.fault.action} only` : 'every request'}).`,
      );
    }
    if (options.sessionSeconds !== undefined) {
      out(
        `Short sessions: every session it issues expires ${options.sessionSeconds} s after it is issued (at the next whole second), then is refused (ExpiredToken).`,
      );
    }
    out(
      `IAM Identity Center (OIDC and the portal) at the same address: start URL ${identityCenter.startUrl}, region ${identityCenter.region}; a login is approved at ${server.endpoint}/sso/device?user_code=CODE (as alice).`,
    );
    out(`AWS config written to ${files.dir} (config, credentials); your ~/.aws is untouched.`);
    out('');
    out('Point a shell at it (and away from any AWS settings it has):');
    out(`  unset ${SHADOWING_VARIABLES.join(' ')}`);
    out(`  export ${exports.join(' ')}`);
    out(`  aws --endpoint-url ${server.endpoint} sts get-caller-identity --profile alice`);
    out('');
    if (options.newcomer) {
      out(
        'Profiles: alice (you, a newcomer: your own keys only); lead and lead-prod (admins to stand in for).',
      );
    } else {
      out('Profiles: alice, bob, ci-bot, auditor (keys); dev-developer, dev-admin, dev-deployer,');
      out(
        '  dev-readonly-via-developer, prod-readonly, prod-admin, prod-breakglass, prod-vendor-audit (roles);',
      );
      out('  dev-sso, prod-sso-readonly (IAM Identity Center: rolecall sso login dev-sso).');
    }
    out('Ctrl-C stops the sandbox and removes its files.');
    out('');
  }

  // alice's authenticator, on screen: a new code at each 30-second step.
  let timer: NodeJS.Timeout | undefined;
  const [alice] = seeded.mfa;
  const showCode = async () => {
    const now = seeded.world.clock.now();
    if (alice)
      out(
        `alice's MFA code (${alice.serial}): ${await generate({ secret: alice.secret, epoch: Math.floor(now / 1000) })}`,
      );
    if (running) timer = setTimeout(showCode, TOTP_STEP_MS - (now % TOTP_STEP_MS) + 50);
  };
  if (!options.json && alice) await showCode();

  await stopped;
  clearTimeout(timer);
  files.remove();
  await server.close();
}
