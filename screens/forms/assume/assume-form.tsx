// The assume form as drawn: the role, its four fields, then what happened (assuming, what is
// wrong) before the note on the cap, since on a short terminal the last lines go. What it does
// is the state machine's (assume-form-state.ts) and the input hook's (use-assume-form.ts).
import { Box, Text } from 'ink';
import { ErrorLine } from '../../../components/form/error-line';
import { FormField } from '../../../components/form/form-field';
import { formatDuration } from '../../../src/duration';
import { ASSUME_FIELDS, assumeProblem, fieldText } from './assume-form-state';
import { type AssumeFormWiring, useAssumeForm } from './use-assume-form';

export interface AssumeFormProps extends AssumeFormWiring {
  /** "Developer". */
  roleName: string;
  /** "arn:aws:iam::…:role/Developer, profile dev-developer": dropped on a short terminal. */
  roleLine: string;
  /** Assume, then open a shell with the credentials. */
  thenShell: boolean;
  /** Room for spacing and the role line. */
  roomy: boolean;
}

export function AssumeForm({ roleName, roleLine, thenShell, roomy, ...wiring }: AssumeFormProps) {
  const { state, type } = useAssumeForm(wiring);
  if (state.defaults.phase === 'asking') return <Text dimColor> Working out what this role allows…</Text>;
  // No defaults to fall back on that the core did not decide (the cap, the region, the session
  // name): what failed, and asking again, are what this form can offer.
  if (state.defaults.phase === 'unknown')
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Assume {roleName}</Text>
        <ErrorLine problem={state.defaults.problem} />
        <Text dimColor>Enter asks again; Esc goes back.</Text>
      </Box>
    );
  const { defaults } = state.defaults;
  const assuming = state.submit.phase === 'assuming';
  const problem = assumeProblem(state);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>
        Assume {roleName}
        {thenShell ? ', then open a shell with its credentials' : ''}
      </Text>
      {roomy && (
        <Text dimColor wrap="truncate-end">
          {roleLine}
        </Text>
      )}
      {roomy && <Text> </Text>}
      {ASSUME_FIELDS.map((field, index) => (
        <FormField
          key={field.key}
          label={field.label}
          placeholder={field.placeholder}
          value={fieldText(state, field.key)}
          focused={index === state.focus}
          isActive={!assuming}
          onChange={(text) => type(field.key, text)}
        />
      ))}
      {roomy && <Text> </Text>}
      {assuming ? (
        <Text dimColor>Assuming…</Text>
      ) : problem ? (
        <ErrorLine problem={problem} />
      ) : (
        <Text dimColor>Enter assumes; Tab moves between fields; Esc goes back.</Text>
      )}
      <Text dimColor wrap="wrap">
        At most {formatDuration(defaults.maxSeconds)}: {defaults.capReason}.
        {defaults.externalIdFrom === 'remembered' ? ' The external ID is the one that worked last time.' : ''}
      </Text>
    </Box>
  );
}
