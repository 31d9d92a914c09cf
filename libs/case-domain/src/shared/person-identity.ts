import { matching, optional, shortText, textUpTo, type DataOf } from './fields';

/**
 * Who a person is, as an officer types it. It reaches the domain only sealed with the person's own
 * key (`sealedIdentity` in the commands), so no field of it is ever stored, logged or published in
 * plaintext; this spec is what the API accepts before sealing, and what a sealed identity opens to.
 */
export const PERSON_IDENTITY = {
  fullName: shortText,
  /** Other names or aliases. */
  otherNames: optional(shortText),
  /** NIK: the 16-digit national identity number. */
  nik: optional(matching(/^[0-9]{16}$/, '16 digits (the NIK)')),
  passportNumber: optional(matching(/^[A-Z0-9]{5,12}$/, '5 to 12 capital letters or digits (a passport number)')),
  address: optional(textUpTo(500)),
  phone: optional(matching(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number')),
} as const;

export type PersonIdentity = DataOf<typeof PERSON_IDENTITY>;
