// Assuming a role: how long (capped to what AWS allows, and why), the session name, the region
// and an external ID (filled in when remembered). Enter assumes; the MFA screen comes up when a
// code is needed; the new session then shows on the dashboard.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useTypeAhead } from '../components/field-keys';
import { useKeys } from '../components/keymap';
import { TEXT_FIELD_KEYS, TextField } from '../components/text-field/text-field';
import { colour } from '../components/theme';
import type { AssumeChoices, AssumeDefaults } from '../src/assuming/assume-defaults';
import { describeAwsError, type ErrorContext } from '../src/aws/errors';
import { EXTERNAL_ID, REGION, SESSION_NAME } from '../src/aws-shapes/request-fields';
import { MIN_SESSION_SECONDS } from '../src/aws-shapes/session-limits';
import { formatDuration, parseDuration } from '../src/duration';
import { MfaCancelled } from '../src/mfa/mfa-prompt';
import { rowKey } from '../src/role-listing/role-rows';
import { rowVerdict } from '../src/verdicts/row-verdict';
import { useAsync } from './app/hooks/use-async';
import { useSessionShell } from './app/hooks/use-session-actions';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';

const FIELDS = [
  { key: 'duration', label: 'Duration', placeholder: '1h' },
  { key: 'sessionName', label: 'Session name', placeholder: 'rolecall-you' },
  { key: 'region', label: 'Region', placeholder: 'us-east-1' },
  { key: 'externalId', label: 'External ID', placeholder: 'only if the role asks for one' },
] as const;
type FieldKey = (typeof FIELDS)[number]['key'];

/** Below this many rows the form drops its spacing and the ARN line. */
const ROOMY_ROWS = 12;

export function AssumeScreen({ entry, height }: ScreenProps) {
  const roomy = height >= ROOMY_ROWS;
  const { roleListing, verdicts, assuming, sessions, clock } = useCore();
  const { setDraft, clearDraft, backToHome, select, say } = useUiActions();
  const openShell = useSessionShell();
  const thenShell = entry.params.andThen === 'shell';
  const account = entry.params.account ?? '';
  const arn = entry.params.arn ?? '';
  // Two profiles for one role are two ways in: everything here is the profile's, not the ARN's.
  const key = rowKey(arn, entry.params.profile);
  const row = roleListing.row(account, key);
  const defaults = useAsync(async () => {
    if (!row) return undefined;
    return { defaults: await assuming.defaults(row), caller: await verdicts.callerFor(row) };
  }, [row]);
  const [focus, setFocus] = useState(0);
  // The MFA screen replaces this one while a code is asked for, so what outlives it (an assume
  // under way, its failure) is kept in the core and the UI store, not in this component.
  const [busy, setBusy] = useState(() => assuming.isAssuming(key));
  useEffect(() => {
    let mounted = true;
    const done = () => mounted && setBusy(false);
    // Its outcome is handled where it was started; here only the end of it matters.
    assuming.assumingNow(key)?.then(done, done);
    return () => {
      mounted = false;
    };
  }, [assuming, key]);
  const problemKey = `assume:${key}:problem`;
  const problem = useUiState((s) => s.drafts[problemKey]);
  const setProblem = (text: string | undefined) =>
    text ? setDraft(problemKey, text) : clearDraft(problemKey);
  const drafts = useUiState((s) => s.drafts);
  const homeId = useUiState((s) => s.stack[0]?.id ?? '');
  const loaded = defaults.state === 'loaded' ? defaults.value : undefined;
  const draftKey = (field: FieldKey) => `assume:${key}:${field}`;
  const fieldValue = (field: FieldKey): string => {
    const draft = drafts[draftKey(field)];
    if (draft !== undefined) return draft;
    const d = loaded?.defaults;
    if (!d) return '';
    if (field === 'duration') return formatDuration(d.durationSeconds);
    return d[field] ?? '';
  };

  const submit = () => {
    if (defaults.state === 'failed') {
      defaults.reload();
      return;
    }
    // The core's own guard: a second Enter can come before this screen re-renders.
    if (!row || !loaded || assuming.isAssuming(key)) return;
    const checked = check(fieldValue, loaded.defaults);
    if (typeof checked === 'string') {
      setProblem(checked);
      // On a short terminal the form's own problem line is below what fits.
      if (!roomy) say({ tone: 'error', text: checked });
      return;
    }
    setProblem(undefined);
    setBusy(true);
    const verdict = rowVerdict(row, loaded.caller, {
      durationSeconds: checked.durationSeconds,
      ...(checked.externalId ? { externalId: checked.externalId } : {}),
      sessionName: checked.sessionName,
      now: clock.now(),
    });
    assuming.assume(row, checked).then(
      ({ session, notes }) => {
        for (const field of FIELDS) clearDraft(draftKey(field.key));
        clearDraft(problemKey);
        backToHome();
        // The dashboard opens with the cursor on the new session.
        select(
          homeId,
          sessions.list().findIndex((s) => s.id === session.id),
        );
        if (notes.length) say({ tone: 'info', text: notes.join(' ') });
        if (thenShell) openShell(session);
      },
      (error: unknown) => {
        setBusy(false);
        if (error instanceof MfaCancelled) {
          say({ tone: 'info', text: `Not assumed: no MFA code was given.` });
          return;
        }
        const { message } = describeAwsError(error, {
          doing: `assume ${row.name}`,
          trust: trustReading(verdict.kind),
        });
        setProblem(message);
        say({ tone: 'error', text: message });
      },
    );
  };

  useKeys(
    [
      defaults.state === 'failed'
        ? {
            keys: ['enter'],
            label: 'ask again',
            description: 'Ask AWS again what this role allows',
            run: submit,
          }
        : {
            keys: ['enter'],
            label: 'assume',
            description: 'Assume the role with these choices',
            run: submit,
          },
      {
        keys: ['tab', 'down'],
        hint: 'Tab',
        label: 'next field',
        description: 'Go to the next field',
        run: () => setFocus((f) => (f + 1) % FIELDS.length),
      },
      {
        keys: ['up'],
        label: 'previous field',
        description: 'Go to the previous field',
        run: () => setFocus((f) => (f + FIELDS.length - 1) % FIELDS.length),
        footer: false,
      },
      ...TEXT_FIELD_KEYS,
    ],
    { capturesText: true },
  );
  // A duration typed while AWS is asked what the role allows lands in the field once it is drawn.
  useTypeAhead(defaults.state === 'loading');

  if (!row)
    return (
      <Text color={colour('warning')}>This role is not in the account’s list any more. Esc goes back.</Text>
    );
  if (defaults.state === 'loading') return <Text dimColor> Working out what this role allows…</Text>;
  // No defaults to fall back on that the core did not decide (the cap, the region, the session
  // name): what failed, and asking again, are what this screen can offer.
  if (defaults.state === 'failed')
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Assume {row.name}</Text>
        <Text color={colour('error')} wrap="wrap">
          ✗ {describeAwsError(defaults.error, { doing: 'work out what this role allows' }).message}
        </Text>
        <Text dimColor>Enter asks again; Esc goes back.</Text>
      </Box>
    );
  const d = loaded?.defaults;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>
        Assume {row.name}
        {thenShell ? ', then open a shell with its credentials' : ''}
      </Text>
      {roomy && (
        <Text dimColor wrap="truncate-end">
          {row.arn}
          {row.profile ? `, profile ${row.profile.name}` : ''}
        </Text>
      )}
      {roomy && <Text> </Text>}
      {FIELDS.map((field, index) => (
        <Box key={field.key}>
          <Text color={colour('accent')}>{index === focus ? '› ' : '  '}</Text>
          <Box width={14} flexShrink={0}>
            <Text bold={index === focus}>{field.label}</Text>
          </Box>
          <TextField
            value={fieldValue(field.key)}
            placeholder={field.placeholder}
            isActive={index === focus && !busy}
            onChange={(text) => {
              setDraft(draftKey(field.key), text);
              setProblem(undefined);
            }}
          />
        </Box>
      ))}
      {roomy && <Text> </Text>}
      {/* What happened comes before the note on the cap: on a short terminal the last lines go. */}
      {busy ? (
        <Text dimColor>Assuming…</Text>
      ) : problem ? (
        <Text color={colour('error')} wrap="wrap">
          ✗ {problem}
        </Text>
      ) : (
        <Text dimColor>Enter assumes; Tab moves between fields; Esc goes back.</Text>
      )}
      {d && (
        <Text dimColor wrap="wrap">
          At most {formatDuration(d.maxSeconds)}: {d.capReason}.
          {d.externalIdFrom === 'remembered' ? ' The external ID is the one that worked last time.' : ''}
        </Text>
      )}
    </Box>
  );
}

/** The form's values as AssumeRole takes them, or what is wrong with them. */
function check(fieldValue: (field: FieldKey) => string, defaults: AssumeDefaults): AssumeChoices | string {
  const duration = parseDuration(fieldValue('duration'));
  if (duration === undefined) return 'Duration: type it as 1h, 90m or 3600.';
  if (duration < MIN_SESSION_SECONDS) return 'Duration: AWS gives at least 15 minutes (15m).';
  if (duration > defaults.maxSeconds)
    return `Duration: at most ${formatDuration(defaults.maxSeconds)}, because ${defaults.capReason}.`;
  const sessionName = fieldValue('sessionName').trim();
  if (!SESSION_NAME.test(sessionName))
    return 'Session name: 2 to 64 letters, digits or + = , . @ _ - characters.';
  const region = fieldValue('region').trim();
  if (!REGION.test(region)) return `Region: "${region}" is not a region name like eu-west-1.`;
  const externalId = fieldValue('externalId').trim();
  if (externalId && !EXTERNAL_ID.test(externalId))
    return 'External ID: 2 to 1224 letters, digits or + = , . @ : / _ - characters.';
  return { durationSeconds: duration, sessionName, region, ...(externalId ? { externalId } : {}) };
}

function trustReading(kind: string): ErrorContext['trust'] {
  if (kind === 'assumable' || kind === 'duration-capped') return 'allows';
  // A code is asked for these, so a refusal after it is not for want of one.
  if (kind === 'needs-mfa') return undefined;
  if (kind === 'denied' || kind === 'dangling') return 'denies';
  return undefined;
}
