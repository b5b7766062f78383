import { describe, expect, it } from 'vitest';
import { isCjk, needsSpaceBetween, removeCjkSpaces } from '../../main/ocr/cjk-spacing';

describe('CJK space removal', () => {
  it('drops spaces between Japanese characters', () => {
    expect(removeCjkSpaces('山路 を 登り な が ら 、 こ う 考 えた 。')).toBe('山路を登りながら、こう考えた。');
  });
  it('keeps spaces between Latin words and at script boundaries', () => {
    expect(removeCjkSpaces('The quick  brown fox')).toBe('The quick  brown fox');
    expect(removeCjkSpaces('メール hanako.sato@example.com')).toBe('メール hanako.sato@example.com');
    expect(removeCjkSpaces('生年月日 1985 年 4 月')).toBe('生年月日 1985 年 4 月');
  });
  it('treats full-width forms, kana marks and CJK punctuation as CJK', () => {
    expect(removeCjkSpaces('電話 ： ０３ ー １２')).toBe('電話：０３ー１２');
    expect(removeCjkSpaces('「 本 」 と 〒')).toBe('「本」と〒');
    expect(isCjk('ー')).toBe(true);
    expect(isCjk('a')).toBe(false);
    expect(isCjk('1')).toBe(false);
  });
  it('handles no-break spaces, leading/trailing spaces and newlines', () => {
    expect(removeCjkSpaces('  漢\u00A0字  ')).toBe('  漢字  ');
    expect(removeCjkSpaces('漢\n字')).toBe('漢\n字');
  });
  it('decides word joins the same way', () => {
    expect(needsSpaceBetween('字', '漢')).toBe(false);
    expect(needsSpaceBetween('字', 'a')).toBe(true);
    expect(needsSpaceBetween('a', 'b')).toBe(true);
  });
});
