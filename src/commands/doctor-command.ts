// `rolecall doctor`: checks this terminal's AWS setup and prints the findings (text, or --json
// for scripts); exit status 1 when one would break an assume. With --fix, then the fixes to the
// config file that are certain, as a diff: written when the person says yes on the terminal, or
// with --yes (a script's yes), with a backup beside the file; the exit status is then the check's
// after the fixes. The credentials file is never written. The report and the diff go to stdout
// (`doctor --fix > report.txt` keeps them); the question goes to stderr, and is asked only when
// both stdin and stderr are a terminal, where a person can see it and answer. With stdout not a
// terminal, the fixes and their diff go to stderr too, before the question: what is approved
// must be what was seen.
import { createInterface } from 'node:readline';
import { writeEdit } from '../aws-files/file-edit';
import { createCore } from '../core';
import { configFixReport } from '../doctor/config-fix-report';
import { planConfigFixes } from '../doctor/config-fixes';
import { doctorReport } from '../doctor/doctor-report';
import { type DoctorFinding, hasError } from '../doctor/finding';
import { runDoctor } from '../doctor/run-doctor';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { readOnlySettings } from './profile-session';

export interface DoctorCommandOptions {
  /** The environment the composition root read (cli.ts). */
  env: NodeJS.ProcessEnv;
  json: boolean;
  /** Offer the config fixes after the check. */
  fix?: boolean;
  /** Write them without asking (with fix). */
  yes?: boolean;
  /** Where the question is answered: asked only when it and stderr are terminals. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where the question is asked. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Whether --fix writes at once (--yes), asks on the terminal, or cannot ask and writes nothing. */
export function fixConsent(options: {
  yes?: boolean;
  stdinIsTerminal?: boolean;
  stderrIsTerminal?: boolean;
}): 'write' | 'ask' | 'no-terminal' {
  if (options.yes) return 'write';
  return options.stdinIsTerminal && options.stderrIsTerminal ? 'ask' : 'no-terminal';
}

export async function runDoctorCommand(options: DoctorCommandOptions): Promise<number> {
  const { env, stdout } = options;
  const { settings, notices } = await readSettingsForCommand(env);
  for (const notice of notices) options.stderr.write(`rolecall: ${notice}\n`);
  const core = createCore({ settings: readOnlySettings({ ...DEFAULT_SETTINGS, ...settings }), env });
  const check = async (): Promise<DoctorFinding[]> => {
    const set = await core.profiles.read();
    const { rules } = core.assuming;
    return runDoctor({
      env,
      set,
      clients: core.clients,
      clock: core.clock,
      region: rules.regionOf(set, set.selected),
      providerOptions: rules.forProviders(),
    });
  };
  const findings = await check();
  stdout.write(options.json ? `${JSON.stringify(findings, null, 2)}\n` : doctorReport(findings));
  const status = (found: readonly DoctorFinding[]) => (hasError(found) ? 1 : 0);
  if (!options.fix) return status(findings);

  const plan = await planConfigFixes(env);
  const fixReport = configFixReport(plan);
  stdout.write(`\n${fixReport}`);
  if (!plan.edit) return status(findings);
  const consent = fixConsent({
    yes: options.yes === true,
    stdinIsTerminal: options.stdin?.isTTY === true,
    stderrIsTerminal: options.stderr.isTTY === true,
  });
  if (consent === 'no-terminal') {
    stdout.write(
      `\nNothing was written: there is no terminal to ask on. Run rolecall doctor --fix --yes to write these fixes.\n`,
    );
    return status(findings);
  }
  // The report went into a file or a pipe: the person answering on the terminal sees the diff
  // they approve, and what came of it, on stderr too.
  const asked = consent === 'ask' && options.stdin !== undefined;
  const outcome = (line: string) => {
    stdout.write(line);
    if (asked && stdout.isTTY !== true) options.stderr.write(line);
  };
  if (consent === 'ask' && options.stdin) {
    if (stdout.isTTY !== true) options.stderr.write(`\n${fixReport}`);
    const answer = await askLine(
      options.stdin,
      options.stderr,
      `\nWrite these fixes to ${plan.path}? [y/N] `,
    );
    if (!/^y(es)?$/i.test(answer ?? '')) {
      outcome('Nothing was written.\n');
      return status(findings);
    }
  }
  const written = await writeEdit(plan.edit, core.clock);
  if (!written.ok) {
    options.stderr.write(`rolecall: ${written.message}\n`);
    return 1;
  }
  outcome(
    `\nWrote ${plan.fixed.length} fix${plan.fixed.length === 1 ? '' : 'es'} to ${written.path}; the file as it was is at ${written.backup}.\n`,
  );
  // The check again, on the files as they are now: what the fixes left is what the status says.
  core.reload();
  const after = await check();
  stdout.write(
    `\nChecked again after the fixes:\n${doctorReport(after.filter((f) => f.severity !== 'info'))}`,
  );
  return status(after);
}

/**
 * One line from the terminal; undefined on Ctrl-C or Ctrl-D (which readline would otherwise
 * leave waiting: with no SIGINT listener it only pauses its input).
 */
function askLine(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  question: string,
): Promise<string | undefined> {
  const terminal = createInterface({ input, output });
  return new Promise((resolve) => {
    let answered = false;
    terminal.on('SIGINT', () => {
      output.write('\n');
      terminal.close();
    });
    terminal.on('close', () => {
      if (!answered) resolve(undefined);
    });
    terminal.question(question, (answer) => {
      answered = true;
      resolve(answer.trim());
      terminal.close();
    });
  });
}
