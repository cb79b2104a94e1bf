// The few pages the sandbox shows a browser (AWS sign-in's answer, Identity Center's approval):
// a title and lines of text, escaped.

export interface HtmlReply {
  status: number;
  contentType: string;
  body: string;
}

export function htmlPage(status: number, title: string, lines: readonly string[]): HtmlReply {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    body: [
      '<!doctype html>',
      `<title>${escapeHtml(title)}</title>`,
      `<h1>${escapeHtml(title)}</h1>`,
      ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
      '',
    ].join('\n'),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
