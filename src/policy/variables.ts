// Policy variables: "${aws:username}" in a Resource or a condition value stands for the
// request's value of that key. Only under Version 2012-10-17; under 2008-10-17 (or no Version)
// they are literal text (IAM User Guide, reference_policies_elements_version.md).
import { contextValues } from './context';
import type { PolicyRequest } from './request';

export function substituteVariables(value: string, request: PolicyRequest, enabled: boolean): string {
  if (!enabled) return value;
  return value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const found = contextValues(request, name);
    return found?.length === 1 && found[0] !== undefined ? found[0] : whole;
  });
}
