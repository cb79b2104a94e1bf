// The trusted account's side of a role: the identity policy its callers need (c copies it), the
// places it can go (a user, a group, a role of yours there: Enter shows the call and who makes
// it, Enter again makes it, u undoes it), then the ~/.aws/config profile that assumes the role,
// shown as a diff and written on y, with a backup. s skips a step; r goes to the account's roles.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { JsonPreview, jsonLines } from '../components/form/json-preview';
import { type KeyBinding, useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import { identityPolicyFor } from '../src/trusted-side/identity-policy';
import type { GrantTarget } from '../src/trusted-side/targets';
import { useAsync } from './app/hooks/use-async';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';
import {
  chosenTarget,
  initialTrustedSide,
  reduceTrustedSide,
  type TrustedSideState,
} from './forms/trusted-side/trusted-side-state';

export function TrustedSideScreen({ entry, height }: ScreenProps<'trusted-side'>) {
  const core = useCore();
  const { open, say } = useUiActions();
  const { roleArn, trustPolicy } = entry.params;
  // Under the guided setup (opened by it, or by the builder it opened): back there is the way on.
  const fromSetup = useUiState((ui) => {
    const at = ui.stack.findIndex((e) => e.id === entry.id);
    return at > 0 && ui.stack[at - 1]?.screen === 'guided-setup';
  });
  const account = /^arn:[\w-]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? '';
  const computed = useMemo(() => identityPolicyFor(roleArn, trustPolicy), [roleArn, trustPolicy]);
  const policy = computed.ok ? computed.policy : undefined;
  const side = useAsync(() => core.trustedSide(), [core]);
  const [state, dispatch] = useReducer(reduceTrustedSide, initialTrustedSide);
  const ready = side.state === 'loaded' ? side.value : undefined;

  useEffect(() => {
    if (!policy || state.step !== 'loading') return;
    // A service or federated trust: no caller of yours needs a policy, and no profile assumes it.
    if (!policy.awsCallers) {
      dispatch({ type: 'nothing' });
      return;
    }
    if (!ready) return;
    let live = true;
    ready.targets(policy).then(
      (accounts) => live && dispatch({ type: 'targets', accounts }),
      (error: unknown) =>
        live &&
        dispatch({ type: 'targets', accounts: [{ account: '', targets: [], notes: [reason(error)] }] }),
    );
    return () => {
      live = false;
    };
  }, [ready, policy, state.step]);

  const attachingTarget = state.step === 'attaching' ? chosenTarget(state) : undefined;
  useEffect(() => {
    if (!ready || !policy || !attachingTarget) return;
    const controller = new AbortController();
    ready.attach(attachingTarget, policy, controller.signal).then(
      (outcome) => dispatch({ type: 'attached', outcome }),
      (error: unknown) =>
        dispatch({
          type: 'attached',
          outcome: {
            ok: false,
            askAdmin: false,
            message: reason(error),
            call: ready.call(attachingTarget, policy),
          },
        }),
    );
    return () => controller.abort();
  }, [ready, policy, attachingTarget]);

  const wantsProposal =
    state.step === 'profile' && state.source && !state.proposal && !state.problem ? state.source : undefined;
  useEffect(() => {
    if (!ready || !policy || !wantsProposal) return;
    let live = true;
    ready.profileProposal(policy, sourceProfile(wantsProposal), wantsProposal.needs).then(
      (result) => live && dispatch({ type: 'proposal', result }),
      (error: unknown) =>
        live && dispatch({ type: 'proposal', result: { ok: false, message: reason(error) } }),
    );
    return () => {
      live = false;
    };
  }, [ready, policy, wantsProposal]);

  const writing = state.step === 'writing' ? state.proposal : undefined;
  useEffect(() => {
    if (!ready || !writing) return;
    ready.writeProfile(writing).then(
      (result) => {
        // The new profile is in the files now: the next look at the accounts and roles reads them again.
        if (result.ok) core.reload();
        dispatch({ type: 'written', result });
      },
      (error: unknown) => dispatch({ type: 'written', result: { ok: false, message: reason(error) } }),
    );
  }, [ready, writing, core]);

  const bindings: KeyBinding[] = [];
  if (policy?.awsCallers) {
    bindings.push({
      keys: ['c'],
      label: 'copy policy',
      description: 'Copy the identity policy’s JSON',
      run: () =>
        void core.clipboard.write(policy.document).then(
          () => say({ tone: 'info', text: `Copied the identity policy ${policy.name}’s JSON.` }),
          (error: unknown) =>
            say({ tone: 'error', text: `Could not copy the identity policy: ${reason(error)}` }),
        ),
    });
  }
  if (state.step === 'choose') {
    bindings.push(
      {
        keys: ['up'],
        hint: '↑↓',
        label: 'choose',
        description: 'Choose where to attach it',
        run: () => dispatch({ type: 'move', by: -1 }),
      },
      {
        keys: ['down'],
        label: 'down',
        description: 'The next place',
        footer: false,
        run: () => dispatch({ type: 'move', by: 1 }),
      },
      {
        keys: ['enter'],
        label: 'attach…',
        description: 'Show the call that attaches it here, and who makes it',
        run: () => {
          const target = chosenTarget(state);
          if (!ready || !target) return;
          void ready.writers(target.account).then(
            (writers) => dispatch({ type: 'writers', writers }),
            (error: unknown) =>
              say({
                tone: 'error',
                text: `Could not find who may write IAM in ${target.account}: ${reason(error)}`,
              }),
          );
        },
      },
    );
  }
  if (state.step === 'confirm') {
    bindings.push(
      {
        keys: ['enter'],
        label: 'attach',
        description: 'Make the call',
        run: () => dispatch({ type: 'confirm' }),
      },
      {
        keys: ['n'],
        label: 'not now',
        description: 'Choose another place',
        run: () => dispatch({ type: 'cancel' }),
      },
    );
  }
  if (state.step === 'attached' && state.outcome.ok && !state.undone && !state.outcome.already && ready) {
    const outcome = state.outcome;
    bindings.push({
      keys: ['u'],
      label: 'undo',
      description: 'Take the policy off again',
      run: () =>
        void ready.undo(outcome).then(
          (undone) =>
            undone.ok ? dispatch({ type: 'undone' }) : say({ tone: 'error', text: undone.message }),
          (error: unknown) =>
            say({
              tone: 'error',
              text: `Could not take ${outcome.call.policyName} off ${outcome.call.holder.kind} ${outcome.call.holder.name} (${reason(error)}); it may still be there.`,
            }),
        ),
    });
  }
  if (state.step === 'profile' && state.proposal) {
    bindings.push({
      keys: ['y'],
      label: 'write profile',
      description: 'Write the profile to the config file',
      run: () => dispatch({ type: 'write' }),
    });
  }
  if (['choose', 'confirm', 'attached', 'profile', 'written'].includes(state.step)) {
    bindings.push({
      keys: ['s'],
      label: state.step === 'profile' ? 'skip' : 'next',
      description: 'Skip to the next step',
      run: () => dispatch({ type: 'skip' }),
    });
  }
  if (state.step === 'written' || state.step === 'finished') {
    bindings.push({
      keys: ['r'],
      label: 'roles',
      description: `The roles of ${account}, where a assumes the new role`,
      run: () => open('roles', { account }),
    });
  }
  useKeys(bindings);

  if (!computed.ok) {
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text color={colour('error')}>{computed.message}</Text>
      </Box>
    );
  }
  if (!computed.policy.awsCallers) {
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Nothing to attach here</Text>
        <Text>
          The trust of {roleArn} admits no AWS account, user or role: no caller of yours needs sts:AssumeRole
          on it, and no config profile can assume it from one of yours.
        </Text>
        {computed.policy.notes.map((note) => (
          <Text key={note} dimColor>
            {note}
          </Text>
        ))}
        <Box marginTop={1}>
          <StepView state={state} loading={side.state === 'loading'} fromSetup={fromSetup} />
        </Box>
      </Box>
    );
  }
  // The whole document (11–15 lines) unless the steps below would lose their room (about 14
  // rows); a cut document says so, and c copies it whole.
  const lines = jsonLines(computed.policy.document).length;
  const room = Math.max(3, height - 16);
  const jsonRows = lines <= room ? lines : room - 1;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text>
        <Text bold>Identity policy {computed.policy.name}:</Text>
        <Text dimColor> what a caller needs in its own account to assume {roleArn}</Text>
      </Text>
      <JsonPreview document={computed.policy.document} height={jsonRows} />
      {jsonRows < lines && (
        <Text dimColor>
          … {lines - jsonRows} more line{lines - jsonRows === 1 ? '' : 's'}: c copies the whole policy
        </Text>
      )}
      {computed.policy.notes.map((note) => (
        <Text key={note} dimColor>
          {note}
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        <StepView state={state} loading={side.state === 'loading'} fromSetup={fromSetup} />
      </Box>
    </Box>
  );
}

function StepView({
  state,
  loading,
  fromSetup,
}: {
  state: TrustedSideState;
  loading: boolean;
  /** Opened on the way through the guided setup, which checks these steps once back. */
  fromSetup: boolean;
}) {
  switch (state.step) {
    case 'loading':
      return (
        <Text dimColor>
          {loading ? 'Loading…' : 'Finding where it can go: your identities in the trusted accounts…'}
        </Text>
      );
    case 'choose':
    case 'confirm':
    case 'attaching':
    case 'attached':
      return (
        <Box flexDirection="column">
          <Text bold>Attach it to</Text>
          {state.targets.map((t, i) => (
            <Text key={t.arn} {...(i === state.cursor ? { bold: true } : {})}>
              {i === state.cursor ? '› ' : '  '}
              {targetWords(t)}
            </Text>
          ))}
          {'notes' in state &&
            state.notes.map((n) => (
              <Text key={n} dimColor>
                {n}
              </Text>
            ))}
          <AttachStep state={state} />
        </Box>
      );
    case 'profile':
      return (
        <Box flexDirection="column">
          <Text bold>The profile that assumes it</Text>
          {state.problem && <Text color={colour('warning')}>{state.problem}</Text>}
          {!state.problem && !state.proposal && <Text dimColor>Reading the config file…</Text>}
          {state.proposal && (
            <>
              <Text>
                [profile {state.proposal.name}] in {state.proposal.edit.path}:
              </Text>
              {state.proposal.alreadyAssumedBy.length > 0 && (
                <Text dimColor>
                  Already assuming this role: profile {state.proposal.alreadyAssumedBy.join(', profile ')}.
                </Text>
              )}
              {state.proposal.edit.diff.map((line, i) => (
                <Text
                  // biome-ignore lint/suspicious/noArrayIndexKey: the diff's lines never move
                  key={i}
                  color={colour(line.kind === 'added' ? 'ok' : line.kind === 'removed' ? 'error' : undefined)}
                  dimColor={line.kind === 'context' || line.kind === 'hunk'}
                >
                  {line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' '}
                  {line.text}
                </Text>
              ))}
              <Text dimColor>y writes it (a backup of the file first), s skips.</Text>
            </>
          )}
        </Box>
      );
    case 'writing':
      return <Text dimColor>Writing {state.proposal.edit.path}…</Text>;
    case 'written':
      return state.result.ok ? (
        <Box flexDirection="column">
          <Text color={colour('ok')}>
            Wrote profile {state.proposal.name} to {state.result.path}.
          </Text>
          {state.result.backup && <Text>The file as it was is at {state.result.backup}.</Text>}
          <Text dimColor>
            {fromSetup
              ? 'Esc goes back to the guided setup, which checks these steps and goes on to the assume.'
              : 'r goes to the account’s roles, where a assumes it.'}
          </Text>
        </Box>
      ) : (
        <Text color={colour('error')}>{state.result.message}</Text>
      );
    case 'finished':
      return (
        <Text dimColor>
          {fromSetup
            ? 'Done. Esc goes back to the guided setup.'
            : 'Done. r goes to the account’s roles; Esc leaves.'}
        </Text>
      );
  }
}

function AttachStep({ state }: { state: TrustedSideState }) {
  if (state.step === 'confirm') {
    const target = chosenTarget(state);
    if (!target) return null;
    const action =
      target.kind === 'user' ? 'PutUserPolicy' : target.kind === 'group' ? 'PutGroupPolicy' : 'PutRolePolicy';
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text>
          {action} on {target.kind} {target.name} in {target.account}
        </Text>
        <Text>
          {state.writers.length
            ? `made by ${state.writers[0]}${state.writers.length > 1 ? ` (if refused, the next of: ${state.writers.slice(1).join(', ')})` : ''}`
            : `No profile or session of yours may write IAM in ${target.account}: it will say what to ask an admin.`}
        </Text>
        <Text dimColor>Enter makes the call; n chooses another place.</Text>
      </Box>
    );
  }
  if (state.step === 'attaching') return <Text dimColor>Attaching…</Text>;
  if (state.step !== 'attached') return null;
  const { outcome } = state;
  if (!outcome.ok) {
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text color={colour(outcome.askAdmin ? 'warning' : 'error')}>{outcome.message}</Text>
        {outcome.askAdmin && (
          <Text dimColor>c copies the policy to send them. s goes on to the profile.</Text>
        )}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={colour('ok')}>
        {state.undone
          ? `Undone: ${outcome.call.policyName} is off ${outcome.call.holder.kind} ${outcome.call.holder.name}.`
          : outcome.already
            ? `${outcome.call.holder.kind} ${outcome.call.holder.name} has it already, as ${outcome.call.policyName}.`
            : `${outcome.call.action} done by ${outcome.via}: ${outcome.call.holder.kind} ${outcome.call.holder.name} has ${outcome.call.policyName}.`}
      </Text>
      {outcome.note && !state.undone && <Text dimColor>{outcome.note}</Text>}
      <Text dimColor>s goes on to the profile.</Text>
    </Box>
  );
}

function targetWords(t: GrantTarget): string {
  const needs = [t.needs.mfa ? 'MFA' : '', t.needs.externalId !== undefined ? 'external ID' : ''].filter(
    Boolean,
  );
  return `${t.kind} ${t.name} in ${t.account}: ${t.why}${needs.length ? ` (the trust asks for ${needs.join(' and ')})` : ''}`;
}

/** The profile the new one assumes from: one named for the person over `default`, which is whoever AWS_PROFILE is not. */
function sourceProfile(target: GrantTarget): string {
  return target.profiles.find((p) => p !== 'default') ?? target.profiles[0] ?? '';
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
