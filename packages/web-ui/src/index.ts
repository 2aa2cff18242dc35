export { StatusLine } from './StatusLine.js';
export type { StatusLineProps, Tone } from './StatusLine.js';
export { useCountdown } from './useCountdown.js';
