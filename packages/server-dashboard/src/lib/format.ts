/** Numbers, sizes, durations and times as the console shows them, in the reader's language. */
import type { Language } from '../i18n/dictionary';

const LOCALES: Record<Language, string> = { es: 'es-ES', en: 'en-GB' };

export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits }).format(value);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 1536 → "1.5 KiB": one decimal below 100 of a unit, none above. */
export function formatBytes(bytes: number, language: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, language, value < 100 && unit > 0 ? 1 : 0)} ${UNITS[unit]}`;
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
