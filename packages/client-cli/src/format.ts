/**
 * How the CLI shows times and colours. Colour is decided once (cli.ts: a terminal, no
 * NO_COLOR) and passed down as a `Style`, so every renderer honours it the same way.
 */
import pc from 'picocolors';

export type Style = ReturnType<typeof pc.createColors>;

export function createStyle(color: boolean): Style {
  return pc.createColors(color);
}

/** Distinct, readable author colours; red is kept for errors. */
const NAME_COLOURS = ['cyan', 'green', 'yellow', 'blue', 'magenta', 'cyanBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright'] as const;

/** The same name always gets the same colour, in every run and every client. */
export function colourName(style: Style, name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  const colour = NAME_COLOURS[hash % NAME_COLOURS.length] ?? 'cyan';
  return style.bold(style[colour](name));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A wire timestamp (ISO 8601 UTC) in local time: `HH:MM` (`HH:MM:SS` with `seconds`, for
 * event logs) on the day of `now`, with the date before it on other days (history can be
 * old, a ban can end next year). An unreadable timestamp is shown as `--:--`.
 */
export function clock(iso: string, now: Date = new Date(), { seconds = false } = {}): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '--:--';
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}${seconds ? `:${pad(at.getSeconds())}` : ''}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? time : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

/** "1 message", "2 messages". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A span of time in its two largest units: `45s`, `5m 03s`, `2h 00m`, `3d 4h`. */
export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const [days, hours, minutes, secs] = [Math.floor(s / 86_400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60];
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(secs)}s`;
  return `${secs}s`;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** A byte count for people, in powers of 1000 as `ls --si` does: `512 B`, `1.5 MB`. */
export function bytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}
