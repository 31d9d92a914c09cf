import { assertNever } from '@tppo/case-domain';
import { patched } from '../patched';
import type { Projection, ProjectedEvent } from '../projection';

export type InboxItemKind = 'REFERRAL' | 'LEAD_HANDOFF';
export type InboxItemStatus = 'AWAITING_ANSWER' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN' | 'COMPLETED';

/** Something addressed to a unit that waits for its answer (ISSUE 4: the inbox per unit). */
export interface InboxItem {
  readonly itemId: string;
  readonly kind: InboxItemKind;
  readonly caseId: string;
  readonly fromUnitId: string;
  readonly toUnitId: string;
  /** Referrals only. */
  readonly purpose?: string;
  readonly urgency?: string;
  readonly dueBy?: string;
  readonly sentAt: string;
  readonly status: InboxItemStatus;
  readonly answeredAt?: string;
}

const INBOX_EVENTS = [
  'ReferralSent',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'ReferralCompleted',
  'LeadHandoffProposed',
  'LeadHandoffAccepted',
  'LeadHandoffDeclined',
] as const;
type InboxEventType = (typeof INBOX_EVENTS)[number];

const field = (event: ProjectedEvent, name: string): string => String(event.data[name]);
/** Referral and handoff ids are unique only within a case. */
const itemIdOf = (event: ProjectedEvent): string => `${field(event, 'caseId')}/${field(event, event.type.startsWith('Referral') ? 'referralId' : 'handoffId')}`;

const answered = (item: InboxItem | null, status: InboxItemStatus, at: string): InboxItem | null =>
  item && (item.status === status ? item : patched(item, { status, answeredAt: at }));

export const inboxProjection: Projection<InboxItem> = {
  name: 'inbox',
  version: 1,
  canHandle: INBOX_EVENTS,
  documentIds: (event) => [itemIdOf(event)],
  evolve: (item, event) => {
    const type = event.type as InboxEventType;
    switch (type) {
      case 'ReferralSent':
        return (
          item ?? {
            itemId: itemIdOf(event),
            kind: 'REFERRAL',
            caseId: field(event, 'caseId'),
            fromUnitId: field(event, 'fromUnitId'),
            toUnitId: field(event, 'toUnitId'),
            purpose: field(event, 'purpose'),
            urgency: field(event, 'urgency'),
            dueBy: field(event, 'dueBy'),
            sentAt: field(event, 'sentAt'),
            status: 'AWAITING_ANSWER',
          }
        );
      case 'LeadHandoffProposed':
        return (
          item ?? {
            itemId: itemIdOf(event),
            kind: 'LEAD_HANDOFF',
            caseId: field(event, 'caseId'),
            fromUnitId: field(event, 'fromUnitId'),
            toUnitId: field(event, 'toUnitId'),
            sentAt: field(event, 'proposedAt'),
            status: 'AWAITING_ANSWER',
          }
        );
      case 'ReferralAccepted':
        return answered(item, 'ACCEPTED', field(event, 'acceptedAt'));
      case 'LeadHandoffAccepted':
        return answered(item, 'ACCEPTED', field(event, 'acceptedAt'));
      case 'ReferralDeclined':
      case 'LeadHandoffDeclined':
        return answered(item, 'DECLINED', field(event, 'declinedAt'));
      case 'ReferralWithdrawn':
        return answered(item, 'WITHDRAWN', field(event, 'withdrawnAt'));
      case 'ReferralCompleted':
        return answered(item, 'COMPLETED', field(event, 'completedAt'));
      default:
        return assertNever(type);
    }
  },
};
