/**
 * PII redaction — layer: domain (pure).
 *
 * What the AI logs may say about a customer's text (SECURITY.md §6): email addresses, phone
 * numbers, payment card numbers (digits that pass the Luhn check) and IBANs are replaced by a
 * label, so a log line keeps its shape without the personal data.
 */

const ibanPattern = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
const cardPattern = /\b\d(?:[ -]?\d){12,18}\b/g;
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const phonePattern = /(?<![\w])\+?\d[\d\s().-]{5,18}\d(?![\w])/g;

/** True when a digit string passes the Luhn checksum (payment card numbers do). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when an IBAN candidate's mod-97 check holds (ISO 13616). */
function validIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * The text with personal data replaced: `[iban]`, `[card]`, `[email]`, `[phone]`.
 *
 * @example
 * redactPii('Card 4111 1111 1111 1111, mail jo@shop.test, call +44 20 7946 0958')
 * // → 'Card [card], mail [email], call [phone]'
 */
export function redactPii(text: string): string {
  return text
    .replace(ibanPattern, (m) => (validIban(m) ? '[iban]' : m))
    .replace(cardPattern, (m) => (passesLuhn(m.replace(/[ -]/g, '')) ? '[card]' : m))
    .replace(emailPattern, '[email]')
    .replace(phonePattern, (m) => (m.replace(/\D/g, '').length >= 7 ? '[phone]' : m));
}
