/**
 * A crude RFC 822 / MIME reader for the classifier: enough to find the
 * Subject and the readable text of a mail. Routing headers (Received,
 * Message-Id, list headers) are dropped on purpose: in this corpus they name
 * the mailing lists the ham came from, and a model trained on them learns the
 * corpus rather than spam.
 */

/** The parts of a mail the classifier reads. */
export interface ParsedMail {
  subject: string;
  /** The decoded text of the body's text/plain and text/html parts, joined by newlines. */
  body: string;
}

/** Header names (lowercase) to their unfolded values; the first occurrence wins. */
export type Headers = Map<string, string>;

// Nested multiparts deeper than this are read as plain text (guards against pathological mails).
const MAX_DEPTH = 8;

/**
 * Splits a header block and body at the first empty line and unfolds the
 * headers (continuation lines start with a space or tab).
 *
 * @example
 * splitHeaders('Subject: hi\n there\n\nbody').headers.get('subject'); // 'hi there'
 */
export function splitHeaders(text: string): { headers: Headers; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  const head = m === null ? text : text.slice(0, m.index);
  const body = m === null ? '' : text.slice(m.index + m[0].length);
  const headers: Headers = new Map();
  let name: string | undefined;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name !== undefined) {
      headers.set(name, `${headers.get(name)!} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      name = undefined;
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    // Keep the first occurrence; later ones only get continuation lines if they are the first too.
    if (headers.has(key)) {
      name = undefined;
      continue;
    }
    name = key;
    headers.set(key, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/**
 * Decodes quoted-printable text (soft line breaks, =XX escapes) as Latin-1
 * characters: the tokeniser only keeps ASCII letters and digits anyway.
 *
 * @example
 * decodeQuotedPrintable('caf=E9 =\nbar'); // 'café bar'
 */
export function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Decodes base64 text as Latin-1 (malformed input decodes to what Node makes of it).
 *
 * @example
 * decodeBase64('aGVsbG8='); // 'hello'
 */
export function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
}

function parameter(value: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m === null ? undefined : (m[1] ?? m[2]);
}

function decodeBody(headers: Headers, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding.includes('base64')) return decodeBase64(body);
  if (encoding.includes('quoted-printable')) return decodeQuotedPrintable(body);
  return body;
}

function textOf(headers: Headers, body: string, depth: number): string[] {
  const type = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/') && depth < MAX_DEPTH) {
    const boundary = parameter(headers.get('content-type')!, 'boundary');
    if (boundary === undefined) return [body];
    const parts = body.split(`--${boundary}`).slice(1);
    const texts: string[] = [];
    for (const part of parts) {
      if (part.startsWith('--')) break; // the closing delimiter
      const sub = splitHeaders(part.replace(/^[ \t]*\r?\n/, ''));
      texts.push(...textOf(sub.headers, sub.body, depth + 1));
    }
    return texts;
  }
  // Attachments (images, applications, signatures) carry no words worth reading.
  if (!type.startsWith('text/') && !type.startsWith('multipart/') && !type.startsWith('message/')) return [];
  return [decodeBody(headers, body)];
}

/**
 * Reads a raw mail: its Subject and the decoded text of its text parts.
 *
 * @example
 * parseMail('Subject: Win\nContent-Type: text/plain\n\nFree money').body; // 'Free money'
 */
export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitHeaders(raw);
  return { subject: headers.get('subject') ?? '', body: textOf(headers, body, 0).join('\n') };
}
