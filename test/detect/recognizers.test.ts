import { describe, expect, it } from 'vitest';
import { isValidCorporateNumber, isValidMyNumber, luhnValid } from '../../main/detect/recognizers/check-digits';
import { recognize } from '../../main/detect/recognizers/index';
import { foldString } from '../../main/detect/normalize/match-fold';
import type { PiiType } from '../../main/detect/recognizers/types';

function find(text: string, type: PiiType) {
  const f = foldString(text, { keepSeparators: true });
  return recognize(f.text).filter((x) => x.type === type).map((x) => ({ text: Array.from(text).slice(f.start[x.start], f.end[x.end - 1]).join(''), score: x.score, value: x.value }));
}

describe('recognizers', () => {
  it('email', () => {
    expect(find('連絡はメール：Taro.Yamada@example.co.jpまで', 'email').map((x) => x.value)).toEqual(['taro.yamada@example.co.jp']);
    expect(find('ｍａｉｌ：ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'email')[0].text).toBe('ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ');
  });
  it('phone_jp: mobile, landline, +81, full-width, glued to kanji; not inside longer numbers', () => {
    expect(find('電話090-1234-5678まで', 'phone_jp')[0]).toMatchObject({ text: '090-1234-5678', value: '09012345678' });
    expect(find('TEL:０３－１２３４－５６７８', 'phone_jp')[0].value).toBe('0312345678');
    expect(find('+81 90 1234 5678', 'phone_jp')[0].value).toBe('09012345678');
    expect(find('携帯09012345678', 'phone_jp')[0].score).toBeGreaterThan(find('09012345678', 'phone_jp')[0].score);
    expect(find('注文番号1090123456789', 'phone_jp')).toEqual([]);
    expect(find('090-1234-5678-9', 'phone_jp')).toEqual([]);
  });
  it('postal_code_jp', () => {
    expect(find('〒100-0001東京都', 'postal_code_jp')[0]).toMatchObject({ value: '1000001', score: 0.9 });
    expect(find('〒１０００００１', 'postal_code_jp')[0].value).toBe('1000001');
    expect(find('郵便番号 530-0001', 'postal_code_jp')[0].score).toBeGreaterThan(find('品目 530-0001', 'postal_code_jp')[0].score);
  });
  it('my_number: check digit, context raises, negative context lowers', () => {
    expect(isValidMyNumber('123456789018')).toBe(true);
    expect(isValidMyNumber('123456789012')).toBe(false);
    expect(find('個人番号123456789018', 'my_number')[0].score).toBeGreaterThanOrEqual(0.85);
    expect(find('番号 1234 5678 9018 です', 'my_number')[0].score).toBeLessThan(0.5);
    expect(find('123456789018円', 'my_number')[0].score).toBeLessThan(0.1);
    expect(find('マイナンバー123456789012', 'my_number')).toEqual([]);
  });
  it('corporate_number: check digit', () => {
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    expect(isValidCorporateNumber('8000012050002')).toBe(false);
    expect(find('法人番号：７０００－０１２０５０００２'.replace(/－/g, ''), 'corporate_number')[0]).toMatchObject({ value: '7000012050002' });
  });
  it('payment_card: Luhn and brand prefix; JAN codes (45/49) are negative', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(find('カード番号 4111-1111-1111-1111', 'payment_card')[0].score).toBeGreaterThan(0.9);
    expect(find('4111 1111 1111 1112', 'payment_card')).toEqual([]);
    expect(find('JAN 4901234567894', 'payment_card')[0].score).toBeLessThan(0.2);
    expect(find('4111 1111 1111 1111', 'my_number')).toEqual([]); // part of a longer grouped number
  });
  it('birth_date: 西暦 and 和暦 (kanji numerals too), context matters', () => {
    expect(find('生年月日：昭和六十年三月四日', 'birth_date')[0]).toMatchObject({ value: '1985-03-04' });
    expect(find('生年月日 1985/03/04', 'birth_date')[0].score).toBeGreaterThan(0.8);
    expect(find('発行 2020年1月5日', 'birth_date')[0].score).toBeLessThan(0.5);
    expect(find('H元.1.8生まれ', 'birth_date')[0].value).toBe('1989-01-08');
    expect(find('1985/02/30', 'birth_date')).toEqual([]);
  });
  it('address_jp: prefecture + its municipality, with block numbers', () => {
    expect(find('住所：東京都千代田区丸の内一丁目2番3号 山田', 'address_jp')[0].text).toBe('東京都千代田区丸の内一丁目2番3号');
    expect(find('大阪府大阪市北区梅田', 'address_jp')[0].text).toBe('大阪府大阪市北区');
    expect(find('東京都大阪市北区', 'address_jp')).toEqual([]);
  });
});
