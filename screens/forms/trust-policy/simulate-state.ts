// "Could this caller assume it?" for the role the builder is making: one of your identities (the
// callers the role details screen judges with, src/verdicts/) or an ARN typed, with or without
// MFA and an external ID, judged by the trust engine (verdictFor) on the document the form makes
// now. Pure: the panel's fields and focus, and the verdict each state gives.
import { ACCOUNT_ID } from '../../../src/aws-shapes/arn';
import { parseDuration } from '../../../src/duration';
import { type Caller, type Verdict, verdictFor } from '../../../src/policy/verdict';
import type { RoleSpec } from '../../../src/role-making/role-spec';

/** One of your identities, as the panel offers it. */
export interface NamedCaller {
  /** The profile it comes from. */
  profile: string;
  caller: Caller;
}

export interface SimulateState {
  /** Index in the callers offered; the one past the last is "an ARN typed". */
  pick: number;
  arn: string;
  mfa: boolean;
  externalId: string;
  focus: SimulateSlot;
}

export const SIMULATE_SLOTS = ['caller', 'arn', 'mfa', 'externalId'] as const;
export type SimulateSlot = (typeof SIMULATE_SLOTS)[number];

export type SimulateAction =
  | { type: 'open-simulate' }
  | { type: 'close-simulate' }
  /** ←→ on the caller: the next or previous of `callers` (and then "an ARN typed"). */
  | { type: 'simulate-pick'; by: number; callers: number }
  | { type: 'simulate-focus'; by: number }
  | { type: 'simulate-mfa' }
  | { type: 'simulate-typed'; slot: 'arn' | 'externalId'; text: string };

export function simulate(): SimulateState {
  return { pick: 0, arn: '', mfa: false, externalId: '', focus: 'caller' };
}

export function reduceSimulate(
  state: SimulateState | undefined,
  action: SimulateAction,
): SimulateState | undefined {
  if (action.type === 'open-simulate') return state ?? simulate();
  if (!state || action.type === 'close-simulate') return undefined;
  switch (action.type) {
    case 'simulate-pick':
      return { ...state, pick: Math.min(Math.max(0, state.pick + action.by), action.callers) };
    case 'simulate-focus': {
      const at = SIMULATE_SLOTS.indexOf(state.focus);
      const n = SIMULATE_SLOTS.length;
      return { ...state, focus: SIMULATE_SLOTS[(((at + action.by) % n) + n) % n] ?? 'caller' };
    }
    case 'simulate-mfa':
      return { ...state, mfa: !state.mfa };
    case 'simulate-typed':
      return { ...state, [action.slot]: action.text };
  }
}

/** The role's ARN once made (a placeholder name until one is typed: the trust policy does not depend on it). */
export function newRoleArn(account: string, role: RoleSpec): string {
  const path = role.path.trim() || '/';
  return `arn:aws:iam::${account}:role${path.startsWith('/') ? '' : '/'}${path}${path.endsWith('/') ? '' : '/'}${role.name.trim() || 'NewRole'}`;
}

/** A caller from an ARN typed: a user, a role (its session), or an assumed-role session. */
export function callerFromArn(arn: string): Caller | undefined {
  const text = arn.trim();
  const iam = /^arn:(aws[\w-]*):iam::(\d{12}):(user|role)\/(?:[\x21-\x7E]*\/)?([\w+=,.@-]{1,64})$/.exec(text);
  if (iam) {
    const [, partition, account = '', kind, name] = iam;
    if (kind === 'user') return { arn: text, account, principalArn: text, mfa: false, chained: false };
    return {
      arn: `arn:${partition}:sts::${account}:assumed-role/${name}/rolecall`,
      account,
      principalArn: text,
      mfa: false,
      chained: true,
    };
  }
  const session = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/.exec(text);
  if (session) {
    const [, partition, account = '', role] = session;
    return {
      arn: text,
      account,
      principalArn: `arn:${partition}:iam::${account}:role/${role}`,
      mfa: false,
      chained: true,
    };
  }
  if (ACCOUNT_ID.test(text))
    return {
      arn: `arn:aws:iam::${text}:root`,
      account: text,
      principalArn: `arn:aws:iam::${text}:root`,
      mfa: false,
      chained: false,
    };
  return undefined;
}

/** The caller the panel judges: the identity picked, or the ARN typed; undefined when neither is usable. */
export function simulatedCaller(state: SimulateState, callers: readonly NamedCaller[]): Caller | undefined {
  const picked = state.pick < callers.length ? callers[state.pick]?.caller : callerFromArn(state.arn);
  return picked && { ...picked, mfa: state.mfa };
}

export type SimulateResult =
  | { kind: 'verdict'; verdict: Verdict; as: string }
  | { kind: 'no-caller'; text: string };

/** The trust engine's verdict on the document the form makes now, for the caller as set. */
export function simulateVerdict(options: {
  state: SimulateState;
  callers: readonly NamedCaller[];
  account: string;
  role: RoleSpec;
  /** The role's ARN when it exists (a role's trust edited); else made from the form's name and path. */
  roleArn?: string;
  trustPolicy: string;
  now: number;
}): SimulateResult {
  const { state, callers, account, role, trustPolicy, now } = options;
  const caller = simulatedCaller(state, callers);
  if (!caller)
    return {
      kind: 'no-caller',
      text:
        state.pick < callers.length
          ? 'Pick one of your identities.'
          : state.arn.trim()
            ? `"${state.arn.trim()}" is not a user’s, a role’s or a role session’s ARN, nor an account ID.`
            : 'Type the ARN of a user, a role or a role session.',
    };
  const maxSessionSeconds = parseDuration(role.maxSession) ?? 3600;
  const verdict = verdictFor(
    { arn: options.roleArn ?? newRoleArn(account, role), account, maxSessionSeconds, trustPolicy },
    caller,
    {
      durationSeconds: 3600,
      now,
      ...(state.externalId.trim() ? { externalId: state.externalId.trim() } : {}),
    },
  );
  return { kind: 'verdict', verdict, as: caller.arn };
}
