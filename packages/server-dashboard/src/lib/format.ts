/** Numbers, sizes, durations and times as the console shows them, in the reader's language. */
import type { Language } from '../i18n/dictionary';

const LOCALES: Record<Language, string> = { es: 'es-ES', en: 'en-GB' };

export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits }).format(value);
}

/**
 * Memory always in MiB, so RSS and heap (and any two readings) compare at a glance:
 * 50 MiB, 0.9 MiB, 1,536 MiB; one decimal below 10.
 */
export function formatMiB(bytes: number, language: Language): string {
  const mib = bytes / (1024 * 1024);
  return `${formatNumber(mib, language, mib < 10 ? 1 : 0)} MiB`;
}

/** Seconds as the two largest units: "45 s", "12 min 5 s", "3 h 20 min", "2 d 4 h". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

/** Milliseconds with two significant decimals at most: "0.42 ms", "12 ms". */
export function formatMs(ms: number, language: Language): string {
  return `${formatNumber(ms, language, ms < 10 ? 2 : 0)} ms`;
}

/** An ISO time as the local time of day, with the date when it is not today. */
export function formatTime(iso: string, language: Language, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(LOCALES[language], {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}
