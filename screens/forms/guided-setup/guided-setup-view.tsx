// The guided setup drawn: the six steps with ✓ (done), ✗ (failed, with the words), ? (left to a
// later step to check), › (the one to do), then the current step's part: what runs now, its
// inputs, and its words (what its last check said, what to do, what Enter does), scrolled when
// taller than the room left. How much goes where is guided-setup-layout.ts's.
import { Box, Text } from 'ink';
import { TextField } from '../../../components/text-field/text-field';
import { colour, type Tone } from '../../../components/theme';
import { SETUP_STEPS, STEP_TITLES } from '../../../src/guided-setup/setup-step';
import { ScrolledRows } from '../../tour/scrolled-rows';
import { Spinner } from '../../tour/spinner';
import { notMadeYet, SETUP_TITLE, type SetupLayout } from './guided-setup-layout';
import { ALL_DONE, type GuidedSetupState, type StepMark } from './guided-setup-state';

export interface GuidedSetupViewProps {
  state: GuidedSetupState;
  layout: SetupLayout;
  /** The sandbox, or real accounts: said once at the top (in the words, when compact). */
  scope: string;
  height: number;
  onTyped: (field: 'target' | 'roleName', text: string) => void;
  onSubmit: () => void;
}

export function GuidedSetupView({ state, layout, scope, height, onTyped, onSubmit }: GuidedSetupViewProps) {
  const { mode } = layout;
  const roomy = mode === 'roomy';
  const inStep = !state.resuming && state.step !== ALL_DONE;
  return (
    <Box flexDirection="column" paddingX={1} height={height} overflow="hidden">
      {mode === 'compact' ? (
        <CompactSteps state={state} />
      ) : (
        <>
          <Text bold>{SETUP_TITLE}</Text>
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
        </>
      )}
      <Box flexDirection="column" marginTop={roomy ? 1 : 0}>
        {mode !== 'compact' && inStep && (
          <Text bold>
            Step {state.step}: {STEP_TITLES[state.step - 1]}
          </Text>
        )}
        {layout.busy && <Spinner label={layout.busy} />}
        {inStep && state.step === 1 && <ProfileChoice state={state} layout={layout} />}
        {inStep && state.step === 2 && <TargetFields state={state} onTyped={onTyped} onSubmit={onSubmit} />}
        <ScrolledRows
          rows={layout.rows}
          height={Math.min(layout.visible, layout.rows.length)}
          offset={layout.offset}
        />
        {layout.more && <Text dimColor>↓ more: PgDn</Text>}
      </Box>
    </Box>
  );
}

/** The six steps in one line, then where you are: "✓›···· step 2 of 6: A role…". */
function CompactSteps({ state }: { state: GuidedSetupState }) {
  return (
    <Text wrap="truncate-end" bold>
      {STEP_TITLES.map((title, i) => {
        const { sign, tone } = signOf(state.marks[i] ?? { kind: 'not-yet' }, state.step === i + 1);
        return (
          <Text key={title} color={colour(tone)}>
            {sign === ' ' ? '·' : sign}
          </Text>
        );
      })}{' '}
      {state.step === ALL_DONE
        ? `all ${SETUP_STEPS} steps done`
        : `step ${state.step} of ${SETUP_STEPS}: ${STEP_TITLES[state.step - 1]}`}
    </Text>
  );
}

function signOf(mark: StepMark, current: boolean): { sign: string; tone: Tone | undefined } {
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
  return { sign, tone };
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
  const { sign, tone } = signOf(mark, current);
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

function TargetFields({
  state,
  onTyped,
  onSubmit,
}: {
  state: GuidedSetupState;
  onTyped: (field: 'target' | 'roleName', text: string) => void;
  onSubmit: () => void;
}) {
  return (
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
    </Box>
  );
}

/** Step 1's profiles with keys, those that fit, the cursor's among them. */
function ProfileChoice({ state, layout }: { state: GuidedSetupState; layout: SetupLayout }) {
  const { start, end } = layout.profiles;
  const profiles = state.profiles?.slice(start, end) ?? [];
  return (
    <Box flexDirection="column">
      {profiles.map((p, i) => (
        <Text key={p.name} wrap="truncate-end" {...(start + i === state.cursor ? { bold: true } : {})}>
          {start + i === state.cursor ? '› ' : '  '}profile {p.name}
          <Text dimColor>
            {'  '}
            {p.arn ? `${p.arn}${p.user ? '' : ' (not an IAM user)'}` : (p.problem ?? 'no answer')}
          </Text>
        </Text>
      ))}
    </Box>
  );
}
