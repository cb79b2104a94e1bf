// `env`, `exec` and `credential-process` ask a running agent first (the dashboard, or `rolecall
// agent`): it serves a live session, or assumes through its MFA session, so a code typed in one
// terminal serves every other. A code the agent still needs is asked here and sent back to it.
import { MFA_CODE } from '../aws-shapes/request-fields';
import { AgentAskError, askAgent } from '../live/agent-client';
import { socketToAsk } from '../live/agent-paths';
import {
  type AgentAnswer,
  type AgentRequest,
  PROTOCOL_VERSION,
  type WireCredentials,
} from '../live/protocol';
import type { SessionCredentials, SessionIdentity } from '../shells/child-env';
import { askMfaCode, CommandError, type ProfileSessionOptions, profileSession } from './profile-session';

/** A code asked for, refused and asked again: three times, as the AWS console allows, then stop. */
const MFA_TRIES = 3;

type Answered<Op extends AgentRequest['op']> = Extract<AgentAnswer, { ok: true; op: Op }>;

/**
 * The agent's answer to `build(code)`, sent again with a code typed on the terminal while the
 * agent says it needs one; undefined when no agent runs. A refusal is a CommandError with the
 * agent's words: falling back to the direct path would ask for the code the agent was to spare.
 */
export async function askAgentWithMfa<Op extends 'credentials' | 'open' | 'use'>(
  socket: string,
  op: Op,
  profile: string,
  build: (mfaCode: string | undefined) => AgentRequest & { op: Op },
  given: string | undefined,
): Promise<Answered<Op> | undefined> {
  if (given !== undefined && !MFA_CODE.test(given))
    throw new CommandError('--mfa-code takes the 6 digits your MFA device shows.');
  const ask = askMfaCode(profile, undefined);
  let code = given;
  for (let attempt = 0; ; attempt++) {
    let answer: AgentAnswer | undefined;
    try {
      answer = await askAgent(socket, build(code));
    } catch (error) {
      if (error instanceof AgentAskError) throw new CommandError(error.message);
      throw error;
    }
    if (answer === undefined) {
      if (attempt === 0) return undefined;
      throw new CommandError(
        `The rolecall agent at ${socket} stopped while it was asked: run the command again.`,
      );
    }
    if (answer.ok) {
      if (answer.op !== op)
        throw new CommandError(`The rolecall agent at ${socket} answered ${answer.op} to ${op}.`);
      return answer as Answered<Op>;
    }
    if (answer.kind !== 'needs-mfa' || attempt + 1 >= MFA_TRIES)
      throw new CommandError(`The rolecall agent at ${socket}: ${answer.message}`);
    // A code was sent and AWS refused it (wrong, or used already): said before asking again.
    if (code !== undefined) process.stderr.write(`rolecall: ${answer.message}\n`);
    code = await ask(answer.serial ?? 'your MFA device', answer.message);
  }
}

export interface AgentChoice {
  /** False with --no-agent: the profile's own credentials, as with no agent running. */
  agent: boolean;
}

/** From a running agent first (no code, no STS call while its session is fresh), else directly. */
export async function sessionFor(options: ProfileSessionOptions & AgentChoice, command: string) {
  return (options.agent && (await agentSession({ ...options, command }))) || profileSession(options);
}

/** The credentials for `rolecall env`, `exec` and `credential-process` from a running agent. */
export async function agentSession(
  options: ProfileSessionOptions & { command: string },
): Promise<{ credentials: SessionCredentials; identity: SessionIdentity; notes: string[] } | undefined> {
  const answer = await askAgentWithMfa(
    socketToAsk(options.env),
    'credentials',
    options.profile,
    (mfaCode) => ({
      v: PROTOCOL_VERSION,
      caller: { command: options.command, pid: process.pid },
      op: 'credentials',
      profile: options.profile,
      ...(mfaCode ? { mfaCode } : {}),
      ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
      ...(options.region ? { region: options.region } : {}),
    }),
    options.mfaCode,
  );
  if (!answer) return undefined;
  const { identity: wire } = answer;
  const identity: SessionIdentity = {
    region: wire.region,
    ...(wire.profile ? { profile: wire.profile } : { profile: options.profile }),
    ...(wire.roleArn ? { roleArn: wire.roleArn } : {}),
    ...(wire.account ? { account: wire.account } : {}),
    ...(wire.endpoint ? { endpoint: wire.endpoint } : {}),
  };
  options.before?.(identity);
  return { credentials: credentialsFromWire(answer.credentials), identity, notes: answer.notes ?? [] };
}

/** Credentials as they crossed the socket, checked: a malformed answer is said, never exported. */
export function credentialsFromWire(wire: WireCredentials): SessionCredentials {
  const expiration = wire?.expiration === undefined ? undefined : new Date(wire.expiration);
  if (
    typeof wire?.accessKeyId !== 'string' ||
    typeof wire.secretAccessKey !== 'string' ||
    (wire.sessionToken !== undefined && typeof wire.sessionToken !== 'string') ||
    (expiration !== undefined && Number.isNaN(expiration.getTime()))
  )
    throw new CommandError(
      'The rolecall agent answered credentials rolecall cannot read: restart the agent.',
    );
  return {
    accessKeyId: wire.accessKeyId,
    secretAccessKey: wire.secretAccessKey,
    ...(wire.sessionToken ? { sessionToken: wire.sessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}
