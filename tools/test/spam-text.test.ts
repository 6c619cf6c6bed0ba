import { decodeBase64, decodeQuotedPrintable, parseMail, splitHeaders } from '../src/spam/mail';
import { stripHtml, tokenise } from '../src/spam/tokenise';

describe('spam tokeniser', () => {
  it('lowercases, keeps runs of letters and digits of length 2..20', () => {
    expect(tokenise('Hello, WORLD! a 1 42 x9 it\'s e-mail')).toEqual(['hello', 'world', '42', 'x9', 'it', 'mail']);
    expect(tokenise('a'.repeat(20) + ' ' + 'b'.repeat(21))).toEqual(['a'.repeat(20)]);
    expect(tokenise('')).toEqual([]);
  });

  it('drops HTML tags, comments and entities, attributes included', () => {
    expect(tokenise('<p class="big">Buy&nbsp;<b>NOW</b> &#36;99 &amp; save</p><!-- hidden words -->')).toEqual(['buy', 'now', '99', 'save']);
    expect(tokenise('Click <a href="http://spam.example/x">here</a>')).toEqual(['click', 'here']);
    // A lone '<' is no tag: the text after it stays.
    expect(tokenise('price < 100 dollars')).toEqual(['price', '100', 'dollars']);
    expect(stripHtml('<i>x</i>')).toBe(' x ');
  });
});

describe('spam mail reader', () => {
  it('unfolds headers and keeps the first of repeated ones', () => {
    const { headers, body } = splitHeaders('Subject: Cheap\n  meds today\nReceived: a\nReceived: b\nX-Empty:\n\nthe body\n\nmore');
    expect(headers.get('subject')).toBe('Cheap meds today');
    expect(headers.get('received')).toBe('a');
    expect(headers.get('x-empty')).toBe('');
    expect(body).toBe('the body\n\nmore');
  });

  it('decodes quoted-printable and base64', () => {
    expect(decodeQuotedPrintable('caf=E9 =\nbar =3D 1')).toBe('caf\u00e9 bar = 1');
    expect(decodeBase64('aGVs\nbG8gd29y bGQ=')).toBe('hello world');
  });

  it('reads the subject and the text parts of a multipart mail, skipping attachments and routing headers', () => {
    const raw = [
      'Received: from relay.example by list.example',
      'Subject: Your prize',
      'Content-Type: multipart/mixed; boundary="XYZ"',
      '',
      'preamble is ignored',
      '--XYZ',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'You won =24100',
      '--XYZ',
      'Content-Type: text/html',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<b>claim</b> it').toString('base64'),
      '--XYZ',
      'Content-Type: image/gif',
      'Content-Transfer-Encoding: base64',
      '',
      'R0lGODlhAQABAAAAACw=',
      '--XYZ--',
      'epilogue is ignored',
    ].join('\n');
    const mail = parseMail(raw);
    expect(mail.subject).toBe('Your prize');
    expect(tokenise(mail.body)).toEqual(['you', 'won', '100', 'claim', 'it']);
  });

  it('reads a single-part mail, and a mail without a body', () => {
    expect(parseMail('Subject: hi\nContent-Type: text/plain\n\nplain words')).toEqual({ subject: 'hi', body: 'plain words' });
    expect(parseMail('From: a@b.example')).toEqual({ subject: '', body: '' });
  });
});
