import { describe, expect, it } from 'vitest';
import { NAME_MAX_CODE_POINTS, RESERVED_NAMES, isReservedName, nameKey, normalizeName } from './names.js';
import type { NameProblem } from './names.js';

function problemOf(raw: string): NameProblem | undefined {
  const result = normalizeName(raw);
  return result.ok ? undefined : result.problem;
}

function displayOf(raw: string): string | undefined {
  const result = normalizeName(raw);
  return result.ok ? result.name : undefined;
}

describe('normalizeName: valid names and display form', () => {
  it('trims surrounding whitespace', () => {
    expect(displayOf('  bob  ')).toBe('bob');
    expect(displayOf('\tbob\n')).toBe('bob');
    // U+3000 IDEOGRAPHIC SPACE becomes U+0020 under NFKC and is trimmed too.
    expect(displayOf('\u3000bob\u3000')).toBe('bob');
  });

  it('keeps case in the display form', () => {
    expect(displayOf('Alice')).toBe('Alice');
    expect(displayOf('ALICE')).toBe('ALICE');
  });

  it('applies NFKC', () => {
    expect(displayOf('ｂｏｂ')).toBe('bob');
    expect(displayOf('Ａlice')).toBe('Alice');
    // Decomposed input comes back composed.
    expect(displayOf('Zoe\u0308')).toBe('Zo\u00EB');
    expect(displayOf('Jose\u0301')).toBe('Jos\u00E9');
  });

  it('allows digits, "_", "-" and "."', () => {
    expect(displayOf('juan_perez-2.0')).toBe('juan_perez-2.0');
    expect(displayOf('r2d2')).toBe('r2d2');
  });

  it('allows letters with accents and combining marks', () => {
    expect(displayOf('José')).toBe('José');
    expect(displayOf('Zoë')).toBe('Zoë');
    expect(displayOf('Ñandú')).toBe('Ñandú');
    expect(displayOf('Müller')).toBe('Müller');
  });

  it('allows single-script names in other scripts', () => {
    expect(displayOf('Ольга')).toBe('Ольга');
    expect(displayOf('Αθηνά')).toBe('Αθηνά');
    expect(displayOf('محمد')).toBe('محمد');
    expect(displayOf('שרה')).toBe('שרה');
    expect(displayOf('देवनागरी')).toBe('देवनागरी');
  });

  it('allows Japanese names mixing Han, Hiragana and Katakana', () => {
    expect(displayOf('山田たろう')).toBe('山田たろう');
    expect(displayOf('カタカナ漢字')).toBe('カタカナ漢字');
    expect(displayOf('さくらサクラ桜')).toBe('さくらサクラ桜');
    // U+30FC (prolonged sound mark) belongs to both kana scripts.
    expect(displayOf('ターロー')).toBe('ターロー');
  });

  it('allows Korean names mixing Han and Hangul', () => {
    expect(displayOf('김철수')).toBe('김철수');
    expect(displayOf('金철수')).toBe('金철수');
  });

  it('allows Chinese names mixing Han and Bopomofo', () => {
    expect(displayOf('漢ㄅㄆ')).toBe('漢ㄅㄆ');
  });

  it('allows Latin together with the Japanese, Korean and Chinese combinations (UTS #39)', () => {
    expect(displayOf('Taro山田')).toBe('Taro山田');
    expect(displayOf('Taroたろう')).toBe('Taroたろう');
    expect(displayOf('Kim김')).toBe('Kim김');
    expect(displayOf('Lin漢ㄅ')).toBe('Lin漢ㄅ');
  });

  it('allows names made only of digits and punctuation shared by every script', () => {
    expect(displayOf('2024')).toBe('2024');
    expect(displayOf('Ольга_2')).toBe('Ольга_2');
  });

  it('accepts exactly NAME_MAX_CODE_POINTS code points', () => {
    expect(NAME_MAX_CODE_POINTS).toBe(32);
    expect(displayOf('a'.repeat(32))).toBe('a'.repeat(32));
    // Counted in code points, not UTF-16 units: 32 Deseret letters are 64 units.
    const deseret = '\u{10400}'.repeat(32);
    expect(deseret.length).toBe(64);
    expect(displayOf(deseret)).toBe(deseret);
  });

  it('counts the length after NFKC and trimming', () => {
    expect(displayOf(`   ${'b'.repeat(32)}   `)).toBe('b'.repeat(32));
    expect(displayOf('ｂ'.repeat(32))).toBe('b'.repeat(32));
  });

  it('is idempotent', () => {
    for (const raw of ['  Alice ', 'ｂｏｂ', 'Zoe\u0308', '山田たろう', 'Taro山田', 'Straße']) {
      const once = displayOf(raw);
      expect(once).toBeDefined();
      expect(displayOf(once ?? '')).toBe(once);
    }
  });
});

describe('normalizeName: invalid names', () => {
  it('reports empty and whitespace-only names as vacio', () => {
    expect(problemOf('')).toBe('vacio');
    expect(problemOf('   ')).toBe('vacio');
    expect(problemOf('\t\n')).toBe('vacio');
    expect(problemOf('\u3000')).toBe('vacio');
  });

  it('reports more than NAME_MAX_CODE_POINTS code points as demasiado_largo', () => {
    expect(problemOf('a'.repeat(33))).toBe('demasiado_largo');
    expect(problemOf('\u{10400}'.repeat(33))).toBe('demasiado_largo');
    // NFKC can lengthen: U+FB03 (ﬃ) becomes "ffi".
    expect(problemOf('\uFB03'.repeat(11))).toBe('demasiado_largo');
    expect(problemOf('\uFB03'.repeat(10))).toBeUndefined();
  });

  it('rejects spaces inside the name', () => {
    expect(problemOf('juan perez')).toBe('caracter_no_permitido');
    expect(problemOf('juan\u00A0perez')).toBe('caracter_no_permitido');
  });

  it('rejects zero-width characters', () => {
    expect(problemOf('ali\u200Bce')).toBe('caracter_no_permitido');
    expect(problemOf('ali\u200Dce')).toBe('caracter_no_permitido');
    expect(problemOf('ali\u200Cce')).toBe('caracter_no_permitido');
    expect(problemOf('\u200Balice')).toBe('caracter_no_permitido');
    expect(problemOf('alice\uFEFFx')).toBe('caracter_no_permitido');
  });

  it('rejects bidi control characters', () => {
    expect(problemOf('alice\u202Eevil')).toBe('caracter_no_permitido');
    expect(problemOf('\u2066alice\u2069')).toBe('caracter_no_permitido');
    expect(problemOf('alice\u200F')).toBe('caracter_no_permitido');
  });

  it('rejects control characters', () => {
    expect(problemOf('ali\u0000ce')).toBe('caracter_no_permitido');
    expect(problemOf('ali\u001Bce')).toBe('caracter_no_permitido');
    expect(problemOf('ali\u007Fce')).toBe('caracter_no_permitido');
    expect(problemOf('ali\nce')).toBe('caracter_no_permitido');
  });

  it('rejects emoji and symbols', () => {
    expect(problemOf('alice😀')).toBe('caracter_no_permitido');
    expect(problemOf('👍')).toBe('caracter_no_permitido');
    expect(problemOf('<script>')).toBe('caracter_no_permitido');
    expect(problemOf('alice@home')).toBe('caracter_no_permitido');
    expect(problemOf('a/b')).toBe('caracter_no_permitido');
  });

  it('names the offending character as U+XXXX in detalle', () => {
    const result = normalizeName('ali\u200Bce');
    expect(result).toMatchObject({ ok: false, problem: 'caracter_no_permitido' });
    expect(result.ok ? '' : result.detalle).toContain('U+200B');
    const emoji = normalizeName('a😀');
    expect(emoji.ok ? '' : emoji.detalle).toContain('U+1F600');
  });

  it('rejects Cyrillic mixed with Latin', () => {
    // U+0430 CYRILLIC SMALL LETTER A + Latin "lice".
    expect(problemOf('\u0430lice')).toBe('mezcla_de_escrituras');
    const result = normalizeName('\u0430lice');
    expect(result.ok ? '' : result.detalle).toMatch(/Cyrl.*Latn/);
  });

  it('rejects Greek mixed with Latin', () => {
    expect(problemOf('\u03B1lpha')).toBe('mezcla_de_escrituras');
    expect(problemOf('Alpha\u0392')).toBe('mezcla_de_escrituras');
  });

  it('rejects combinations UTS #39 does not allow even with CJK', () => {
    // Hiragana with Hangul, Cyrillic with Han, Latin + Cyrillic + Han.
    expect(problemOf('たろう김')).toBe('mezcla_de_escrituras');
    expect(problemOf('Ольга山')).toBe('mezcla_de_escrituras');
    expect(problemOf('Taro山田\u0430')).toBe('mezcla_de_escrituras');
  });

  it('rejects digits of another script next to Latin letters', () => {
    // U+0663 ARABIC-INDIC DIGIT THREE.
    expect(problemOf('abc\u0663')).toBe('mezcla_de_escrituras');
  });
});

describe('nameKey', () => {
  it('folds case and width: alice, ALICE, Alice and fullwidth ａｌｉｃｅ share one key', () => {
    const key = nameKey('alice');
    expect(nameKey('ALICE')).toBe(key);
    expect(nameKey('Alice')).toBe(key);
    expect(nameKey('ａｌｉｃｅ')).toBe(key);
    expect(nameKey('ａlice')).toBe(key);
  });

  it('gives all-Cyrillic асе the key of Latin ace', () => {
    const cyrillic = '\u0430\u0441\u0435';
    expect(normalizeName(cyrillic).ok).toBe(true);
    expect(nameKey(cyrillic)).toBe(nameKey('ace'));
    expect(nameKey('\u0410\u0421\u0415')).toBe(nameKey('ACE'));
  });

  it('maps visually confusable Latin sequences together', () => {
    expect(nameKey('rn')).toBe(nameKey('m'));
    expect(nameKey('l1')).toBe(nameKey('ll'));
    expect(nameKey('0scar')).toBe(nameKey('Oscar'));
  });

  it('folds ß and final sigma like full case folding', () => {
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('ΟΔΟΣ')).toBe(nameKey('οδοσ'));
    expect(nameKey('οδος')).toBe(nameKey('οδοσ'));
  });

  it('treats composed and decomposed accents alike', () => {
    expect(nameKey('Jos\u00E9')).toBe(nameKey('Jose\u0301'));
  });

  it('keeps different names apart', () => {
    expect(nameKey('alice')).not.toBe(nameKey('alicia'));
    expect(nameKey('bob')).not.toBe(nameKey('rob'));
    expect(nameKey('山田')).not.toBe(nameKey('田山'));
  });
});

describe('isReservedName', () => {
  it('reserves servidor, sistema and admin', () => {
    expect(RESERVED_NAMES).toEqual(['servidor', 'sistema', 'admin']);
    for (const name of RESERVED_NAMES) expect(isReservedName(name)).toBe(true);
  });

  it('compares keys: case, width and confusables do not escape', () => {
    expect(isReservedName('servidor')).toBe(true);
    expect(isReservedName('SISTEMA')).toBe(true);
    expect(isReservedName('Admin')).toBe(true);
    expect(isReservedName('ADMIN')).toBe(true);
    expect(isReservedName('ａｄｍｉｎ')).toBe(true);
    expect(isReservedName('adrnin')).toBe(true);
    expect(isReservedName('Servid0r')).toBe(true);
    expect(isReservedName('SERVID0R')).toBe(true);
    expect(isReservedName('\u0430dmin')).toBe(true);
  });

  it('does not reserve ordinary names', () => {
    expect(isReservedName('alicia')).toBe(false);
    expect(isReservedName('administrador')).toBe(false);
    expect(isReservedName('servidora')).toBe(false);
  });

  it('reserves configured extra names, compared by key as well', () => {
    const extra = ['moderador', 'Bot'];
    expect(isReservedName('moderador', extra)).toBe(true);
    expect(isReservedName('MODERADOR', extra)).toBe(true);
    expect(isReservedName('bot', extra)).toBe(true);
    expect(isReservedName('B0T', extra)).toBe(true);
    expect(isReservedName('moderador')).toBe(false);
    expect(isReservedName('alicia', extra)).toBe(false);
    expect(isReservedName('admin', extra)).toBe(true);
  });
});
