import { describe, expect, it } from 'vitest';
import { maskValue as reportMask } from '../../main/report/mask';
import { guessField, maskValue } from '../../main/services/masking';
import { guessKeyColumn, mapOption } from '../../main/services/leak-preview';

describe('masked preview values', () => {
  it.each([
    ['山田 太郎', '山田 **'],
    ['山田　太郎', '山田 **'],
    ['yamada.taro@example.jp', 'y***@example.jp'],
    ['090-1234-5678', '090-****-5678'],
    ['123-4567', '***-**67'],
    ['1985/04/12', '****/**/12'],
    // An address keeps prefecture and municipality, as in the report.
    ['東京都千代田区丸の内1-1', '東京都千代田区***'],
    // Unknown kinds are masked as the report masks them: first and last character kept.
    ['M10001', 'M****1'],
    ['', ''],
  ])('%s → %s', (raw, masked) => {
    expect(maskValue(raw)).toBe(masked);
  });

  it.each([
    ['yamada.taro@example.jp', 'email'],
    ['090-1234-5678', 'phone'],
    ['123-4567', 'digits'],
    ['山田　太郎', 'name'],
    ['大阪府大阪市北区梅田1-1', 'address'],
    ['M10001', 'generic'],
  ] as const)('guesses %s as %s and masks it as the report masks that field', (raw, field) => {
    expect(guessField(raw)).toBe(field);
    expect(maskValue(raw)).toBe(reportMask(field, raw));
  });
});

describe('wizard mapping → importer --map', () => {
  it('sets every field, clearing the ones the examiner left unmapped', () => {
    expect(mapOption(['ID', '氏名', 'mail'], { name: '氏名', email: 'mail' }, ['name', 'email', 'phone']))
      .toBe('name=2,email=3,phone=');
  });
});

describe('record key suggestion', () => {
  it('suggests an identifier column that is not personal data', () => {
    expect(guessKeyColumn(['会員番号', '氏名', '電話番号'], { name: '氏名', phone: '電話番号' })).toBe('会員番号');
    expect(guessKeyColumn(['customer_id', 'name', 'email'], { name: 'name', email: 'email' })).toBe('customer_id');
    expect(guessKeyColumn(['氏名', '電話番号'], { name: '氏名', phone: '電話番号' })).toBeNull();
  });
});
