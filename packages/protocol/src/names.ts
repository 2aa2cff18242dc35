// User name rules (docs/protocol.md, "Names").
//
// A name is NFKC-normalized and trimmed, then it must be 1..32 code points of letters, combining
// marks, decimal digits, `_`, `-` and `.`, in a script combination that UTS #39 calls "Highly
// Restrictive". The display form keeps case; uniqueness and reserved names are compared on the
// key: case fold, then the UTS #39 confusable skeleton.
//
// Runs in Node and in browsers: no node: imports. Script data comes from the engine's own
// `\p{Script_Extensions=…}` regexes; confusable data from Unicode's confusables.txt as shipped by
// the `unhomoglyph` package. All tables are built lazily, on first use.

import confusablesJson from 'unhomoglyph/data.json' with { type: 'json' };

export const NAME_MAX_CODE_POINTS = 32;

export const RESERVED_NAMES: readonly string[] = Object.freeze(['servidor', 'sistema', 'admin']);

export type NameProblem = 'vacio' | 'demasiado_largo' | 'caracter_no_permitido' | 'mezcla_de_escrituras';

export type NormalizedName = { ok: true; name: string } | { ok: false; problem: NameProblem; detalle: string };

/** One code point allowed in a name: letter, combining mark, decimal digit, `_`, `-`, `.`. */
const ALLOWED_CHAR = /^[\p{L}\p{M}\p{Nd}_.-]$/u;

/**
 * NFKC, trim, then the rules. On success `name` is the display form (case kept), which is what
 * the server stores and shows; compare names with {@link nameKey}, never with `===`.
 */
export function normalizeName(raw: string): NormalizedName {
  const name = raw.normalize('NFKC').trim();
  const chars = Array.from(name);
  if (chars.length === 0) {
    return { ok: false, problem: 'vacio', detalle: 'El nombre está vacío.' };
  }
  if (chars.length > NAME_MAX_CODE_POINTS) {
    return {
      ok: false,
      problem: 'demasiado_largo',
      detalle: `El nombre tiene ${chars.length} caracteres; el máximo es ${NAME_MAX_CODE_POINTS}.`,
    };
  }
  for (const ch of chars) {
    if (!ALLOWED_CHAR.test(ch)) {
      return {
        ok: false,
        problem: 'caracter_no_permitido',
        detalle: `El carácter ${codePointLabel(ch)} no está permitido en un nombre (solo letras, marcas, dígitos, «_», «-» y «.»).`,
      };
    }
  }
  if (!isHighlyRestrictive(chars)) {
    return {
      ok: false,
      problem: 'mezcla_de_escrituras',
      detalle: `El nombre mezcla escrituras que no pueden ir juntas (${scriptsUsed(chars).join(', ')}).`,
    };
  }
  return { ok: true, name };
}

/**
 * The comparison key of a name: NFKC, case fold, then the UTS #39 skeleton. Two names with the
 * same key are the same name (`Alice`, `ALICE`, `ａｌｉｃｅ`; Cyrillic `асе` and Latin `ace`).
 * The key is for comparison only, never for display (`m` becomes `rn`, `1` becomes `l`).
 *
 * The skeleton is then folded and skeletonized once more, because some confusables.txt
 * prototypes are capitals: `0` maps to `O`, Cherokee `Ꭰ` to `D`, and after the first fold the
 * names they imitate (`oscar`, `d…`) hold lower-case letters. This only merges more names than
 * skeleton(fold(x)) alone: equal keys under that stay equal under this.
 */
export function nameKey(displayName: string): string {
  const once = skeleton(caseFold(displayName.normalize('NFKC').trim()));
  return skeleton(caseFold(once));
}

let builtinReservedKeys: ReadonlySet<string> | undefined;

/** Whether the name's key equals the key of a reserved name, built-in or configured (`extra`). */
export function isReservedName(displayName: string, extra: readonly string[] = []): boolean {
  const key = nameKey(displayName);
  builtinReservedKeys ??= new Set(RESERVED_NAMES.map(nameKey));
  return builtinReservedKeys.has(key) || extra.some((reserved) => nameKey(reserved) === key);
}

function codePointLabel(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Case folding

/**
 * Full case folding approximated with the engine's case mappings: upper then lower folds `ß`/`ẞ`
 * to `ss` and the Greek symbol variants (`ϐ`, `ϑ`, ...) to their letters; final sigma is folded
 * by hand because toLowerCase() re-creates it from context. NFKC again because case mapping can
 * leave a string that is no longer NFKC.
 */
function caseFold(s: string): string {
  return s.toUpperCase().toLowerCase().replaceAll('ς', 'σ').normalize('NFKC');
}

// ---------------------------------------------------------------------------------------------
// Confusable skeleton (UTS #39 section 4)

let prototypes: ReadonlyMap<string, string> | undefined;

/** confusables.txt: source code point -> prototype (one or more code points). */
function confusablePrototypes(): ReadonlyMap<string, string> {
  prototypes ??= new Map(Object.entries(confusablesJson as Readonly<Record<string, string>>));
  return prototypes;
}

/** skeleton(X): NFD, replace every code point by its prototype, NFD again. */
function skeleton(s: string): string {
  const table = confusablePrototypes();
  let out = '';
  for (const ch of s.normalize('NFD')) out += table.get(ch) ?? ch;
  return out.normalize('NFD');
}

// ---------------------------------------------------------------------------------------------
// Scripts (UTS #39 section 5.1, mixed-script detection, and section 5.2, restriction levels)

/**
 * ISO 15924 codes of the Unicode scripts (Unicode 17). Codes the running engine does not know are
 * dropped at first use; a letter from a script missing here gets the pseudo-script `Zzzz`, so it
 * can stand alone but not mix with known scripts. Zyyy (Common) and Zinh (Inherited) are handled
 * apart: they go with every script.
 */
const SCRIPT_CODES: readonly string[] = [
  'Adlm', 'Aghb', 'Ahom', 'Arab', 'Armi', 'Armn', 'Avst', 'Bali', 'Bamu', 'Bass', 'Batk', 'Beng',
  'Berf', 'Bhks', 'Bopo', 'Brah', 'Brai', 'Bugi', 'Buhd', 'Cakm', 'Cans', 'Cari', 'Cham', 'Cher',
  'Chrs', 'Copt', 'Cpmn', 'Cprt', 'Cyrl', 'Deva', 'Diak', 'Dogr', 'Dsrt', 'Dupl', 'Egyp',
  'Elba', 'Elym', 'Ethi', 'Gara', 'Geor', 'Glag', 'Gong', 'Gonm', 'Goth', 'Gran', 'Grek', 'Gujr',
  'Gukh', 'Guru', 'Hang', 'Hani', 'Hano', 'Hatr', 'Hebr', 'Hira', 'Hluw', 'Hmng', 'Hmnp', 'Hung',
  'Ital', 'Java', 'Kali', 'Kana', 'Kawi', 'Khar', 'Khmr', 'Khoj', 'Kits', 'Knda', 'Krai', 'Kthi',
  'Lana', 'Laoo', 'Latn', 'Lepc', 'Limb', 'Lina', 'Linb', 'Lisu', 'Lyci', 'Lydi', 'Mahj', 'Maka',
  'Mand', 'Mani', 'Marc', 'Medf', 'Mend', 'Merc', 'Mero', 'Mlym', 'Modi', 'Mong', 'Mroo', 'Mtei',
  'Mult', 'Mymr', 'Nagm', 'Nand', 'Narb', 'Nbat', 'Newa', 'Nkoo', 'Nshu', 'Ogam', 'Olck', 'Onao',
  'Orkh', 'Orya', 'Osge', 'Osma', 'Ougr', 'Palm', 'Pauc', 'Perm', 'Phag', 'Phli', 'Phlp', 'Phnx',
  'Plrd', 'Prti', 'Rjng', 'Rohg', 'Runr', 'Samr', 'Sarb', 'Saur', 'Sgnw', 'Shaw', 'Shrd', 'Sidd',
  'Sidt', 'Sind', 'Sinh', 'Sogd', 'Sogo', 'Sora', 'Soyo', 'Sund', 'Sunu', 'Sylo', 'Syrc', 'Tagb',
  'Takr', 'Tale', 'Talu', 'Taml', 'Tang', 'Tavt', 'Tayo', 'Telu', 'Tfng', 'Tglg', 'Thaa', 'Thai',
  'Tibt', 'Tirh', 'Tnsa', 'Todr', 'Tols', 'Toto', 'Tutg', 'Ugar', 'Vaii', 'Vith', 'Wara', 'Wcho',
  'Xpeo', 'Xsux', 'Yezi', 'Yiii', 'Zanb',
];

/** Common or Inherited: the character goes with any script. */
const ANY_SCRIPT = Symbol('any script');
type ScriptSet = ReadonlySet<string> | typeof ANY_SCRIPT;

interface CharScripts {
  /** Script_Extensions as the engine reports them. */
  readonly raw: ScriptSet;
  /** Augmented per UTS #39 5.1: Hani → +Hanb +Jpan +Kore; Hira, Kana → +Jpan; Hang → +Kore; Bopo → +Hanb. */
  readonly augmented: ScriptSet;
}

const COMMON_OR_INHERITED = /^[\p{scx=Zyyy}\p{scx=Zinh}]$/u;

let scriptTests: readonly (readonly [string, RegExp])[] | undefined;

function knownScriptTests(): readonly (readonly [string, RegExp])[] {
  if (scriptTests === undefined) {
    const tests: (readonly [string, RegExp])[] = [];
    for (const code of SCRIPT_CODES) {
      try {
        tests.push([code, new RegExp(`^\\p{scx=${code}}$`, 'u')]);
      } catch {
        // Script newer than this engine's Unicode data.
      }
    }
    scriptTests = tests;
  }
  return scriptTests;
}

/** Per code point, bounded so that a stream of distinct exotic letters cannot grow it forever. */
const scriptCache = new Map<string, CharScripts>();
const SCRIPT_CACHE_MAX = 4096;

function charScripts(ch: string): CharScripts {
  const cached = scriptCache.get(ch);
  if (cached !== undefined) return cached;
  let result: CharScripts;
  if (COMMON_OR_INHERITED.test(ch)) {
    result = { raw: ANY_SCRIPT, augmented: ANY_SCRIPT };
  } else {
    const raw = new Set<string>();
    for (const [code, re] of knownScriptTests()) if (re.test(ch)) raw.add(code);
    if (raw.size === 0) raw.add('Zzzz');
    const augmented = new Set(raw);
    if (raw.has('Hani')) for (const s of ['Hanb', 'Jpan', 'Kore']) augmented.add(s);
    if (raw.has('Hira') || raw.has('Kana')) augmented.add('Jpan');
    if (raw.has('Hang')) augmented.add('Kore');
    if (raw.has('Bopo')) augmented.add('Hanb');
    result = { raw, augmented };
  }
  if (scriptCache.size >= SCRIPT_CACHE_MAX) scriptCache.clear();
  scriptCache.set(ch, result);
  return result;
}

/**
 * The resolved script set (UTS #39 5.1): intersection of the augmented script sets. With
 * `withoutLatin`, characters whose Script_Extensions include Latin are left out (ICU's
 * getResolvedScriptSetWithout).
 */
function resolvedScriptSet(chars: readonly string[], withoutLatin: boolean): ScriptSet {
  let resolved: ScriptSet = ANY_SCRIPT;
  for (const ch of chars) {
    const { raw, augmented } = charScripts(ch);
    if (augmented === ANY_SCRIPT) continue;
    if (withoutLatin && raw !== ANY_SCRIPT && raw.has('Latn')) continue;
    if (resolved === ANY_SCRIPT) {
      resolved = augmented;
    } else {
      const narrowed = new Set<string>();
      for (const s of resolved) if (augmented.has(s)) narrowed.add(s);
      resolved = narrowed;
      if (narrowed.size === 0) break;
    }
  }
  return resolved;
}

/**
 * UTS #39 5.2 "Highly Restrictive", as ICU computes it: a single script (non-empty resolved set),
 * or, leaving Latin out, a set that still contains Jpan, Kore or Hanb — that is, Latin plus
 * Han/Hiragana/Katakana, Han/Hangul or Han/Bopomofo.
 */
function isHighlyRestrictive(chars: readonly string[]): boolean {
  const all = resolvedScriptSet(chars, false);
  if (all === ANY_SCRIPT || all.size > 0) return true;
  const nonLatin = resolvedScriptSet(chars, true);
  return nonLatin === ANY_SCRIPT || nonLatin.has('Jpan') || nonLatin.has('Kore') || nonLatin.has('Hanb');
}

/** Scripts of the name's characters, for the error message. */
function scriptsUsed(chars: readonly string[]): string[] {
  const used = new Set<string>();
  for (const ch of chars) {
    const { raw } = charScripts(ch);
    if (raw !== ANY_SCRIPT) for (const s of raw) used.add(s);
  }
  return [...used].sort();
}
