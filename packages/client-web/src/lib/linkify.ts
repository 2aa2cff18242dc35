/**
 * Splits message text into plain text and links. Only explicit http:// and https:// URLs
 * become links: other schemes (`javascript:`, `data:`, ...) stay text, so a message can
 * never make a link that runs code. The caller renders the parts as React text and <a>.
 */
export type TextPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

// A URL runs until white space or a character that cannot be in one unescaped.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Punctuation that ends a sentence rather than the URL ("see https://x.org/a.").
const TRAILING_PUNCTUATION = /[.,;:!?'"»”’)\]}]+$/u;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainStart = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (href === null) continue;
    if (match.index > plainStart) parts.push({ kind: 'text', text: text.slice(plainStart, match.index) });
    parts.push({ kind: 'link', text: candidate, href });
    plainStart = match.index + candidate.length;
  }
  if (plainStart < text.length) parts.push({ kind: 'text', text: text.slice(plainStart) });
  return parts;
}

/** Drops sentence punctuation at the end, but keeps a `)` that closes one in the URL (Wikipedia links). */
function trimTrailing(candidate: string): string {
  let url = candidate.replace(TRAILING_PUNCTUATION, '');
  const tail = candidate.slice(url.length);
  for (const char of tail) {
    if (char !== ')' || count(url, '(') <= count(url, ')')) break;
    url += char;
  }
  return url;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The normalized href when the candidate parses as an http(s) URL with a host; else null. */
function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}
