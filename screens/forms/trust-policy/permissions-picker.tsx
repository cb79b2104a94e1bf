// The managed-policy picker, drawn in the form's place while open: what is typed filters IAM's
// list (fzf), the policies that match with the picked ones marked [x] (the boundary's with (•)),
// and what the list is doing while it is read or why it could not be. Its keys are picker-keys.ts's.
import { Box, Text } from 'ink';
import { TextField } from '../../../components/text-field/text-field';
import { colour } from '../../../components/theme';
import { visibleWindow } from '../../../components/visible-window';
import type { PoliciesLoad } from './picker-keys';
import { type PolicyPickerState, policyMatches } from './policy-picker-state';

/** What a policy name may hold (IAM's policyNameType, and a path's "/"): no spaces, so Space picks. */
const POLICY_NAME_CHAR = /[\w+=,.@/-]/;

export interface PermissionsPickerProps {
  picker: PolicyPickerState;
  load: PoliciesLoad;
  picked: readonly string[];
  boundary: string;
  height: number;
  width: number;
  onQuery: (query: string) => void;
}

export function PermissionsPicker({
  picker,
  load,
  picked,
  boundary,
  height,
  width,
  onQuery,
}: PermissionsPickerProps) {
  const title =
    picker.for === 'managed'
      ? 'AWS managed policies: type to filter, Space picks'
      : 'Permissions boundary: type to filter, Enter picks one';
  const policies = load.state === 'loaded' ? load.policies : [];
  const matches = policyMatches(policies, picker.query);
  const cursor = Math.min(picker.cursor, Math.max(0, matches.length - 1));
  const room = Math.max(1, height - 3);
  const { start, end } = visibleWindow(matches.length, cursor, room);
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      <Box>
        <Text color={colour('accent')}>/ </Text>
        <TextField
          value={picker.query}
          onChange={onQuery}
          allow={POLICY_NAME_CHAR}
          placeholder="a policy’s name"
        />
        <Text dimColor>
          {' '}
          {load.state === 'loaded' ? `${matches.length} of ${policies.length} policies` : ''}
        </Text>
      </Box>
      {load.state === 'loading' && <Text dimColor>Reading IAM’s policies…</Text>}
      {load.state === 'failed' && (
        <Text color={colour('warning')} wrap="wrap">
          {load.reason} Esc, then type the policies’ ARNs under Policy ARN.
        </Text>
      )}
      {load.state === 'loaded' && matches.length === 0 && <Text dimColor>No policy’s name matches.</Text>}
      {matches.slice(start, end).map((match, i) => {
        const here = start + i === cursor;
        const chosen =
          picker.for === 'managed' ? picked.includes(match.item.arn) : boundary === match.item.arn;
        const mark = picker.for === 'managed' ? (chosen ? '[x]' : '[ ]') : chosen ? '(•)' : '( )';
        return (
          <Text key={match.item.arn} wrap="truncate-end" color={colour(here ? 'accent' : undefined)}>
            {here ? '› ' : '  '}
            {mark} {match.item.name}
            {match.item.awsManaged ? '' : ' (this account’s)'}
            {match.item.description ? <Text dimColor> {match.item.description}</Text> : ''}
          </Text>
        );
      })}
    </Box>
  );
}
