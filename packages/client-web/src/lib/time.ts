/** Message times in the reader's language and time zone: "14:05" in the line, the full date on hover. */
const formatters = new Map<string, { short: Intl.DateTimeFormat; full: Intl.DateTimeFormat }>();

function formattersFor(language: string) {
  let pair = formatters.get(language);
  if (pair === undefined) {
    pair = {
      short: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }),
      full: new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'medium' }),
    };
    formatters.set(language, pair);
  }
  return pair;
}

/** `{ short, full }` for an ISO timestamp, or null when the server sent something unreadable. */
export function formatTime(iso: string, language: string): { short: string; full: string } | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const { short, full } = formattersFor(language);
  return { short: short.format(date), full: full.format(date) };
}
