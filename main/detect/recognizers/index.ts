import { addressRecognizer } from './address-jp';
import { birthDateRecognizer } from './birth-date';
import { emailRecognizer } from './email';
import { corporateNumberRecognizer, myNumberRecognizer, paymentCardRecognizer } from './numbers';
import { phoneRecognizer } from './phone-jp';
import { postalCodeRecognizer } from './postal-code-jp';
import type { PiiFinding, Recognizer } from './types';

export const DEFAULT_RECOGNIZERS: readonly Recognizer[] = [
  emailRecognizer, phoneRecognizer, postalCodeRecognizer, myNumberRecognizer, corporateNumberRecognizer,
  paymentCardRecognizer, birthDateRecognizer, addressRecognizer,
];

/** Runs every recognizer over recognizer text; findings sorted by position. */
export function recognize(text: string, recognizers: readonly Recognizer[] = DEFAULT_RECOGNIZERS): PiiFinding[] {
  const all = recognizers.flatMap((r) => r.find(text));
  return all.sort((a, b) => a.start - b.start || b.end - a.end);
}
