// Colours by meaning. NO_COLOR (no-color.org) takes every colour away here, in one place, while
// bold, dim and inverse (the text cursor) stay: they are emphasis, not colour.

const PALETTE = { ok: 'green', warning: 'yellow', error: 'red', accent: 'cyan' } as const;

export type Tone = keyof typeof PALETTE;

const coloured = !process.env.NO_COLOR;

/** The colour for a meaning, or undefined (the terminal's own) when colours are off. */
export function colour(tone: Tone | undefined): string | undefined {
  return coloured && tone ? PALETTE[tone] : undefined;
}
