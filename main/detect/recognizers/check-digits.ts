/** My Number (個人番号): 12 digits, the last a check digit (総務省令 weights 2..7, 2..6, mod 11). */
export function isValidMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(digits[11 - n]);
    sum += p * (n <= 6 ? n + 1 : n - 5);
  }
  const r = sum % 11;
  return Number(digits[11]) === (r <= 1 ? 0 : 11 - r);
}

/** Corporate number (法人番号): 13 digits, the first a check digit (weights 1,2 alternating, mod 9). */
export function isValidCorporateNumber(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(digits[13 - n]) * (n % 2 === 1 ? 1 : 2);
  return Number(digits[0]) === 9 - (sum % 9);
}

/** Luhn (mod 10) check used by payment cards. */
export function luhnValid(digits: string): boolean {
  let sum = 0, double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of the card brands used in Japan (Visa, Mastercard, JCB, Amex, Diners, Discover/UnionPay). */
export function hasCardPrefix(d: string): boolean {
  return /^4/.test(d) || /^5[1-5]/.test(d) || /^2(2[2-9]|[3-6]\d|7[01]|720)/.test(d) || /^35(2[89]|[3-8]\d)/.test(d)
    || /^3[47]/.test(d) || /^3(0[0-5]|[689])/.test(d) || /^6(011|5|4[4-9]|2)/.test(d);
}
