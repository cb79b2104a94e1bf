// Creating the role the builder made: every call listed in order with who makes them, blocked by
// what IAM would refuse; then each call's progress; on a failure midway, what exists now and an
// undo of exactly what was made (or Esc, leaving it as it is, said in words). The state machine
// is screens/forms/create-role/create-role-state.ts; the calls are the core's (src/role-making).
import { Box, Text, useApp } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type KeyBinding, useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import { creationPlan } from '../src/role-making/creation-plan';
import type { CallProgress } from '../src/role-making/creation-run';
import { roleSpecProblems } from '../src/role-making/role-spec-problems';
import { checkTrustPolicy } from '../src/trust-policy/checks';
import { principalArnsIn } from '../src/trust-policy/principal-arns';
import { useFormState } from './app/hooks/use-form-state';
import { usePrincipalLookups } from './app/hooks/use-principal-lookups';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useQuit } from './app/shell/use-quit';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';
import {
  type CreateRoleEvent,
  type CreateRoleState,
  createRoleReducer,
  initialCreateRoleState,
} from './forms/create-role/create-role-state';
import { newRoleFormKey } from './trust-policy-screen';

type Caller = { state: 'finding' } | { state: 'found'; via: string } | { state: 'none'; why: string };

export function CreateRoleScreen({ entry }: ScreenProps<'create-role'>) {
  const { roleMaking } = useCore();
  const { back, openInstead, forgetForm, say, ask } = useUiActions();
  const quit = useQuit(useApp().exit);
  const { account, name, trustPolicy, role } = entry.params;
  const where = name ?? account;
  const [stored, update] = useFormState<CreateRoleState>(`create-role:${entry.id}`);
  const state = stored ?? initialCreateRoleState;
  const dispatch = (event: CreateRoleEvent) =>
    update((s) => createRoleReducer(s ?? initialCreateRoleState, event));
  /**
   * Moves on only from `phase`, as the store has it now: a second Enter typed before the page is
   * drawn again must not start the calls twice.
   */
  const startFrom = (phase: CreateRoleState['phase'], event: CreateRoleEvent): boolean => {
    let started = false;
    update((s) => {
      const now = s ?? initialCreateRoleState;
      if (now.phase !== phase) return now;
      started = true;
      return createRoleReducer(now, event);
    });
    return started;
  };
  const stop = useRef<AbortController | undefined>(undefined);

  const plan = useMemo(() => creationPlan(account, role, trustPolicy), [account, role, trustPolicy]);
  // A user or role it names that IAM says does not exist blocks, as in the form.
  const arns = useMemo(() => principalArnsIn(trustPolicy), [trustPolicy]);
  const knownPrincipal = usePrincipalLookups(arns);
  const trustFindings = checkTrustPolicy(trustPolicy, { account, knownPrincipal });
  const warnings = trustFindings.filter((f) => f.severity === 'warning').length;
  const blocking = useMemo(
    () => [
      ...roleSpecProblems(role).map(
        (p) => `${FIELD_NAMES[p.field]}${p.index !== undefined ? ` ${p.index + 1}` : ''}: ${p.problem}`,
      ),
      ...trustFindings.filter((f) => f.severity === 'error').map((f) => `Trust policy: ${f.message}`),
    ],
    [role, trustFindings],
  );

  const [caller, setCaller] = useState<Caller>({ state: 'finding' });
  useEffect(() => {
    let live = true;
    roleMaking.caller(account).then(
      (found) =>
        live &&
        setCaller(
          found
            ? { state: 'found', via: found.via }
            : {
                state: 'none',
                why: `Nobody here may call IAM in ${where}: assume a role there that may create roles, then open this again.`,
              },
        ),
      (error: unknown) =>
        live && setCaller({ state: 'none', why: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [roleMaking, account, where]);

  const create = () => {
    if (blocking.length || caller.state !== 'found') return;
    if (
      !startFrom('confirm', {
        type: 'run',
        calls: plan.calls.map((c) => ({ summary: c.summary, state: 'waiting' })),
      })
    ) {
      return;
    }
    const controller = new AbortController();
    stop.current = controller;
    roleMaking
      .create(plan, {
        signal: controller.signal,
        onProgress: (calls) => dispatch({ type: 'progress', calls }),
      })
      .then(
        (outcome) => {
          // The role is made: n on the account starts a new one rather than bringing this back.
          if (outcome.state === 'created') forgetForm(newRoleFormKey(account));
          // Who made them, when IAM refused the first writer: "session dev-admin (profile dev-developer may not)".
          const refused = outcome.refused.length ? ` (${outcome.refused.join(', ')} may not)` : '';
          setCaller({ state: 'found', via: `${outcome.via}${refused}` });
          dispatch({ type: 'finished', outcome });
        },
        (error: unknown) => dispatch({ type: 'could-not-start', problem: messageOf(error) }),
      );
  };

  const undo = () => {
    if (state.phase !== 'failed' || !state.made.length) return;
    const made = state.made;
    if (!startFrom('failed', { type: 'undo' })) return;
    const controller = new AbortController();
    stop.current = controller;
    roleMaking
      .undo(account, made, {
        signal: controller.signal,
        onProgress: (calls) => dispatch({ type: 'undo-progress', calls }),
      })
      .then(
        (outcome) => dispatch({ type: 'undo-finished', outcome }),
        (error: unknown) => dispatch({ type: 'undo-could-not-start', problem: messageOf(error) }),
      );
  };

  const keys: KeyBinding[] = [];
  if (state.phase === 'confirm') {
    keys.push(
      { keys: ['enter', 'y'], label: 'create', description: 'Make these calls, in this order', run: create },
      { keys: ['escape'], label: 'back', description: 'Back to the role’s form, making nothing', run: back },
    );
  } else if (state.phase === 'running' || state.phase === 'undoing') {
    keys.push({
      keys: ['escape'],
      label: 'stop',
      description: 'Stop after the call under way (it is not cut short: its outcome would be unknown)',
      run: () => {
        stop.current?.abort();
        dispatch({ type: 'stop' });
      },
    });
  } else if (state.phase === 'done') {
    keys.push({
      keys: ['enter'],
      label: 'continue',
      description: 'Go on to the trusted side: the policy its callers need, and a profile that assumes it',
      // In place of the builder and this page: Esc from the trusted side goes back to the accounts.
      run: () => openInstead(2, 'trusted-side', { roleArn: state.roleArn, trustPolicy }),
    });
  } else if (state.phase === 'failed') {
    if (state.made.length) {
      keys.push({ keys: ['u'], label: 'undo', description: 'Remove what was made, newest first', run: undo });
    }
    keys.push({
      keys: ['escape'],
      label: 'leave it',
      description: 'Leave what was made as it is, and go back',
      run: () => {
        if (state.exists.length) {
          say({ tone: 'warning', text: `Left in ${where} as it is: ${state.exists.join(', ')}.` });
        }
        back();
      },
    });
  } else {
    keys.push({
      keys: ['escape', 'enter'],
      label: 'back',
      description: 'Back to the role’s form',
      run: back,
    });
  }
  // q asks first while the role is half-made (Ctrl-C, the app's, still quits at once).
  const halfMade = halfMadeWords(state);
  if (halfMade !== undefined) {
    keys.push({
      keys: ['q'],
      label: 'quit',
      description: 'Quit (asks first: the role is half-made)',
      footer: false,
      run: () =>
        ask({
          text:
            state.phase === 'failed'
              ? `Leave ${plan.roleName} half-made (${halfMade})? u undoes it.`
              : `Quit while ${state.phase === 'undoing' ? 'undoing' : 'making'} ${plan.roleName}? It may be left half-made: the call under way may still take effect, and no other is made.`,
          yes: 'quit',
          action: quit,
        }),
    });
  }
  useKeys(keys);

  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>
        {titleOf(state)} {plan.roleName || '(no name)'} in {where}
      </Text>
      <Text dimColor>{plan.roleArn}</Text>
      <Box marginTop={1}>
        <Text>
          {state.phase === 'confirm' ? 'These calls, in this order, made as ' : 'Made as '}
          <CallerText caller={caller} />:
        </Text>
      </Box>
      <Calls
        calls={
          'calls' in state ? state.calls : plan.calls.map((c) => ({ summary: c.summary, state: 'waiting' }))
        }
        numbered={state.phase === 'confirm'}
      />
      {state.phase === 'confirm' && warnings > 0 && (
        <Text color={colour('warning')}>
          {warnings === 1
            ? 'The trust policy has a warning (shown in the form): it is kept, and does not block.'
            : `The trust policy has ${warnings} warnings (shown in the form): they are kept, and do not block.`}
        </Text>
      )}
      {state.phase === 'confirm' && (
        <ConfirmFooter blocking={blocking} caller={caller} problem={state.problem} />
      )}
      {state.phase === 'running' && state.stopping && (
        <Text dimColor>Stopping after the call under way…</Text>
      )}
      {state.phase === 'done' && (
        <Box marginTop={1}>
          <Text color={colour('ok')}>
            Role {plan.roleName} created in {where} ({state.roleArn}). Enter goes on.
          </Text>
        </Box>
      )}
      {(state.phase === 'failed' || state.phase === 'undoing') && (
        <Box flexDirection="column" marginTop={1}>
          {'error' in state && state.error && <Text color={colour('error')}>{state.error}</Text>}
          {state.phase === 'failed' && !state.error && (
            <Text color={colour('warning')}>Stopped before every call was made.</Text>
          )}
          <Text>
            What exists now:{' '}
            {state.exists.length ? `${state.exists.join(', ')}.` : 'nothing; no role was made.'}
          </Text>
          {state.phase === 'failed' && state.made.length > 0 && (
            <Text dimColor>u removes exactly that, newest first; Esc leaves it as it is.</Text>
          )}
        </Box>
      )}
      {(state.phase === 'undoing' || state.phase === 'undone') && (
        <Box flexDirection="column" marginTop={1}>
          <Text>Undoing:</Text>
          <Calls calls={state.undoCalls} numbered={false} />
        </Box>
      )}
      {state.phase === 'undone' && (
        <Box marginTop={1}>
          {state.left.length ? (
            <Text color={colour('warning')}>Still there: {state.left.join('; ')}</Text>
          ) : (
            <Text color={colour('ok')}>
              Undone: nothing that was made is left. Esc goes back to the form.
            </Text>
          )}
        </Box>
      )}
    </Box>
  );
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  path: 'Path',
  description: 'Description',
  maxSession: 'Maximum session',
  tags: 'Tag',
  managedPolicies: 'Managed policy',
  inlinePolicy: 'Inline policy',
  inlinePolicyName: 'Inline policy name',
  permissionsBoundary: 'Permissions boundary',
};

function titleOf(state: CreateRoleState): string {
  switch (state.phase) {
    case 'confirm':
      return 'Create';
    case 'running':
      return 'Creating';
    case 'done':
      return 'Created';
    case 'failed':
      return 'Not all made:';
    case 'undoing':
      return 'Undoing';
    case 'undone':
      return 'Undone:';
  }
}

const MARKS: Record<CallProgress['state'], { mark: string; tone?: 'ok' | 'error' | 'accent' }> = {
  waiting: { mark: '·' },
  running: { mark: '…', tone: 'accent' },
  done: { mark: '✓', tone: 'ok' },
  failed: { mark: '✗', tone: 'error' },
  'not-run': { mark: '–' },
};

function Calls({ calls, numbered }: { calls: readonly CallProgress[]; numbered: boolean }) {
  return (
    <Box flexDirection="column">
      {calls.map((call, index) => {
        const { mark, tone } = MARKS[call.state];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the calls are a fixed list, in order
          <Box key={index}>
            <Box width={4} flexShrink={0}>
              <Text color={colour(tone)}>{numbered ? `${index + 1}.` : mark}</Text>
            </Box>
            <Text wrap="wrap" dimColor={call.state === 'not-run'}>
              {call.summary}
              {call.state === 'not-run' ? ' (not made)' : ''}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

function CallerText({ caller }: { caller: Caller }) {
  if (caller.state === 'finding') return <Text dimColor>finding who may call IAM here…</Text>;
  if (caller.state === 'none') return <Text color={colour('error')}>nobody</Text>;
  return <Text bold>{caller.via}</Text>;
}

function ConfirmFooter({
  blocking,
  caller,
  problem,
}: {
  blocking: readonly string[];
  caller: Caller;
  problem?: string | undefined;
}) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {caller.state === 'none' && <Text color={colour('error')}>{caller.why}</Text>}
      {problem && <Text color={colour('error')}>{problem}</Text>}
      {blocking.length > 0 ? (
        <>
          <Text color={colour('error')}>IAM would refuse this; fix it in the form (Esc) first:</Text>
          {blocking.map((line) => (
            <Text key={line} color={colour('error')} wrap="wrap">
              {'  '}• {line}
            </Text>
          ))}
        </>
      ) : (
        caller.state === 'found' && <Text>Enter or y makes them; Esc goes back.</Text>
      )}
    </Box>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What of the role exists when quitting would leave it half-made: failed with something made
 * (what), running or undoing (''); undefined when quitting leaves nothing half-made.
 */
function halfMadeWords(state: CreateRoleState): string | undefined {
  if (state.phase === 'failed') return state.exists.length ? state.exists.join(', ') : undefined;
  return state.phase === 'running' || state.phase === 'undoing' ? '' : undefined;
}
