import { codePointLength } from '../../lib/codePoints';

export interface ContentCount {
  /** Shown only near the limit: most messages never see it. */
  readonly visible: boolean;
  /** Code points left; negative past the limit. */
  readonly remaining: number;
  readonly over: boolean;
}

/** The counter appears once this share of the limit is used. */
export const COUNTER_FROM = 0.9;

/** The message box's counter against `contenido_max`, counted in code points as the server does. */
export function contentCount(text: string, max: number): ContentCount {
  const used = codePointLength(text);
  const remaining = max - used;
  return { visible: used >= max * COUNTER_FROM, remaining, over: remaining < 0 };
}
