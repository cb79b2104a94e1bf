// "Could this caller assume it?", drawn in the form's place while open: who (one of your
// identities, or an ARN typed), with MFA or not, an external ID, and the trust engine's verdict on
// the document the form makes now, worded as the role details screen words it. What it judges is
// simulate-state.ts's; its keys are simulate-keys.ts's.
import { Box, Text } from 'ink';
import { FormField } from '../../../components/form/form-field';
import { Toggle } from '../../../components/form/toggle';
import { colour } from '../../../components/theme';
import { VerdictMark } from '../../../components/verdict-mark';
import { LABEL_WIDTH } from './form-rows';
import type { NamedCaller, SimulateResult, SimulateState } from './simulate-state';

export interface SimulatePanelProps {
  state: SimulateState;
  callers: readonly NamedCaller[] | undefined;
  result: SimulateResult;
  width: number;
  onType: (slot: 'arn' | 'externalId', text: string) => void;
}

export function SimulatePanel({ state, callers, result, width, onType }: SimulatePanelProps) {
  const here = (slot: SimulateState['focus']) => state.focus === slot;
  const list = callers ?? [];
  const picked = state.pick < list.length ? list[state.pick] : undefined;
  const who = picked ? picked.profile : 'an ARN typed';
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text bold>Could this caller assume it?</Text>
      <Text dimColor wrap="wrap">
        The trust policy as the form makes it now, judged by rolecall’s trust engine (Esc goes back to the
        form).
      </Text>
      <Box>
        <Box flexShrink={0}>
          <Text color={colour('accent')}>{here('caller') ? '› ' : '  '}</Text>
        </Box>
        <Box width={LABEL_WIDTH} flexShrink={0}>
          <Text bold={here('caller')}>Caller</Text>
        </Box>
        <Text wrap="truncate-end" color={colour(here('caller') ? 'accent' : undefined)}>
          {callers === undefined ? 'Working out your identities…' : here('caller') ? `‹ ${who} ›` : who}
        </Text>
      </Box>
      {picked && (
        <Text dimColor wrap="truncate-end">
          {' '.repeat(LABEL_WIDTH + 2)}
          {picked.caller.arn}
        </Text>
      )}
      <FormField
        label="ARN"
        labelWidth={LABEL_WIDTH}
        placeholder="for Caller “an ARN typed”"
        value={state.arn}
        focused={here('arn')}
        onChange={(text) => onType('arn', text)}
      />
      <Toggle label="With MFA" on={state.mfa} focused={here('mfa')} />
      <FormField
        label="External ID"
        labelWidth={LABEL_WIDTH}
        placeholder="optional: what the caller would send"
        value={state.externalId}
        focused={here('externalId')}
        onChange={(text) => onType('externalId', text)}
      />
      <Text> </Text>
      {result.kind === 'verdict' ? (
        <>
          <VerdictMark kind={result.verdict.kind} />
          <Text wrap="wrap">{result.verdict.text}</Text>
          <Text dimColor wrap="truncate-end">
            (as {result.as})
          </Text>
        </>
      ) : (
        <Text dimColor wrap="wrap">
          {result.text}
        </Text>
      )}
    </Box>
  );
}
