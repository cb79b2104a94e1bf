// What one of `doctor --fix`'s fixes to the config file is, and what it leaves for the person,
// each told by the line of the file as they see it.

/** A change made to the config file's text. */
export interface ConfigFix {
  profile: string;
  /** The line of the file as it was read. */
  line: number;
  /** What changed and why, in words. */
  what: string;
}

/** Something that looks fixable but is not, for certain: left as it is, with why. */
export interface LeftAsIs {
  profile: string;
  line?: number;
  what: string;
}

/** What a pass over the text found: the fixes it made and what it left. */
export interface FixesFound {
  fixed: ConfigFix[];
  left: LeftAsIs[];
}

/** The part of a line before its comment, as the SDK's parser cuts it (a # or ; after a space, or first). */
export function withoutComment(raw: string): string {
  return raw.split(/(^|\s)[;#]/)[0] ?? '';
}
