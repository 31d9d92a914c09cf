import type { OpenAPIObject } from '@nestjs/swagger';

type Fragment = Record<string, unknown>;

const given = (...fields: string[]): Fragment => ({ required: fields });
const absent = (...fields: string[]): Fragment => ({ not: { anyOf: fields.map((f) => given(f)) } });
const valueOf = (field: string, ...values: unknown[]): Fragment => ({ properties: { [field]: { enum: values } }, required: [field] });

/** legalBasis and justification are given together or not at all (the override of a missing consent). */
const OVERRIDE = { oneOf: [given('legalBasis', 'justification'), absent('legalBasis', 'justification')] };

/**
 * The rules between fields that the domain's refinements enforce (libs/case-domain *.commands.ts),
 * said in the request schemas too, so a client, or a fuzzer, can tell a valid body from the
 * document alone. A refinement that JSON Schema cannot say (each sex and age band once in an
 * interception's counts) is only in its description.
 */
export const CROSS_FIELD_RULES: Readonly<Record<string, Fragment>> = {
  RegisterVictimDto: { oneOf: [{ ...given('birthDate'), ...absent('ageBand') }, { ...given('ageBand'), ...absent('birthDate') }] },
  RecordConsentDto: {
    allOf: [
      {
        anyOf: [
          { properties: { recipientAgencyTypes: { minItems: 1 } }, required: ['recipientAgencyTypes'] },
          { properties: { recipientUnitIds: { minItems: 1 } }, required: ['recipientUnitIds'] },
        ],
      },
      { oneOf: [{ ...valueOf('givenBy', 'GUARDIAN'), required: ['givenBy', 'guardianRef'] }, { ...valueOf('givenBy', 'VICTIM'), ...absent('guardianRef') }] },
    ],
  },
  FileIndictmentDto: {
    oneOf: [
      { ...valueOf('restitutionClaimed', true), required: ['restitutionClaimed', 'restitutionAmount'] },
      { ...valueOf('restitutionClaimed', false), ...absent('restitutionAmount') },
    ],
  },
  RecordVerdictDto: { anyOf: [valueOf('outcome', 'CONVICTED'), absent('sentenceMonths', 'restitutionAmount')] },
  DecideLpskProtectionDto: {
    oneOf: [
      { properties: { decision: { enum: ['GRANTED'] }, measures: { minItems: 1 } }, required: ['decision', 'measures'] },
      { properties: { decision: { not: { enum: ['GRANTED'] } }, measures: { maxItems: 0 } }, required: ['decision'] },
    ],
  },
  SendReferralDto: OVERRIDE,
  ProposeLeadHandoffDto: OVERRIDE,
  RequestServiceDto: OVERRIDE,
};

/** Adds the cross-field rules to the named request schemas; a rule for a schema the document lacks is a bug. */
export const addCrossFieldRules = (document: OpenAPIObject): OpenAPIObject => {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Fragment>;
  for (const [name, fragment] of Object.entries(CROSS_FIELD_RULES)) {
    const schema = schemas[name];
    if (!schema) throw new Error(`OpenAPI: cross-field rules for ${name}, which the document does not have`);
    Object.assign(schema, fragment);
  }
  return document;
};
