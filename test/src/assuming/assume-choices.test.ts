// The checks on an assume's choices, as the form and the CLI make them.
import { describe, expect, it } from 'vitest';
import { checkAssumeChoices } from '../../../src/assuming/assume-choices';

const chained = { maxSeconds: 3600, capReason: 'it is assumed from another role’s session' };
const typed = { duration: '1h', sessionName: 'rolecall-alice', region: 'eu-west-1', externalId: '' };

describe('checking an assume’s choices', () => {
  it('gives AssumeRole’s values: seconds, trimmed text, no empty external ID', () => {
    expect(
      checkAssumeChoices(
        { duration: ' 45m ', sessionName: ' me ', region: ' us-gov-west-1 ', externalId: '  ' },
        chained,
      ),
    ).toEqual({ durationSeconds: 2700, sessionName: 'me', region: 'us-gov-west-1' });
    expect(checkAssumeChoices({ ...typed, externalId: 'Unique-ID:42' }, chained)).toMatchObject({
      externalId: 'Unique-ID:42',
    });
  });

  it('refuses a duration past the cap, and says why the cap is there', () => {
    expect(checkAssumeChoices({ ...typed, duration: '2h' }, chained)).toEqual({
      field: 'duration',
      problem: 'at most 1h, because it is assumed from another role’s session.',
    });
    expect(checkAssumeChoices({ ...typed, duration: '1h' }, chained)).not.toHaveProperty('problem');
  });

  it.each([
    ['duration', { duration: 'soon' }, 'type it as 1h, 90m or 3600.'],
    ['duration', { duration: '14m' }, 'AWS gives at least 15 minutes (15m).'],
    ['sessionName', { sessionName: 'a' }, '2 to 64 letters, digits or + = , . @ _ - characters.'],
    ['sessionName', { sessionName: 'has space' }, '2 to 64 letters, digits or + = , . @ _ - characters.'],
    ['region', { region: 'Ireland' }, '"Ireland" is not a region name like eu-west-1.'],
    ['externalId', { externalId: 'x' }, '2 to 1224 letters, digits or + = , . @ : / _ - characters.'],
  ])('names %s when it is wrong: %j', (field, change, problem) => {
    expect(checkAssumeChoices({ ...typed, ...change }, { maxSeconds: 43_200, capReason: '' })).toEqual({
      field,
      problem,
    });
  });

  it('names the first wrong choice in the form’s order', () => {
    expect(checkAssumeChoices({ ...typed, region: 'x', sessionName: 'y' }, chained)).toMatchObject({
      field: 'sessionName',
    });
  });
});
