/**
 * The tokeniser: lowercase words of ASCII letters and digits, HTML tags and
 * entities removed first. Deliberately simple so that the rule can be stated in
 * one line and re-implemented by the Python fixture script:
 *
 *   tokens = [t for t in re.findall('[a-z0-9]+', strip_html(text.lower())) if 2 <= len(t) <= 20]
 */

/** Shortest and longest token kept: single letters are noise, longer runs are mostly encoded junk. */
export const MIN_TOKEN_LENGTH = 2;
export const MAX_TOKEN_LENGTH = 20;

/**
 * Replaces HTML comments, tags and character entities by spaces (crudely: no
 * parsing, a `<` without a closing `>` is left alone).
 *
 * @example
 * stripHtml('<p>Buy&nbsp;<b>now</b></p>'); // ' Buy  now  ' (tags and entities become spaces)
 */
export function stripHtml(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(?:#\d+|#x[0-9a-f]+|[a-z]+);/gi, ' ');
}

/**
 * Splits a text into lowercase tokens: maximal runs of [a-z0-9] after
 * stripHtml, kept when MIN_TOKEN_LENGTH <= length <= MAX_TOKEN_LENGTH.
 *
 * @example
 * tokenise('Click <a href="x">HERE</a> to win $1,000!'); // ['click', 'here', 'to', 'win', '000']
 */
export function tokenise(text: string): string[] {
  const words = stripHtml(text.toLowerCase()).match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => w.length >= MIN_TOKEN_LENGTH && w.length <= MAX_TOKEN_LENGTH);
}
