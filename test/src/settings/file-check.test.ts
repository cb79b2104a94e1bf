// What a settings file holds that rolecall cannot use, named as a person would fix it; and the
// same verdict as the schema conf validates with, so the check never lets through what conf
// would refuse, nor refuses what conf would take.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkSettingsText, SCHEMA_KEYWORDS_CHECKED } from '../../../src/settings/file-check';
import { normaliseHandWritten, writtenBeforeVersions } from '../../../src/settings/migrations';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA } from '../../../src/settings/schema';

const ROLE = 'arn:aws:iam::222222222222:role/Admin';
const versioned = (data: object) =>
  JSON.stringify({ ...data, __internal__: { migrations: { version: '1.0.0' } } });

/** Text → the problems said, in order ([] for a usable file). */
const FIELDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['{}', []],
  [JSON.stringify(DEFAULT_SETTINGS), []],
  [JSON.stringify({ somethingNewer: { x: 1 } }), []],
  [
    JSON.stringify({ defaultSessionSeconds: 'abc' }),
    ['defaultSessionSeconds is "abc"; expected a number of seconds from 900 to 43200'],
  ],
  [
    JSON.stringify({ defaultSessionSeconds: 60 }),
    ['defaultSessionSeconds is 60; expected a number of seconds from 900 to 43200'],
  ],
  [
    JSON.stringify({ defaultSessionSeconds: 3600.5 }),
    ['defaultSessionSeconds is 3600.5; expected a number of seconds from 900 to 43200'],
  ],
  [
    JSON.stringify({ defaultSessionSeconds: '3600' }),
    ['defaultSessionSeconds is "3600"; expected a number of seconds from 900 to 43200'],
  ],
  [
    JSON.stringify({ defaultRegion: null }),
    ['defaultRegion is null; expected a region name such as us-east-1'],
  ],
  [
    JSON.stringify({ defaultRegion: 'Mars' }),
    ['defaultRegion is "Mars"; expected a region name such as us-east-1'],
  ],
  [JSON.stringify({ defaultRegion: ' EU-WEST-1 ' }), []],
  [
    versioned({ defaultRegion: 'EU-WEST-1' }),
    ['defaultRegion is "EU-WEST-1"; expected a region name such as us-east-1'],
  ],
  [
    JSON.stringify({ sessionNameTemplate: '' }),
    ['sessionNameTemplate is ""; expected text of 1 to 64 characters'],
  ],
  [
    JSON.stringify({ refreshLeadSeconds: true }),
    ['refreshLeadSeconds is true; expected a number of seconds from 30 to 3600'],
  ],
  [
    JSON.stringify({ mfaSessionSeconds: 200_000 }),
    ['mfaSessionSeconds is 200000; expected a number of seconds from 900 to 129600'],
  ],
  [JSON.stringify({ favourites: 'all' }), ['favourites is "all"; expected a list of texts ["…", "…"]']],
  [JSON.stringify({ favourites: ['111111111111', 5] }), ['favourites[1] is 5; expected text']],
  [
    versioned({ favourites: ['111111111111', '111111111111'] }),
    ['favourites lists "111111111111" twice; expected each once'],
  ],
  // Before versions, the migration folds the console's form into the same ID: no duplicate left.
  [JSON.stringify({ favourites: ['1111-1111-1111', '111111111111'] }), []],
  [
    JSON.stringify({ recents: Array.from({ length: 21 }, (_, i) => String(100_000_000_000 + i)) }),
    ['recents has 21 entries; expected at most 20'],
  ],
  [JSON.stringify({ accounts: [] }), ['accounts is []; expected an object { … }']],
  [JSON.stringify({ accounts: { '3333-3333-3333': { label: 'prod' } } }), []],
  [
    JSON.stringify({ accounts: { prod: { label: 'prod' } } }),
    ['accounts has the key "prod"; expected a 12-digit account ID'],
  ],
  [
    JSON.stringify({ accounts: { '333333333333': { colour: 'pink' } } }),
    [
      'accounts.333333333333.colour is "pink"; expected one of red, green, yellow, blue, magenta, cyan, white, gray',
    ],
  ],
  [
    JSON.stringify({ accounts: { '333333333333': { nick: 'p' } } }),
    ['accounts.333333333333 has the key "nick"; expected only label, colour'],
  ],
  [
    JSON.stringify({ externalIds: { [ROLE]: 'has space' } }),
    [
      `externalIds["${ROLE}"] is "has space"; expected an external ID: 2 to 1224 letters, digits or + = , . @ : / _ -`,
    ],
  ],
  [
    JSON.stringify({ defaultRegion: 7, defaultSessionSeconds: 'abc', sessionNameTemplate: 'ok' }),
    [
      'defaultRegion is 7; expected a region name such as us-east-1',
      'defaultSessionSeconds is "abc"; expected a number of seconds from 900 to 43200',
    ],
  ],
  [
    JSON.stringify({ sessionNameTemplate: 'x'.repeat(80) }),
    [`sessionNameTemplate is "${'x'.repeat(38)}…; expected text of 1 to 64 characters`],
  ],
];

/** Text → why it is no settings object at all. */
const UNUSABLE: ReadonlyArray<readonly [string, string]> = [
  ['null', 'held null, not the object of settings rolecall writes ({"defaultRegion": …})'],
  ['[]', 'held [], not the object of settings rolecall writes ({"defaultRegion": …})'],
  ['42', 'held 42, not the object of settings rolecall writes ({"defaultRegion": …})'],
  ['"us-east-1"', 'held "us-east-1", not the object of settings rolecall writes ({"defaultRegion": …})'],
  ['{ "defaultRegion": ', 'was not valid JSON (it ends too soon)'],
  ['{ "defaultRegion": "eu-west-1", }', 'was not valid JSON (line 1)'],
  ['{\n  "defaultRegion": "eu-west-1"\n  "recents": []\n}', 'was not valid JSON (line 3)'],
  ["{ defaultRegion: 'eu-west-1' }", 'was not valid JSON (line 1)'],
  ['\uFEFF{}', 'begins with a byte-order mark, which JSON does not allow (save it as UTF-8 without BOM)'],
];

describe('checking a settings file', () => {
  it.each(FIELDS)('%s', (text, problems) => {
    const check = checkSettingsText(text);
    expect(check.kind).toBe('object');
    expect(check.kind === 'object' && check.problems.map((p) => p.text)).toEqual(problems);
  });

  it.each(UNUSABLE)('%s', (text, reason) => {
    expect(checkSettingsText(text)).toEqual({ kind: 'unusable', reason });
  });

  it('an empty or blank file is empty, not broken', () => {
    for (const text of ['', '  \n']) expect(checkSettingsText(text)).toEqual({ kind: 'empty' });
  });

  it('keeps the good values and drops the bad ones', () => {
    const check = checkSettingsText(
      JSON.stringify({ defaultRegion: 'eu-west-2', defaultSessionSeconds: 'abc' }),
    );
    expect(check).toMatchObject({ kind: 'object', values: { defaultRegion: 'eu-west-2' } });
    expect(check.kind === 'object' && 'defaultSessionSeconds' in check.values).toBe(false);
  });

  it('agrees with the JSON schema conf validates with, on every file of the corpus', () => {
    const validate = new Ajv({ allErrors: true }).compile({
      type: 'object',
      properties: SETTINGS_SCHEMA,
    });
    for (const [text] of FIELDS) {
      const stored = JSON.parse(text);
      // conf runs the migration before it validates a file that has no version.
      const migrated = writtenBeforeVersions(stored) ? normaliseHandWritten(stored) : stored;
      const check = checkSettingsText(text);
      expect({ text, usable: check.kind === 'object' && check.problems.length === 0 }).toEqual({
        text,
        usable: validate(migrated),
      });
    }
  });

  it('knows every keyword the settings schema uses', () => {
    const used = new Set<string>();
    const walk = (schema: unknown) => {
      if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
      for (const [keyword, value] of Object.entries(schema)) {
        used.add(keyword);
        if (keyword === 'properties') for (const inner of Object.values(value)) walk(inner);
        else walk(value);
      }
    };
    for (const field of Object.values(SETTINGS_SCHEMA)) walk(field);
    expect([...used].filter((keyword) => !SCHEMA_KEYWORDS_CHECKED.has(keyword))).toEqual([]);
  });
});
