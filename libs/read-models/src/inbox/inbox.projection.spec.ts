import type { ProjectedEvent } from '../projection';
import { projectAll } from '../testing/projection-testing';
import { inboxProjection, type InboxItem } from './inbox.projection';

let position = 0n;
const event = (type: string, data: Record<string, unknown>): ProjectedEvent => ({
  eventId: `e-${position}`,
  causationId: `cmd-${position}`,
  type,
  data: { caseId: 'case-1', ...data },
  streamId: 'case-case-1',
  revision: Number(position),
  position: (position += 1n),
  occurredAt: '2026-02-10T01:00:00.000Z',
  recordedAt: '2026-02-10T01:00:00.001Z',
  actor: { userId: 'u', unitId: 'polres-nunukan', agencyType: 'POLICE' },
});

const project = (...events: ProjectedEvent[]): Map<string, InboxItem> => projectAll(inboxProjection, events);

const sent = event('ReferralSent', {
  referralId: 'ref-1', fromUnitId: 'polres-nunukan', toUnitId: 'uptd-ppa-nunukan', toAgencyType: 'SERVICE_UNIT',
  purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: '2026-02-11T01:00:00.000Z', sentAt: '2026-02-10T01:00:00.000Z',
});

describe('the inbox: what waits for a unit’s answer', () => {
  it('a referral waits for the addressed unit until it answers', () => {
    expect([...project(sent).values()]).toEqual([
      expect.objectContaining({ itemId: 'case-1/ref-1', kind: 'REFERRAL', toUnitId: 'uptd-ppa-nunukan', status: 'AWAITING_ANSWER', dueBy: '2026-02-11T01:00:00.000Z' }),
    ]);
    const accepted = project(sent, event('ReferralAccepted', { referralId: 'ref-1', acceptedAt: '2026-02-10T05:00:00.000Z' }));
    expect(accepted.get('case-1/ref-1')).toMatchObject({ status: 'ACCEPTED', answeredAt: '2026-02-10T05:00:00.000Z' });
  });

  it('a redelivered event changes nothing', () => {
    const accept = event('ReferralAccepted', { referralId: 'ref-1', acceptedAt: '2026-02-10T05:00:00.000Z' });
    const again = { ...accept, data: { ...accept.data, acceptedAt: '2026-02-10T06:00:00.000Z' } };
    expect(project(sent, accept, sent, again)).toEqual(project(sent, accept));
  });

  it('lead handoffs wait too; declines and withdrawals close the item', () => {
    const proposed = event('LeadHandoffProposed', { handoffId: 'h-1', fromUnitId: 'polres-nunukan', toUnitId: 'dinsos-nunukan', toAgencyType: 'SOCIAL_SERVICES', reason: 'x', proposedAt: '2026-02-10T02:00:00.000Z' });
    const items = project(
      sent,
      event('ReferralWithdrawn', { referralId: 'ref-1', reason: 'wrong unit', withdrawnAt: '2026-02-10T03:00:00.000Z' }),
      proposed,
      event('LeadHandoffDeclined', { handoffId: 'h-1', reason: 'no capacity', declinedAt: '2026-02-10T04:00:00.000Z' }),
    );
    expect(items.get('case-1/ref-1')?.status).toBe('WITHDRAWN');
    expect(items.get('case-1/h-1')).toMatchObject({ kind: 'LEAD_HANDOFF', toUnitId: 'dinsos-nunukan', status: 'DECLINED' });
  });

  it('an answer without its item (a projection started late) creates nothing', () => {
    expect(project(event('ReferralAccepted', { referralId: 'ref-9', acceptedAt: '2026-02-10T05:00:00.000Z' })).size).toBe(0);
  });
});
