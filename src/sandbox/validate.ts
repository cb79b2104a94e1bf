// AWS's parameter checks, with its wording: "1 validation error detected: Value 'a:b' at
// 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"
import { validationError } from './aws-error';

export interface Constraint {
  min?: number;
  max?: number;
  pattern?: { regex: RegExp; shown: string };
}

export function checkString(field: string, value: string | undefined, constraint: Constraint): void {
  if (value === undefined) return;
  const failures: string[] = [];
  if (constraint.pattern && !constraint.pattern.regex.test(value)) {
    failures.push(`Member must satisfy regular expression pattern: ${constraint.pattern.shown}`);
  }
  if (constraint.min !== undefined && value.length < constraint.min) {
    failures.push(`Member must have length greater than or equal to ${constraint.min}`);
  }
  if (constraint.max !== undefined && value.length > constraint.max) {
    failures.push(`Member must have length less than or equal to ${constraint.max}`);
  }
  fail(field, value, failures);
}

export function checkNumber(field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  const failures: string[] = [];
  if (value < min) failures.push(`Member must have value greater than or equal to ${min}`);
  if (value > max) failures.push(`Member must have value less than or equal to ${max}`);
  fail(field, String(value), failures);
}

export function required(field: string, value: string | undefined): string {
  if (value === undefined || value === '') {
    throw validationError(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function integer(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw validationError(`Invalid value for ${field}: ${value}`);
  return Number(value);
}

function fail(field: string, value: string, failures: string[]): void {
  if (failures.length === 0) return;
  const count =
    failures.length === 1 ? '1 validation error detected' : `${failures.length} validation errors detected`;
  throw validationError(
    `${count}: ${failures.map((f) => `Value '${value}' at '${field}' failed to satisfy constraint: ${f}`).join('; ')}`,
  );
}
