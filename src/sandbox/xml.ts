// The XML of AWS's Query protocol, as the SDKs and the CLI parse it.
import type { AwsError } from './aws-error';

export type XmlValue = string | number | boolean | Date | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [element: string]: XmlValue;
}

export const NAMESPACES = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
} as const;

export type Service = keyof typeof NAMESPACES;

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** Lists are written as <member> elements, as the Query protocol does. */
function render(value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => `<member>${render(v)}</member>`).join('');
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${render(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function resultXml(
  service: Service,
  action: string,
  result: XmlObject | undefined,
  requestId: string,
): string {
  const body = result === undefined ? '' : `<${action}Result>${render(result)}</${action}Result>`;
  return `<${action}Response xmlns="${NAMESPACES[service]}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function errorXml(service: Service, error: AwsError, requestId: string): string {
  return `<ErrorResponse xmlns="${NAMESPACES[service]}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
