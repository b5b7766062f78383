import { describe, expect, it } from 'vitest';
import { parseDate } from '../../main/detect/normalize/dates';
import { normalizeField, normalizePhone } from '../../main/detect/normalize/fields';
import { kanjiRunToDigits } from '../../main/detect/normalize/kanji-numerals';
import { foldKey, foldString, foldText } from '../../main/detect/normalize/match-fold';

describe('match folding', () => {
  it('folds width, case, kana, spaces and dashes the same on both sides', () => {
    expect(new Set(['山田 太郎', '山田太郎', '山田　太郎', '山田  太郎'].map(foldKey))).toEqual(new Set(['山田太郎']));
    expect(new Set(['ヤマダ タロウ', 'やまだたろう', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ・タロウ'].map(foldKey))).toEqual(new Set(['やまだたろう']));
    expect(foldKey('Taro.Yamada@EXAMPLE.com')).toBe('taro.yamada@example.com');
    expect(foldKey('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('taro@example.com');
    for (const s of ['090-1234-5678', '０９０－１２３４－５６７８', '090‐1234‑5678', '090–1234—5678', '090ー1234ー5678', '+81 90-1234-5678', '+81(0)90 1234 5678', '(090)1234-5678', '〇九〇ー一二三四ー五六七八']) {
      expect(foldKey(s), s).toBe('09012345678');
    }
  });
  it('keeps ー inside words and reads 一 between kana as ー', () => {
    expect(foldKey('ミーナ')).toBe('みーな');
    expect(foldKey('ミ一ナ')).toBe('みーな');
  });
  it('folds variant kanji and drops variation selectors', () => {
    expect(foldKey('髙橋')).toBe('高橋');
    expect(foldKey('山﨑')).toBe('山崎');
    expect(foldKey('渡邊')).toBe('渡辺');
    expect(foldKey('渡邉')).toBe('渡辺');
    expect(foldKey('齋藤')).toBe('斎藤');
    expect(foldKey('𠮷田')).toBe('吉田');
    expect(foldKey('辻\u{E0100}')).toBe('辻');
    expect(foldKey('葛\uFE00城')).toBe('葛城');
  });
  it('reads address numbers in kanji, digits and 丁目/番地/号 alike', () => {
    const forms = ['東京都千代田区丸の内一丁目2番3号', '東京都千代田区丸の内1-2-3', '東京都千代田区丸の内１－２－３', '東京都 千代田区 丸の内1丁目2番地3号', '東京都千代田区丸の内1丁目2-3'];
    expect(new Set(forms.map(foldKey))).toEqual(new Set(['東京都千代田区丸の内123']));
    expect(foldKey('千代田区')).toBe('千代田区'); // place names keep their kanji numerals
    expect(foldKey('鈴木一郎')).toBe('鈴木一郎');
    expect(kanjiRunToDigits('二十三')).toBe('23');
    expect(kanjiRunToDigits('百五')).toBe('105');
    expect(kanjiRunToDigits('十十')).toBeNull();
  });
  it('reads OCR look-alikes as digits only next to digits', () => {
    expect(foldString('TEL O9O-l234-S678', { ocr: true }).text).toBe('tel09012345678');
    expect(foldString('tokyo1@example.com', { ocr: true }).text).toBe('tokyo1@example.com');
  });
  it('maps every folded code unit back to the original characters', () => {
    const chars = Array.from('電話：０９０－１２３４－５６７８です');
    const f = foldText(chars);
    const s = f.text.indexOf('09012345678');
    expect(chars.slice(f.start[s], f.end[s + 10]).join('')).toBe('０９０－１２３４－５６７８');
    const g = foldText(Array.from('ｶﾞｯｺｳ'));
    expect(g.text).toBe('がっこう');
    expect([g.start[0], g.end[0]]).toEqual([0, 2]); // ｶ + ﾞ
  });
});

describe('field normalizers', () => {
  it('normalizes phones (+81 → 0, digits only) and rejects non-numbers', () => {
    expect(normalizePhone('+81-90-1234-5678')).toBe('09012345678');
    expect(normalizePhone('03(1234)5678')).toBe('0312345678');
    expect(normalizePhone('81 3 1234 5678')).toBe('0312345678');
    expect(normalizePhone('1234')).toBeNull();
  });
  it('normalizes postal codes, emails, names, companies and dates', () => {
    expect(normalizeField('postal_code', '〒１００－０００１')).toBe('1000001');
    expect(normalizeField('postal_code', '100-001')).toBeNull();
    expect(normalizeField('email', ' Hanako@Example.JP ')).toBe('hanako@example.jp');
    expect(normalizeField('email', 'not an email')).toBeNull();
    expect(normalizeField('name', '髙橋　一郎')).toBe('高橋一郎');
    expect(normalizeField('name_kana', 'ﾀｶﾊｼ ｲﾁﾛｳ')).toBe('たかはしいちろう');
    expect(normalizeField('company', '株式会社山田商事')).toBe(normalizeField('company', '㈱山田商事'));
    expect(normalizeField('address', '北海道札幌市中央区北一条西2丁目1番地')).toBe('北海道札幌市中央区北一条西21');
  });
  it('parses 西暦 and 和暦 birth dates to ISO', () => {
    expect(parseDate('1985/3/4')).toBe('1985-03-04');
    expect(parseDate('１９８５年０３月０４日')).toBe('1985-03-04');
    expect(parseDate('19850304')).toBe('1985-03-04');
    expect(parseDate('昭和60年3月4日')).toBe('1985-03-04');
    expect(parseDate('S60.3.4')).toBe('1985-03-04');
    expect(parseDate('平成元年1月8日')).toBe('1989-01-08');
    expect(parseDate('令和2年2月29日')).toBe('2020-02-29');
    expect(parseDate('2021/2/29')).toBeNull();
    expect(parseDate('1985-03-04T00:00:00.000Z')).toBe('1985-03-04');
  });
});
