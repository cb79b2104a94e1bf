// Identifiers that look like AWS's: AKIA/ASIA keys, AIDA/AROA/ANPA unique IDs, 40-character
// secrets, long session tokens. Random, from node:crypto.
import { randomBytes } from 'node:crypto';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomId(length: number): string {
  return [...randomBytes(length)].map((b) => ID_ALPHABET[b % 32]).join('');
}

/** 4-letter prefix + 16 characters, as AWS's key IDs are (20 in all). */
export function accessKeyId(temporary: boolean): string {
  return `${temporary ? 'ASIA' : 'AKIA'}${randomId(16)}`;
}

/** AIDA (user), AROA (role), ANPA (managed policy): 21 characters. */
export function uniqueId(prefix: 'AIDA' | 'AROA' | 'ANPA'): string {
  return `${prefix}${randomId(17)}`;
}

export function secretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/[+/=]/g, 'A').slice(0, 40);
}

export function sessionToken(): string {
  return `IQoJb3JpZ2luX2VjE${randomBytes(192).toString('base64')}`;
}

export function requestId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
