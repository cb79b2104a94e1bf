// The composition root: parses the command line and starts what it asks for (src/main.ts runs
// it, after the commands it answers without it: see there). The TUI is a dynamic import, so
// commands that print and exit never load React or ink; so is the parser, so that `rolecall`,
// which needs no parsing, never loads it. Long because every command's options
// are declared here, where a reader of --help looks; what a command does is in src/commands/.
import type { Command } from 'commander';
import { version } from '../package.json';
import { reportFailure } from './commands/command-failure';
import type { TrustPolicyFlags } from './commands/trust-policy-command';
import { enableCompileCache } from './compile-cache';
import { parseDuration } from './duration';
import { TOUR_PAGE_IDS, type TourPageId } from './tour/tour-pages';

/** Where `rolecall tour --at` opens: a page of the walkthrough, or the guided setup itself. */
type TourAt = TourPageId | 'guided-setup';

/** The command line parser, loaded when the words need parsing: the commonest starts do not (main). */
type Commander = typeof import('commander');

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** How long after the interface ends anything left open may delay the exit. */
const QUIT_GRACE_MS = 300;

/** Exit code for a command line rolecall does not understand (as with most Unix tools). */
export const USAGE_ERROR = 2;

const KEYS_HELP = `
Keys in the interface:
  ?          show every key of the current screen
  Enter      open the selected item
  Esc        go back
  ↑ ↓ / k j  move
  q, Ctrl-C  quit

Environment:
  ROLECALL_CONFIG_DIR  where settings.json lives (default: the platform's config directory);
                       --sandbox keeps its own in sandbox/ there
  NO_COLOR             draw without colours
`;

/** A live shell's prompt hook (hidden) and `rolecall prompt`: both read only the environment. */
function addShellHookCommands(program: Command, { Option }: Commander): void {
  program
    .command('hook-exports', { hidden: true })
    .description("a live shell's prompt hook: print the shell's current credentials as code to evaluate")
    .addOption(
      new Option('--shell <shell>', 'the shell to print for')
        .choices(['bash', 'zsh', 'fish'])
        .makeOptionMandatory(),
    )
    .exitOverride()
    .action(async (options: { shell: 'bash' | 'zsh' | 'fish' }) => {
      const { runHookExportsCommand } = await import('./commands/hook-command');
      process.exitCode = await runHookExportsCommand({
        shell: options.shell,
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    });
  program
    .command('prompt')
    .description(
      'print what this rolecall shell is bound to, for a prompt: e.g. prod-admin 42m (nothing outside one)',
    )
    .exitOverride()
    .action(async (_options: unknown, command: Command) => {
      if (command.args.length)
        command.error(`error: rolecall prompt takes no arguments; unexpected '${command.args[0]}'`, {
          exitCode: USAGE_ERROR,
          code: 'rolecall.excessArguments',
        });
      const { runPromptCommand } = await import('./commands/prompt-command');
      runPromptCommand(process.env, process.stdout);
    });
}

export function buildProgram(commander: Commander): Command {
  const { Command, Option } = commander;
  const durationOption = durationParser(commander);
  const wholeNumber = wholeNumberParser(commander);
  const program = new Command('rolecall')
    .description('A terminal UI for working across many AWS accounts.')
    .version(version, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .addOption(new Option('--inline', 'draw below the prompt instead of taking over the whole terminal'))
    .addOption(
      new Option(
        '--sandbox',
        'try rolecall on example AWS accounts: starts the built-in sandbox on 127.0.0.1',
      ),
    )
    .addHelpText('after', KEYS_HELP)
    .showHelpAfterError('(run rolecall --help for usage)')
    .showSuggestionAfterError(true)
    // So that `exec PROFILE -- cmd --flag` leaves --flag to cmd.
    .enablePositionalOptions()
    // Words after `rolecall` are checked in the action, to name an unknown command as such.
    .allowExcessArguments(true)
    .exitOverride()
    .action(async (options: { inline?: boolean; sandbox?: boolean }, command: Command) => {
      const [word] = command.args;
      if (word !== undefined) {
        command.error(`error: unknown command '${word}'`, {
          exitCode: USAGE_ERROR,
          code: 'rolecall.unknownCommand',
        });
      }
      await runInterface(options);
    });

  const sessionOptions = (command: Command) =>
    command
      .addOption(new Option('--duration <time>', 'session length, e.g. 1h or 3600').argParser(durationOption))
      .addOption(
        new Option(
          '--region <region>',
          'the region for the session (default: the profile’s, else AWS_REGION, else settings)',
        ),
      )
      .addOption(
        new Option(
          '--mfa-code <code>',
          'the 6-digit MFA code, when the profile needs one (else it is asked for)',
        ),
      )
      .addOption(
        new Option(
          '--no-agent',
          'do not ask a running rolecall (the dashboard or rolecall agent): get the credentials directly',
        ),
      );

  sessionOptions(
    program
      .command('env')
      .argument('<profile>', 'the AWS profile')
      .description('print the exports for a profile’s credentials: eval "$(rolecall env PROFILE)"')
      .addOption(
        new Option('--format <format>', 'how to print them')
          .choices(['sh', 'fish', 'powershell', 'json'])
          .default('sh'),
      ),
  )
    .exitOverride()
    .action(
      async (
        profile: string,
        options: SessionFlags & { format: 'sh' | 'fish' | 'powershell' | 'json' },
        command: Command,
      ) => {
        refuseExtraArguments(command);
        await runEnv(profile, options);
      },
    );

  sessionOptions(
    program
      .command('credential-process')
      .argument('<profile>', 'the AWS profile')
      .description('print credential_process JSON: credential_process = rolecall credential-process PROFILE'),
  )
    .exitOverride()
    .action(async (profile: string, options: SessionFlags, command: Command) => {
      refuseExtraArguments(command);
      const { runCredentialProcessCommand } = await import('./commands/env-command');
      await runCredentialProcessCommand(sessionFlags(profile, options));
    });

  const sso = program.command('sso').description('IAM Identity Center (SSO): log in');
  sso
    .command('login')
    .argument('[profile]', 'an SSO profile (default: AWS_PROFILE, else default)')
    .description(
      'log in to IAM Identity Center in your browser, into the AWS CLI’s cache (aws and rolecall share it)',
    )
    .addOption(new Option('--sso-session <name>', 'the [sso-session] to log in to, rather than a profile’s'))
    .addOption(
      new Option('--use-device-code', 'log in with a code to approve in any browser, on any machine'),
    )
    .addOption(
      new Option('--no-browser', 'open no browser: a device code, and the page to approve it at, printed'),
    )
    .exitOverride()
    .action(
      async (
        profile: string | undefined,
        options: { ssoSession?: string; browser: boolean; useDeviceCode?: boolean },
        command: Command,
      ) => {
        refuseExtraArguments(command);
        if (profile && options.ssoSession)
          command.error('error: give a profile or --sso-session, not both.', {
            exitCode: USAGE_ERROR,
            code: 'rolecall.profileAndSession',
          });
        const { runSsoLoginCommand } = await import('./commands/sso-login-command');
        await runSsoLoginCommand({
          ...(profile ? { profile } : {}),
          ...(options.ssoSession ? { session: options.ssoSession } : {}),
          browser: options.browser,
          deviceCode: options.useDeviceCode ?? false,
          env: process.env,
        });
      },
    );

  sessionOptions(
    program
      .command('console')
      .argument('<profile>', 'the AWS profile')
      .description(
        'open the AWS console in your browser as a profile’s session (--print: print the sign-in URL instead)',
      )
      .addOption(
        new Option('--service <service>', 'the console page to land on, e.g. s3, ec2, iam').argParser(
          serviceParser(commander),
        ),
      )
      .addOption(
        new Option(
          '--print',
          'print the sign-in URL rather than open a browser: it signs anyone in for 15 minutes, so keep it to yourself',
        ),
      ),
  )
    .exitOverride()
    .action(
      async (
        profile: string,
        options: SessionFlags & { service?: string; print?: boolean },
        command: Command,
      ) => {
        refuseExtraArguments(command);
        const { runConsoleCommand } = await import('./commands/console-command');
        process.exitCode = await runConsoleCommand({
          ...sessionFlags(profile, options),
          ...(options.service ? { service: options.service } : {}),
          print: options.print ?? false,
        });
      },
    );

  sessionOptions(
    program
      .command('exec')
      .argument('<profile>', 'the AWS profile')
      .argument('[command...]', 'the command to run, after --')
      .description(
        'run a command with a profile’s credentials in its environment: rolecall exec PROFILE -- CMD',
      )
      .addOption(new Option('--force', 'start it even inside a rolecall shell for another identity'))
      .addOption(
        new Option(
          '--live',
          'give the command the running rolecall’s credentials endpoint instead of keys: the SDKs in it refresh by themselves for as long as it runs',
        ),
      ),
  )
    // Options stop at the profile here, so that the command's own (`-- ls -la`) stay the
    // command's; rolecall's between the profile and the command are read in the action.
    .passThroughOptions()
    .exitOverride()
    .action(async (profile: string, rest: string[], _options: SessionFlags, command: Command) => {
      if (profileAfterDashes(command)) {
        command.error('error: rolecall exec needs a profile before --: rolecall exec PROFILE -- cmd', {
          exitCode: USAGE_ERROR,
          code: 'rolecall.missingProfile',
        });
      }
      const line = commandAfterProfile(command, rest);
      const options = command.opts<SessionFlags & { force?: boolean; live?: boolean }>();
      if (options.live) {
        // The agent's session is what the command gets, as it is: nothing here can change it.
        const ignored = [
          options.agent === false && '--no-agent',
          options.duration !== undefined && '--duration',
          options.region !== undefined && '--region',
        ].filter(Boolean);
        if (ignored.length)
          command.error(
            `error: --live serves the running rolecall’s session as it is; ${ignored.join(', ')} cannot go with it.`,
            { exitCode: USAGE_ERROR, code: 'rolecall.liveWithFlags' },
          );
      }
      const { runExecCommand } = await import('./commands/exec-command');
      process.exitCode = await runExecCommand({
        ...sessionFlags(profile, options),
        command: line,
        force: options.force ?? false,
        live: options.live ?? false,
      });
    });

  program
    .command('agent')
    .description(
      'serve your sessions to every terminal until Ctrl-C, as the dashboard does: env, exec and credential-process ask it first, so one MFA code serves them all',
    )
    .addOption(new Option('--status', 'say what a running agent (or dashboard) serves, and to whom'))
    .addOption(new Option('--json', 'with --status: print it as JSON'))
    .exitOverride()
    .action(async (options: { status?: boolean; json?: boolean }, command: Command) => {
      if (command.args.length)
        command.error(`error: rolecall agent takes no arguments; unexpected '${command.args[0]}'`, {
          exitCode: USAGE_ERROR,
          code: 'rolecall.excessArguments',
        });
      if (options.json && !options.status)
        command.error('error: --json goes with --status.', {
          exitCode: USAGE_ERROR,
          code: 'rolecall.jsonWithoutStatus',
        });
      const agent = await import('./commands/agent-command');
      process.exitCode = options.status
        ? await agent.runAgentStatus({
            env: process.env,
            json: options.json ?? false,
            stdout: process.stdout,
          })
        : await agent.runAgent({
            env: process.env,
            stderr: process.stderr,
            startAgent: await agent.loadStartAgent(),
          });
    });

  sessionOptions(
    program
      .command('shell')
      .argument('<profile>', 'the AWS profile')
      .description(
        'open $SHELL here with a profile’s credentials, kept fresh by the running rolecall (the dashboard or rolecall agent)',
      )
      .addOption(new Option('--force', 'start it even inside a rolecall shell for another identity')),
  )
    .exitOverride()
    .action(async (profile: string, options: SessionFlags & { force?: boolean }, command: Command) => {
      refuseExtraArguments(command);
      const { runShellCommand } = await import('./commands/shell-command');
      process.exitCode = await runShellCommand({
        ...sessionFlags(profile, options),
        force: options.force ?? false,
        // The prompt hook runs this very rolecall again: the same node, the same script.
        self: process.argv[1] ? { command: process.execPath, args: [process.argv[1]] } : undefined,
      });
    });

  program
    .command('use')
    .argument('[target]', 'a profile, or a role ARN a profile assumes')
    .description(
      'in a shell rolecall opened live: switch it to another role (its next prompt has the credentials); alone, say what it is bound to',
    )
    .addOption(
      new Option('--mfa-code <code>', 'the 6-digit MFA code, when the role needs one (else it is asked for)'),
    )
    .exitOverride()
    .action(async (target: string | undefined, options: { mfaCode?: string }, command: Command) => {
      if (command.args.length > 1)
        command.error(`error: rolecall use takes one profile or role ARN; unexpected '${command.args[1]}'`, {
          exitCode: USAGE_ERROR,
          code: 'rolecall.excessArguments',
        });
      const { runUseCommand } = await import('./commands/use-command');
      process.exitCode = await runUseCommand({
        target,
        ...(options.mfaCode ? { mfaCode: options.mfaCode } : {}),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    });

  program
    .command('trust-policy')
    .description('print a role’s trust policy (JSON) that trusts these accounts, users, roles or services')
    .addOption(
      new Option(
        '--account <id>',
        'trust this account (12 digits); its admins must still allow it',
      ).argParser(repeated),
    )
    .addOption(new Option('--principal <arn>', 'trust this IAM user or role').argParser(repeated))
    .addOption(
      new Option(
        '--service <name>',
        'trust this AWS service, e.g. ec2, lambda or ecs-tasks.amazonaws.com',
      ).argParser(repeated),
    )
    .addOption(new Option('--mfa', 'require MFA (aws:MultiFactorAuthPresent)'))
    .addOption(
      new Option(
        '--mfa-max-age <time>',
        'require an MFA code at most this old, e.g. 1h (aws:MultiFactorAuthAge)',
      ),
    )
    .addOption(
      new Option(
        '--external-id <id>',
        'require this external ID (sts:ExternalId), as a third party sends it',
      ),
    )
    .addOption(
      new Option('--generate-external-id', 'require a new random external ID').conflicts('externalId'),
    )
    .addOption(
      new Option('--org-id <id>', 'require callers from this AWS organization, o-… (aws:PrincipalOrgID)'),
    )
    .addOption(
      new Option('--source-account <id>', 'for services: only on behalf of this account (aws:SourceAccount)'),
    )
    .addOption(
      new Option('--source-arn <arn>', 'for services: only on behalf of this resource (aws:SourceArn)'),
    )
    .addOption(
      new Option(
        '--check <file>',
        'check a trust policy (a file, or - for standard input) as IAM and IAM Access Analyzer would; exit 1 on an error',
      ),
    )
    .addOption(new Option('--json', 'with --check: print the findings as JSON'))
    .addOption(
      new Option(
        '--edit <file>',
        'edit a trust policy file in the interface’s builder and save it back (exit 0 when saved, 1 when left unsaved)',
      ).conflicts(['check', 'json']),
    )
    .exitOverride()
    .action(async (options: TrustPolicyOptions, command: Command) => {
      const { check, json, edit, ...flags } = options;
      if (edit !== undefined) return editTrustPolicyFile(edit, flags, command);
      if (check !== undefined) {
        // A check reads a document; flags that build one would be silently ignored.
        const building = Object.keys(flags).map(
          (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        );
        if (building.length)
          command.error(
            `error: --check reads a policy; ${building.join(', ')} would build one. Use one or the other.`,
            {
              exitCode: USAGE_ERROR,
              code: 'rolecall.checkWithFlags',
            },
          );
        const { runTrustPolicyCheck } = await import('./commands/trust-policy-check-command');
        process.exitCode = await runTrustPolicyCheck({
          file: check,
          json: json ?? false,
          stdin: process.stdin,
          stdout: process.stdout,
          cwd: process.cwd(),
        });
        return;
      }
      if (json)
        command.error('error: --json goes with --check; the policy itself is printed as JSON already.', {
          exitCode: USAGE_ERROR,
          code: 'rolecall.jsonWithoutCheck',
        });
      const { runTrustPolicyCommand } = await import('./commands/trust-policy-command');
      const problem = runTrustPolicyCommand(flags, process.stdout);
      if (problem)
        command.error(`error: ${problem}`, { exitCode: USAGE_ERROR, code: 'rolecall.badTrustPolicy' });
    });

  program
    .command('doctor')
    .description(
      'check this terminal’s AWS setup (who the SDK is, your profiles, clock, MFA, keys, sts:AssumeRole); exit 1 when something would break an assume. --fix offers the config fixes that are certain, as a diff',
    )
    .addOption(new Option('--json', 'print the findings as a JSON array, for scripts'))
    .addOption(
      new Option(
        '--fix',
        'then show the fixes to the config file that are certain, as a diff, and ask before writing them (with a backup beside it); the credentials file is never written',
      ),
    )
    .addOption(new Option('--yes', 'with --fix: write the fixes without asking, for scripts'))
    .exitOverride()
    .action(async (options: { json?: boolean; fix?: boolean; yes?: boolean }, command: Command) => {
      if (command.args.length)
        command.error(`error: rolecall doctor takes no arguments; unexpected '${command.args[0]}'`, {
          exitCode: USAGE_ERROR,
          code: 'rolecall.excessArguments',
        });
      if (options.yes && !options.fix)
        command.error('error: --yes goes with --fix: it answers the question --fix asks.', {
          exitCode: USAGE_ERROR,
          code: 'rolecall.yesWithoutFix',
        });
      if (options.json && options.fix)
        command.error(
          'error: --json and --fix do not go together: --fix prints a diff for a person. Run doctor --json to check, doctor --fix --yes to fix.',
          { exitCode: USAGE_ERROR, code: 'rolecall.jsonWithFix' },
        );
      const { runDoctorCommand } = await import('./commands/doctor-command');
      process.exitCode = await runDoctorCommand({
        // The one read of the environment for this command: everything below is handed it.
        env: process.env,
        json: options.json ?? false,
        fix: options.fix ?? false,
        yes: options.yes ?? false,
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    });

  program
    .command('tour')
    .description(
      'the getting-started walkthrough: roles across accounts in plain words, a check of your setup, then a guided setup; resumes where it was left',
    )
    .addOption(
      new Option(
        '--sandbox',
        "on example accounts: starts the built-in sandbox's newcomer world on 127.0.0.1 (alice with only her own keys)",
      ),
    )
    .addOption(
      new Option(
        '--at <page>',
        'open at this page instead of where it was left; guided-setup opens the guided setup itself',
      ).choices([...TOUR_PAGE_IDS, 'guided-setup']),
    )
    .addOption(new Option('--inline', 'draw below the prompt instead of taking over the whole terminal'))
    .exitOverride()
    .action(async (options: { inline?: boolean; sandbox?: boolean; at?: TourAt }, command: Command) => {
      if (command.args.length)
        command.error(`error: rolecall tour takes no arguments; unexpected '${command.args[0]}'`, {
          exitCode: USAGE_ERROR,
          code: 'rolecall.excessArguments',
        });
      process.exitCode = await openInterface({ ...options, walkthrough: 'open' });
      setTimeout(() => process.exit(), QUIT_GRACE_MS).unref();
    });

  program
    .command('sandbox')
    .description('run the built-in IAM/STS sandbox with example accounts on 127.0.0.1 until Ctrl-C')
    .addOption(
      new Option('--port <n>', 'listen on this port (default: any free one)').argParser(
        wholeNumber('--port', 0, 65_535),
      ),
    )
    .addOption(
      new Option('--roles <n>', 'add this many extra roles to the dev account').argParser(
        wholeNumber('--roles', 0, 100_000),
      ),
    )
    .addOption(new Option('--json', 'print one JSON line (endpoint, files, MFA secrets) for scripts'))
    .addOption(
      new Option(
        '--newcomer',
        "the walkthrough's world: alice new, with only her own keys, and admins to stand in for",
      ),
    )
    .addOption(
      new Option(
        '--session-seconds <n>',
        'every session it issues (AssumeRole, GetSessionToken) expires after N seconds, to watch refreshes',
      ).argParser(wholeNumber('--session-seconds', 1, 129_600)),
    )
    .addOption(
      new Option(
        '--fault <fault>',
        'answer badly on purpose, to try timeouts and retries: hang, slow=MS, 5xx, throttle, reset or html, each optionally :ACTION (e.g. hang:AssumeRole)',
      ),
    )
    .exitOverride()
    .action(
      async (
        options: {
          port?: number;
          roles?: number;
          json?: boolean;
          fault?: string;
          newcomer?: boolean;
          sessionSeconds?: number;
        },
        command: Command,
      ) => {
        // Parsed here, not in an argParser: the sandbox's code loads only when it is asked for.
        const [{ runSandboxCommand }, { parseFault }] = await Promise.all([
          import('./sandbox/command'),
          import('./sandbox/fault'),
        ]);
        const { fault: spelled, ...rest } = options;
        const fault = spelled === undefined ? undefined : parseFault(spelled);
        if (fault && 'problem' in fault) {
          command.error(`error: ${fault.problem}`, { exitCode: USAGE_ERROR, code: 'rolecall.badFault' });
        }
        await runSandboxCommand({ ...rest, ...(fault ? { fault } : {}) });
      },
    );
  addShellHookCommands(program, commander);
  return program;
}

interface SessionFlags {
  duration?: number;
  region?: string;
  mfaCode?: string;
  /** False with --no-agent. */
  agent?: boolean;
}

/**
 * `env` and `credential-process` take one profile. A second word is a mistake (a flag without
 * its dashes, a value without its flag); dropping it silently would act on another request.
 */
function refuseExtraArguments(command: Command): void {
  const extra = command.args.slice(1);
  if (extra.length === 0) return;
  command.error(
    `error: rolecall ${command.name()} takes one profile; unexpected argument${extra.length === 1 ? '' : 's'} ${extra
      .map((word) => `'${word}'`)
      .join(' ')}`,
    { exitCode: USAGE_ERROR, code: 'rolecall.excessArguments' },
  );
}

/**
 * What follows the profile of `exec`: rolecall's own options (`--duration 1h`), then the command,
 * from `--` or from the first word that is not an option. Everything from the command on is the
 * command's, as in `env(1)` and aws-vault. Errors here are usage errors, found before any role is
 * assumed or MFA code asked for.
 */
function commandAfterProfile(command: Command, rest: string[]): string[] {
  const { operands, unknown } = command.parseOptions(rest);
  const [flag] = unknown;
  if (flag === '-h' || flag === '--help') command.help();
  if (flag !== undefined) {
    command.error(
      `error: unknown option '${flag}' for rolecall exec (the command and its options go after --)`,
      { exitCode: USAGE_ERROR, code: 'commander.unknownOption' },
    );
  }
  if (operands.length === 0) {
    command.error('error: name the command to run after --, e.g. rolecall exec PROFILE -- aws s3 ls', {
      exitCode: USAGE_ERROR,
      code: 'rolecall.missingCommand',
    });
  }
  return operands;
}

/**
 * `rolecall exec -- cmd`: commander ends the options at `--` and then takes the first word after
 * it, the command, as the profile. Found by reading exec's words as commander does: options (with
 * their values) until the first operand, which is the profile unless `--` came first.
 */
function profileAfterDashes(command: Command): boolean {
  // The program stops reading at `exec` and keeps every word from there as it was typed.
  const typed = command.parent?.args ?? [];
  const words = typed.slice(typed.indexOf(command.name()) + 1);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') return true;
    if (!word.startsWith('-') || word === '-') return false;
    const option = command.options.find((o) => o.long === word || o.short === word);
    if (option && (option.required || option.optional)) i++;
  }
  return false;
}

function sessionFlags(profile: string, options: SessionFlags) {
  return {
    profile,
    // The one read of the environment for a command: everything below is handed it.
    env: process.env,
    ...(options.duration !== undefined ? { durationSeconds: options.duration } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.mfaCode ? { mfaCode: options.mfaCode } : {}),
    agent: options.agent !== false,
  };
}

/** A console service's path: s3, ec2, iam, ec2/v2 (console-address.ts SERVICE_PATH, kept in step). */
function serviceParser({ InvalidArgumentError }: Commander) {
  return (text: string): string => {
    if (!/^[a-z0-9-]{1,40}(\/[a-z0-9-]{1,40}){0,3}$/.test(text))
      throw new InvalidArgumentError(
        '--service takes a console service as its URL names it, e.g. s3, ec2 or iam.',
      );
    return text;
  };
}

function durationParser({ InvalidArgumentError }: Commander) {
  return (text: string): number => {
    const seconds = parseDuration(text);
    if (seconds === undefined || seconds < 900 || seconds > 43_200) {
      throw new InvalidArgumentError('--duration takes 15m to 12h, e.g. 1h or 3600.');
    }
    return seconds;
  };
}

type TrustPolicyOptions = TrustPolicyFlags & { check?: string; json?: boolean; edit?: string };

/** `rolecall trust-policy --edit FILE`: the builder on the file, in the interface; exit 0 once saved, 1 if not. */
async function editTrustPolicyFile(file: string, flags: TrustPolicyFlags, command: Command): Promise<void> {
  const building = Object.keys(flags).map(
    (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  );
  if (building.length)
    command.error(
      `error: --edit opens a file; ${building.join(', ')} would build a policy. Use one or the other.`,
      {
        exitCode: USAGE_ERROR,
        code: 'rolecall.editWithFlags',
      },
    );
  // A file that is not a trust policy is refused here, before the interface takes the terminal.
  const { openTrustPolicyFile } = await import('./commands/trust-policy-edit-command');
  const opened = await openTrustPolicyFile(file, process.cwd());
  const [{ runTui }, { Settings }] = await Promise.all([
    import('../screens/app/shell/run-tui'),
    import('./settings/settings'),
  ]);
  await runTui({
    settings: new Settings({ env: process.env }),
    env: process.env,
    inline: false,
    start: { screen: 'trust-policy-file', params: { file: opened } },
  });
  const refused = opened.refused();
  if (refused) {
    process.stderr.write(`${refused}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(opened.saved() ? `Saved ${file}.\n` : `${file} was not changed.\n`);
  process.exitCode = opened.saved() ? 0 : 1;
}

/** `rolecall` (with --inline or --sandbox or neither): the interface, then the exit. */
async function runInterface(options: { inline?: boolean; sandbox?: boolean }): Promise<void> {
  process.exitCode = await openInterface({ ...options, walkthrough: 'first-start' });
  // The interface has ended and stopped its AWS calls; should anything else still hold the
  // event loop (a library's socket or timer), the person who pressed q does not wait on it.
  setTimeout(() => process.exit(), QUIT_GRACE_MS).unref();
}

/** `rolecall env PROFILE`, its options as given. */
async function runEnv(
  profile: string,
  options: SessionFlags & { format: 'sh' | 'fish' | 'powershell' | 'json' },
): Promise<void> {
  const { runEnvCommand } = await import('./commands/env-command');
  await runEnvCommand({ ...sessionFlags(profile, options), format: options.format });
}

/**
 * The commonest start, whose words need no parsing: `rolecall` alone. It runs what the program's
 * action runs for no words, without loading the command line parser (~10 ms of a start); anything
 * else is parsed. (`env PROFILE` and `credential-process PROFILE` are one-shot.ts's, from main.ts.)
 */
function withoutParsing(argv: readonly string[]): (() => Promise<void>) | undefined {
  if (argv.length === 0) return () => runInterface({});
  return undefined;
}

async function openInterface(options: {
  inline?: boolean;
  sandbox?: boolean;
  /** `rolecall tour --at`: a page of the walkthrough, or the guided setup. */
  at?: TourAt;
  /** `open`: `rolecall tour`, the walkthrough at once, and its newcomer world with --sandbox. */
  walkthrough: 'open' | 'first-start';
}): Promise<number> {
  const [{ runTui }, { Settings }] = await Promise.all([
    import('../screens/app/shell/run-tui'),
    import('./settings/settings'),
  ]);
  const { walkthrough } = options;
  const tour = {
    walkthrough,
    ...(options.at ? { tourAt: options.at } : {}),
    // The walkthrough's practice in the sandbox runs this very rolecall again: the same node, the
    // same script (process.argv is read here only, as the environment is).
    ...(process.argv[1] ? { selfCommand: { command: process.execPath, args: [process.argv[1]] } } : {}),
  };
  if (!options.sandbox)
    return runTui({
      settings: new Settings({ env: process.env }),
      env: process.env,
      inline: options.inline ?? false,
      ...tour,
    });
  const { startLocalSandbox, pointEnvironmentAtSandbox } = await import('./sandbox/local');
  // A seed the caller chose (the end-to-end test types codes computed from it); never passed on.
  const aliceMfaSecret = process.env.ROLECALL_SANDBOX_MFA_SECRET;
  delete process.env.ROLECALL_SANDBOX_MFA_SECRET;
  const sandbox = await startLocalSandbox({
    ...(aliceMfaSecret ? { aliceMfaSecret } : {}),
    // The walkthrough's world: alice new, with only her own keys, as on a first day.
    ...(walkthrough === 'open' ? { newcomer: true } : {}),
  });
  // Everything this process starts (SDK clients, shells) talks to the sandbox, and only to it.
  pointEnvironmentAtSandbox(process.env, sandbox.endpoint, sandbox.files);
  try {
    return await runTui({
      // Apart from the person's own: the example accounts' aliases and labels are not theirs.
      settings: new Settings({ env: process.env, sandbox: true }),
      env: process.env,
      inline: options.inline ?? false,
      notice: `Sandbox running at ${sandbox.endpoint}; its AWS profiles are in ${sandbox.files.dir}.`,
      sandboxDevices: sandbox.devices,
      ...tour,
    });
  } finally {
    await sandbox.stop();
  }
}

/** A flag that may be given more than once: each value, in order. */
function repeated(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

function wholeNumberParser({ InvalidArgumentError }: Commander) {
  return (flag: string, min: number, max: number) => (text: string) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new InvalidArgumentError(`${flag} takes a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}

export async function main(argv: readonly string[]): Promise<void> {
  if (NODE_MAJOR < 22) {
    process.stderr.write(`rolecall needs Node.js 22 or later; this is ${process.version}.\n`);
    process.exitCode = 1;
    return;
  }
  enableCompileCache();
  let commander: Commander | undefined;
  try {
    const run = withoutParsing(argv);
    if (run) await run();
    else {
      commander = await import('commander');
      await buildProgram(commander).parseAsync([...argv], { from: 'user' });
    }
  } catch (error) {
    if (commander && error instanceof commander.CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR;
      return;
    }
    await reportFailure(error);
  }
}
