import { describe, expect, it } from 'vitest';
import { maskValue } from '../../main/services/masking';
import { guessKeyColumn, mapOption } from '../../main/services/leak-preview';

describe('masked preview values', () => {
  it.each([
    ['山田 太郎', '山田 **'],
    ['山田　太郎', '山田 **'],
    ['yamada.taro@example.jp', 'y***@example.jp'],
    ['090-1234-5678', '090-****-5678'],
    ['123-4567', '***-**67'],
    ['1985/04/12', '****/**/12'],
    ['東京都千代田区', '東京*****'],
    ['M10001', 'M1****'],
    ['', ''],
  ])('%s → %s', (raw, masked) => {
    expect(maskValue(raw)).toBe(masked);
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
