// Profiles for the benches of large configs, shaped like a big organisation's.

/** Role profiles in thousands of accounts, from a few key profiles: about 115 bytes each. */
export function generatedProfiles(total) {
  const lines = [];
  for (let i = 0; i < total; i++) {
    const account = String(100_000_000_000 + (i % 9_973)).padStart(12, '0');
    lines.push(`[profile gen-${i}]`, `role_arn = arn:aws:iam::${account}:role/Team${i % 50}`);
    lines.push(`source_profile = ${i % 10 === 0 && i > 0 ? `gen-${i - 1}` : 'alice'}`);
    lines.push(i % 3 === 0 ? 'region = us-east-1' : 'region = eu-west-1', '');
  }
  return lines.join('\n');
}
