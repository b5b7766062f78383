import { hasCardPrefix, isValidCorporateNumber, isValidMyNumber, luhnValid } from './check-digits';
import { contextWords, NUMBER_NEGATIVE, scoreWithContext } from './context';
import { patternRecognizer } from './pattern-recognizer';

// Long digit strings, grouped or not. Lookarounds instead of \b so 番号123456789018です is found.
const MY_NUMBER = /(?<!\d[\- ]?)\d{4}[\- ]?\d{4}[\- ]?\d{4}(?![\- ]?\d)/g;
const CORPORATE = /(?<![0-9\-])\d{13}(?![0-9]|-\d)/g;
const CARD = /(?<!\d[\- ]?)\d(?:[\- ]?\d){12,18}(?![\- ]?\d)/g;

const MY_NUMBER_CONTEXT = contextWords(['マイナンバー', '個人番号', 'my number', 'mynumber', '通知カード']);
const CORPORATE_CONTEXT = contextWords(['法人番号', '登録番号', 'インボイス', '会社', '法人']);
const CARD_CONTEXT = contextWords(['カード', 'クレジット', 'card', 'visa', 'master', 'jcb', 'amex', 'diners', '有効期限', 'セキュリティ']);

export const myNumberRecognizer = patternRecognizer('my_number', MY_NUMBER, (m, text, start, end) => {
  const digits = m[0].replace(/\D/g, '');
  if (!isValidMyNumber(digits)) return null;
  // A random 12-digit string passes the check about one time in ten: without context it is a low-score hit.
  return { value: digits, score: scoreWithContext(text, start, end, {
    base: 0.3, boost: 0.6, positive: MY_NUMBER_CONTEXT, negative: NUMBER_NEGATIVE }) };
});

export const corporateNumberRecognizer = patternRecognizer('corporate_number', CORPORATE, (m, text, start, end) => {
  if (!isValidCorporateNumber(m[0])) return null;
  return { value: m[0], score: scoreWithContext(text, start, end, {
    base: 0.35, boost: 0.55, positive: CORPORATE_CONTEXT, negative: NUMBER_NEGATIVE }) };
});

export const paymentCardRecognizer = patternRecognizer('payment_card', CARD, (m, text, start, end) => {
  const digits = m[0].replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19 || !luhnValid(digits) || !hasCardPrefix(digits)) return null;
  // JAN/EAN-13 product codes (Japan: 45, 49) are 13 digits too: negative unless the context says card.
  const jan = digits.length === 13 && /^4[59]/.test(digits);
  const score = scoreWithContext(text, start, end, { base: jan ? 0.1 : 0.6, boost: 0.35, positive: CARD_CONTEXT, negative: NUMBER_NEGATIVE });
  return { value: digits, score: jan ? Math.min(score, 0.4) : score };
});
