#!/usr/bin/env node
// The composition root: parses the command line and starts what it asks for. The TUI is a
// dynamic import, so commands that print and exit never load React or ink.
import { enableCompileCache } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { version } from '../package.json';

// V8 keeps compiled code for the chunks loaded below (the TUI is ~1 MB of JavaScript) in the
// system temp dir; later starts skip compiling it.
enableCompileCache?.();

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
  ROLECALL_CONFIG_DIR  where settings.json lives (default: ~/.config/rolecall)
  NO_COLOR             draw without colours
`;

export function buildProgram(): Command {
  const program = new Command('rolecall')
    .description('A terminal UI for working across many AWS accounts.')
    .version(version, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .addOption(new Option('--inline', 'draw below the prompt instead of taking over the whole terminal'))
    .addHelpText('after', KEYS_HELP)
    .showHelpAfterError('(run rolecall --help for usage)')
    .showSuggestionAfterError(true)
    // Words after `rolecall` are checked in the action, to name an unknown command as such.
    .allowExcessArguments(true)
    .exitOverride()
    .action(async (options: { inline?: boolean }, command: Command) => {
      const [word] = command.args;
      if (word !== undefined) {
        command.error(`error: unknown command '${word}'`, {
          exitCode: USAGE_ERROR,
          code: 'rolecall.unknownCommand',
        });
      }
      if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0'; // chalk reads FORCE_COLOR at load
      const [{ runTui }, { Settings }] = await Promise.all([
        import('../screens/app/run-tui'),
        import('./settings/settings'),
      ]);
      process.exitCode = await runTui({ settings: new Settings(), inline: options.inline ?? false });
    });
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR;
      return;
    }
    process.stderr.write(`rolecall: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv.slice(2));
