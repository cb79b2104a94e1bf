// The guided setup drawn: the six steps with ✓ (done), ✗ (failed, with the words), ? (left to a
// later step to check), › (the one to do), then the current step's part: its inputs, what its
// last check said and what to check, and what Enter does.
import { Box, Text } from 'ink';
import { TextField } from '../../../components/text-field/text-field';
import { colour } from '../../../components/theme';
import { SETUP_STEPS, STEP_TITLES, type StepCheck } from '../../../src/guided-setup/setup-step';
import { ALL_DONE, currentCheck, type GuidedSetupState, type StepMark } from './guided-setup-state';

export interface GuidedSetupViewProps {
  state: GuidedSetupState;
  /** The sandbox, or real accounts: said once at the top. */
  scope: string;
  /** What Enter does now, in words. */
  enter: string | undefined;
  /** Room for each ticked step's words on a line of their own, and the step's explanation. */
  roomy: boolean;
  /** Known accounts for step 2, "333333333333 (prod)". */
  accounts: readonly string[];
  onTyped: (field: 'target' | 'roleName', text: string) => void;
  onSubmit: () => void;
}

export function GuidedSetupView({
  state,
  scope,
  roomy,
  enter,
  accounts,
  onTyped,
  onSubmit,
}: GuidedSetupViewProps) {
  const check = currentCheck(state);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>From who you are to a shell in a role of another account, in six steps</Text>
      <Text dimColor wrap={roomy ? 'wrap' : 'truncate-end'}>
        {scope}
      </Text>
      {state.notice && (
        <Text color={colour('warning')} wrap="wrap">
          {state.notice}
        </Text>
      )}
      <Box flexDirection="column" marginTop={roomy ? 1 : 0}>
        {STEP_TITLES.map((title, i) => (
          <StepLine
            key={title}
            roomy={roomy}
            number={i + 1}
            title={title}
            mark={state.marks[i] ?? { kind: 'not-yet' }}
            current={state.step === i + 1}
          />
        ))}
      </Box>
      <Box flexDirection="column" marginTop={roomy ? 1 : 0}>
        {state.resuming ? (
          <Text dimColor>Checking the steps done before, in order…</Text>
        ) : state.step === ALL_DONE ? (
          <Text color={colour('ok')} wrap="wrap">
            All {SETUP_STEPS} steps done: profile {state.choices.profile} assumes {state.choices.roleName} in{' '}
            {state.choices.target} with your MFA code, and its shell is the role.
          </Text>
        ) : (
          <CurrentStep
            state={state}
            roomy={roomy}
            check={check}
            accounts={accounts}
            onTyped={onTyped}
            onSubmit={onSubmit}
          />
        )}
        {enter && !state.resuming && <Text dimColor>Enter {enter}.</Text>}
      </Box>
    </Box>
  );
}

function StepLine({
  number,
  title,
  mark,
  current,
  roomy,
}: {
  number: number;
  title: string;
  mark: StepMark;
  current: boolean;
  roomy: boolean;
}) {
  const check = mark.kind === 'checked' ? mark.check : undefined;
  const toDo = check !== undefined && notMadeYet(check);
  const sign =
    mark.kind === 'checking'
      ? '…'
      : check?.state === 'ok'
        ? '✓'
        : toDo
          ? current
            ? '›'
            : '·'
          : check?.state === 'failed'
            ? '✗'
            : check?.state === 'unchecked'
              ? '?'
              : current
                ? '›'
                : ' ';
  const tone = check?.state === 'ok' ? 'ok' : check?.state === 'failed' && !toDo ? 'error' : undefined;
  if (!roomy)
    // One line a step: its words after the title, cut at the edge.
    return (
      <Text wrap="truncate-end" {...(current ? { bold: true } : {})}>
        <Text color={colour(tone)}>{sign}</Text> {number}. {title}
        {mark.kind === 'checking' ? <Text dimColor> checking…</Text> : null}
        {check && !current ? <Text dimColor>: {check.words}</Text> : null}
      </Text>
    );
  return (
    <Box flexDirection="column">
      <Text {...(current ? { bold: true } : {})}>
        <Text color={colour(tone)}>{sign}</Text> {number}. {title}
        {mark.kind === 'checking' ? <Text dimColor> checking…</Text> : null}
      </Text>
      {check && !current && (
        <Box paddingLeft={5} flexDirection="column">
          <Text dimColor wrap="wrap">
            {check.words}
          </Text>
          {check.state === 'ok' &&
            check.notes?.map((note) => (
              <Text key={note} color={colour('warning')} wrap="wrap">
                ! {note}
              </Text>
            ))}
        </Box>
      )}
    </Box>
  );
}

function CurrentStep({
  state,
  roomy,
  check,
  accounts,
  onTyped,
  onSubmit,
}: {
  state: GuidedSetupState;
  roomy: boolean;
  check: StepCheck | undefined;
  accounts: readonly string[];
  onTyped: (field: 'target' | 'roleName', text: string) => void;
  onSubmit: () => void;
}) {
  return (
    <Box flexDirection="column">
      <Text bold>
        Step {state.step}: {STEP_TITLES[state.step - 1]}
      </Text>
      {roomy && <Text wrap="wrap">{STEP_HELP[state.step - 1]}</Text>}
      {state.step === 1 && <ProfileChoice state={state} />}
      {state.step === 2 && (
        <Box flexDirection="column">
          <Text>
            <Text {...(state.field === 'target' ? { bold: true } : { dimColor: true })}>
              {state.field === 'target' ? '› ' : '  '}Account ID{' '}
            </Text>
            <TextField
              value={state.target}
              onChange={(text) => onTyped('target', text)}
              onSubmit={onSubmit}
              allow={/\d/}
              maxLength={12}
              placeholder="12 digits"
              isActive={state.field === 'target'}
            />
          </Text>
          <Text>
            <Text {...(state.field === 'roleName' ? { bold: true } : { dimColor: true })}>
              {state.field === 'roleName' ? '› ' : '  '}Role name{'  '}
            </Text>
            <TextField
              value={state.roleName}
              onChange={(text) => onTyped('roleName', text)}
              onSubmit={onSubmit}
              allow={/[\w+=,.@-]/}
              maxLength={64}
              placeholder="Onboarding"
              isActive={state.field === 'roleName'}
            />
          </Text>
          {accounts.length > 0 && <Text dimColor>Your accounts: {accounts.join(', ')}</Text>}
          {state.problem && <Text color={colour('error')}>{state.problem}</Text>}
        </Box>
      )}
      {check && <CheckWords check={check} />}
    </Box>
  );
}

function ProfileChoice({ state }: { state: GuidedSetupState }) {
  if (!state.profiles) return <Text dimColor>Asking AWS whose keys each profile holds…</Text>;
  if (state.profiles.length === 0)
    return (
      <Text color={colour('warning')} wrap="wrap">
        No profile has keys of its own: put your access keys in your credentials file (aws configure), then
        come back.
      </Text>
    );
  return (
    <Box flexDirection="column">
      {state.profiles.map((p, i) => (
        <Text key={p.name} {...(i === state.cursor ? { bold: true } : {})}>
          {i === state.cursor ? '› ' : '  '}profile {p.name}
          <Text dimColor>
            {'  '}
            {p.arn ? `${p.arn}${p.user ? '' : ' (not an IAM user)'}` : (p.problem ?? 'no answer')}
          </Text>
        </Text>
      ))}
    </Box>
  );
}

function CheckWords({ check }: { check: StepCheck }) {
  if (check.state === 'ok')
    return (
      <Box flexDirection="column">
        <Text color={colour('ok')} wrap="wrap">
          ✓ {check.words}
        </Text>
        {check.notes?.map((note) => (
          <Text key={note} color={colour('warning')} wrap="wrap">
            ! {note}
          </Text>
        ))}
      </Box>
    );
  if (check.state === 'unchecked')
    return (
      <Text color={colour('warning')} wrap="wrap">
        ? {check.words}
      </Text>
    );
  if (notMadeYet(check))
    return (
      <Box flexDirection="column">
        <Text wrap="wrap">{check.words}</Text>
        <Text wrap="wrap">Next: {check.fix}</Text>
      </Box>
    );
  return (
    <Box flexDirection="column">
      <Text color={colour('error')} wrap="wrap">
        ✗ {check.words}
      </Text>
      <Text wrap="wrap">What to do: {check.fix}</Text>
    </Box>
  );
}

/**
 * A step whose own check found its work not done yet (no role, no profile, no session): on a
 * first walk that is the next thing to do, not a failure, so it is not marked ✗ in red. A
 * refused assume sending the person back (backTo) is a failure, and is.
 */
function notMadeYet(check: StepCheck): boolean {
  return check.state === 'failed' && check.missing === true && check.backTo === undefined;
}

/** What each step is, in plain words. */
const STEP_HELP = [
  'The profile with your own access keys: an IAM user in the account where your user lives. rolecall asks AWS who each one is (GetCallerIdentity).',
  'The account to work in, and a role there that trusts your account, with an MFA code required. rolecall looks for it (GetRole) and judges its trust policy; when there is none, Enter opens the trust-policy builder filled in, then shows every IAM call before it is made.',
  'In your own account, a policy that allows you sts:AssumeRole on the role: without it AWS refuses the assume whatever the role’s trust says. Checked with SimulatePrincipalPolicy; the role’s trusted side puts it on your user (PutUserPolicy), shown before it is made.',
  'A profile in your AWS config that assumes the role from your keys, with your MFA device (role_arn, source_profile, mfa_serial). The trusted side writes it, shown as a diff first, with a backup of the file.',
  'Assume the role through the new profile: the MFA form asks for your code. The session then counts down on the dashboard.',
  'A shell with the session’s credentials: rolecall runs aws sts get-caller-identity with exactly that shell’s environment, and it must answer the role.',
] as const;
