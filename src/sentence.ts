// A sentence made of parts ("profile x cannot be used; …") starts with a capital letter, whatever
// the first part began with. Several rooms still keep a private copy of this; new code uses this one.

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
