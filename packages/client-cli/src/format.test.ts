/* eslint-disable no-control-regex -- these tests look for control characters */
import { describe, expect, it } from 'vitest';
import { bytes, clock, colourName, count, createStyle, duration } from './format.js';

// vitest.config.ts runs the tests in UTC.
const NOW = new Date('2026-03-14T18:30:00Z');

describe('clock', () => {
  it('shows only the time for today, and the date too for another day', () => {
    expect(clock('2026-03-14T09:05:59.123Z', NOW)).toBe('09:05');
    expect(clock('2026-03-13T23:59:00Z', NOW)).toBe('2026-03-13 23:59');
  });

  it('shows the seconds when asked (event logs)', () => {
    expect(clock('2026-03-14T09:05:59.123Z', NOW, { seconds: true })).toBe('09:05:59');
  });

  it('shows a placeholder for a timestamp it cannot read', () => {
    expect(clock('yesterday', NOW)).toBe('--:--');
  });
});

describe('colours', () => {
  it('are ANSI codes when on and nothing at all when off (NO_COLOR, not a terminal)', () => {
    expect(colourName(createStyle(true), 'ana')).toMatch(/^\u001b\[1m\u001b\[\d+mana\u001b\[39m\u001b\[22m$/u);
    expect(colourName(createStyle(false), 'ana')).toBe('ana');
  });

  it('give a name the same colour every time, and different names different colours', () => {
    const style = createStyle(true);
    expect(colourName(style, 'ana')).toBe(colourName(style, 'ana'));
    const colours = new Set(['ana', 'bea', 'cy', 'dee', 'eve', 'fay'].map((name) => colourName(style, name).replace(name, '')));
    expect(colours.size).toBeGreaterThan(2);
  });
});

describe('count', () => {
  it('says one thing in the singular and any other number in the plural', () => {
    expect([0, 1, 2].map((n) => count(n, 'message'))).toEqual(['0 messages', '1 message', '2 messages']);
  });
});

describe('duration', () => {
  it('shows a span in its two largest units', () => {
    expect([0, 45, 183, 3600, 7322, 273_600].map(duration)).toEqual(['0s', '45s', '3m 03s', '1h 00m', '2h 02m', '3d 4h']);
  });
});

describe('bytes', () => {
  it('shows a count in powers of 1000 with one decimal', () => {
    expect([512, 1500, 2_345_678, 5e12, 7e15].map(bytes)).toEqual(['512 B', '1.5 kB', '2.3 MB', '5.0 TB', '7000.0 TB']);
  });
});
