#!/usr/bin/env node
// The bin's entry. `rolecall prompt` runs before every prompt: answered here from the environment.
// `credential-process PROFILE` runs once per AWS CLI or SDK start, so when a
// running agent serves it, it is answered from here with node:net alone, before the command line
// parser, the SDK or the settings are loaded; everything else, and anything the agent does not
// simply answer (no agent, a code needed, a refusal), is one-shot.ts when the words are that
// command's or env's with no options, else the full CLI in cli.ts.
import { runPromptCommand } from './commands/prompt-command';
import { enableCompileCache } from './compile-cache';
import { AgentAskError, askAgent } from './live/agent-client';
import { socketToAsk } from './live/agent-paths';
import { PROTOCOL_VERSION } from './live/protocol';
import type { OneShotCommand } from './one-shot';
import { credentialProcessJson } from './shells/exports';

const argv = process.argv.slice(2);

/** True when it is done here (the JSON printed, or the agent's fault said); false for the full CLI. */
async function servedByAgent(words: readonly string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  const [command, profile, ...rest] = words;
  if (command !== 'credential-process' || !profile || profile.startsWith('-') || rest.length) return false;
  if (Number(process.versions.node.split('.')[0]) < 22) return false;
  try {
    const answer = await askAgent(socketToAsk(env), {
      v: PROTOCOL_VERSION,
      caller: { command: 'credential-process', pid: process.pid },
      op: 'credentials',
      profile,
    });
    if (!answer?.ok || answer.op !== 'credentials') return false;
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = answer.credentials;
    const expires = expiration === undefined ? undefined : new Date(expiration);
    if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') return false;
    if (expires && Number.isNaN(expires.getTime())) return false;
    process.stdout.write(
      credentialProcessJson({
        accessKeyId,
        secretAccessKey,
        ...(typeof sessionToken === 'string' ? { sessionToken } : {}),
        ...(expires ? { expiration: expires } : {}),
      }),
    );
    return true;
  } catch (error) {
    // A hung or garbled agent: said now, not asked again (and waited on again) by the full CLI.
    if (!(error instanceof AgentAskError)) return false;
    process.stderr.write(`rolecall: ${error.message}\n`);
    process.exitCode = 1;
    return true;
  }
}

/** `rolecall prompt`, run before every prompt: from the environment alone, so nothing else loads. */
function promptHere(words: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (words.length !== 1 || words[0] !== 'prompt') return false;
  runPromptCommand(env, process.stdout);
  return true;
}

/** `env PROFILE` or `credential-process PROFILE`, every option at its default: one-shot.ts's. */
function oneShot(words: readonly string[]): { command: OneShotCommand; profile: string } | undefined {
  const [command, profile, ...rest] = words;
  if (command !== 'env' && command !== 'credential-process') return undefined;
  // A word with a dash is an option (or --), and commander's to read; so is a second word.
  if (!profile || profile.startsWith('-') || rest.length) return undefined;
  // Older Node: the CLI says which Node rolecall needs.
  if (Number(process.versions.node.split('.')[0]) < 22) return undefined;
  return { command, profile };
}

// The one read of the environment here; cli.ts reads its own.
if (!promptHere(argv, process.env) && !(await servedByAgent(argv, process.env))) {
  // Before the CLI or the one-shot commands load, so that their code is cached too.
  enableCompileCache();
  const words = oneShot(argv);
  if (words) {
    const { runOneShot } = await import('./one-shot');
    await runOneShot(words.command, words.profile, process.env);
  } else {
    const { main } = await import('./cli');
    await main(argv);
  }
}
