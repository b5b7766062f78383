/**
 * Japanese labels for the field and recognizer names the store uses (name, phone_jp, postal_code…), so
 * the report reads as Japanese to its reader; findings.json keeps the machine names.
 */
const LABELS: Record<string, string> = {
  name: '氏名',
  name_kana: 'フリガナ',
  person: '氏名',
  email: 'メールアドレス',
  phone: '電話番号',
  phone_jp: '電話番号',
  tel: '電話番号',
  postal_code: '郵便番号',
  postal: '郵便番号',
  postal_jp: '郵便番号',
  postal_code_jp: '郵便番号',
  address_jp: '住所',
  address: '住所',
  birth_date: '生年月日',
  date: '日付',
  company: '会社名',
  my_number: 'マイナンバー',
  mynumber: 'マイナンバー',
  corporate_number: '法人番号',
  payment_card: 'クレジットカード番号',
  credit_card: 'クレジットカード番号',
  card: 'クレジットカード番号',
  digits: '番号',
  member_id: '会員ID',
  key: 'キー',
};

/** The Japanese label of a field or recognizer; an unknown name is shown as it is. */
export function fieldLabel(field: string): string {
  return LABELS[field.toLowerCase()] ?? field;
}

const SHORT: Record<string, string> = {
  氏名: '氏名', フリガナ: 'カナ', メールアドレス: 'メール', 電話番号: '電話', 郵便番号: '〒', 住所: '住所', 生年月日: '生年月日',
  クレジットカード番号: 'カード', マイナンバー: 'マイナンバー', 法人番号: '法人番号', 会社名: '会社',
};

/** The shortest clear label, for one-line table cells. */
export function shortFieldLabel(field: string): string {
  const l = fieldLabel(field);
  return SHORT[l] ?? l;
}
