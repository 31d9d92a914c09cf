import type { AgencyType } from '@tppo/case-domain';

/**
 * The disclosure policy of the agency worklists: for each view, the agency types it serves and
 * every field an item of it may carry. A view answers only its audience (403 for others) and only
 * the fields listed (anything else is dropped: fail closed). A test compares this table with the
 * OpenAPI document and with real answers, so a field added to a view without a line here fails it.
 */
export const VIEW_DISCLOSURE = {
  // Police: "my investigations, their SPDP/berkas/P-19 deadlines, and the victims I need as witnesses".
  // Witnesses are refs; whether the victim consented to police contact is shown, the contact itself
  // only through GET /cases/{id} where the case view's policy grants it.
  police: {
    audience: ['POLICE'],
    fields: ['caseId', 'regionCode', 'leadUnitId', 'status', 'investigation', 'caseFile', 'witnesses', 'revision'],
  },
  // Service units and social services: "victims in my care, services due within 7 days". No
  // investigation and no suspect intelligence here.
  care: {
    audience: ['SERVICE_UNIT', 'SOCIAL_SERVICES'],
    fields: ['caseId', 'regionCode', 'leadUnitId', 'status', 'victims', 'consentsInForce', 'services', 'placements', 'revision'],
  },
  // Prosecutors: "case files received, days left to review, restitution not yet in the demand".
  prosecution: {
    audience: ['PROSECUTOR'],
    fields: ['caseId', 'regionCode', 'leadUnitId', 'status', 'caseFile', 'restitution', 'revision'],
  },
  // LPSK: what protection and restitution need.
  lpsk: {
    audience: ['LPSK'],
    fields: ['caseId', 'regionCode', 'leadUnitId', 'status', 'protectionRequests', 'restitution', 'revision'],
  },
} as const satisfies Readonly<Record<string, { readonly audience: readonly AgencyType[]; readonly fields: readonly string[] }>>;

export type ViewName = keyof typeof VIEW_DISCLOSURE;

/** The item with only the fields the view's policy lists. */
export const discloseItem = <T extends object>(view: ViewName, item: T): Partial<T> => {
  const allowed = VIEW_DISCLOSURE[view].fields as readonly string[];
  return Object.fromEntries(Object.entries(item).filter(([field]) => allowed.includes(field))) as Partial<T>;
};
