import { useEffect, useState } from 'preact/hooks';
import { CASE_SOURCES, EXPLOITATION_TYPES, MODUS_CODES, SEXES } from '../../../../libs/case-domain/src/vocabulary';
import { api, currentSession, follow } from '../api';
import { formatDate, formatDateTime, zoneOf } from '../dates';
import { t, word } from '../i18n';
import { agencyWord, Empty, Loaded, Problem, Section, shortId, unitName, useApi, useForm, useUnits } from '../ui';

interface InboxItem {
  itemId: string;
  kind: 'REFERRAL' | 'LEAD_HANDOFF';
  caseId: string;
  fromUnitId: string;
  purpose?: string;
  urgency?: string;
  dueBy?: string;
  sentAt: string;
  status: string;
}
interface Clock {
  clockId: string;
  caseId: string;
  kind: string;
  dueAt?: string;
  daysLeft?: number;
  overdue: boolean;
  legalBasis?: string;
}
interface CaseSummary {
  caseId: string;
  regionCode: string;
  leadUnitId: string;
  openedAt: string;
  lastEventAt: string;
  victims: number;
  children: number;
  investigationStage?: string;
}

const OPENERS = new Set(['SERVICE_UNIT', 'POLICE', 'SOCIAL_SERVICES', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS', 'IMMIGRATION', 'NGO']);
const WORKLIST: Record<string, string> = { POLICE: 'police', SERVICE_UNIT: 'care', SOCIAL_SERVICES: 'care', PROSECUTOR: 'prosecution', LPSK: 'lpsk' };

/** The inbox, kept live from GET /inbox/stream; every (re)connect resynchronises from GET /inbox. */
const Inbox = ({ onAnswered }: { onAnswered: () => void }) => {
  const words = t();
  const units = useUnits();
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState(false);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    const resync = () =>
      api<{ items: InboxItem[] }>('/inbox?limit=100').then(
        (r) => {
          setItems(r.items);
          setError(null);
        },
        setError,
      );
    void resync();
    return follow('/inbox/stream', {
      onOpen: () => {
        setLive(true);
        void resync();
      },
      onDrop: () => setLive(false),
      onEvent: (e) => {
        if (e.event !== 'inbox-item') return;
        const item = JSON.parse(e.data) as InboxItem;
        setItems((current) => {
          const rest = (current ?? []).filter((i) => i.itemId !== item.itemId);
          return item.status === 'AWAITING_ANSWER' ? [...rest, item].sort((a, b) => a.sentAt.localeCompare(b.sentAt)) : rest;
        });
      },
    });
  }, []);
  return (
    <Section
      title={words.desk.inbox}
      id="inbox"
      actions={
        <span class={`live ${live ? 'on' : 'off'}`} role="status" data-live={live ? 'on' : 'off'}>
          {live ? words.desk.live : words.desk.reconnecting}
        </span>
      }
    >
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {error !== null && <Problem error={error} />}
      {items === null ? null : items.length === 0 ? (
        <Empty text={words.desk.inboxEmpty} />
      ) : (
        <ul class="inbox">
          {items.map((item) => (
            <InboxRow
              key={item.itemId}
              item={item}
              from={unitName(units, item.fromUnitId)}
              onDone={(message) => {
                setNotice(message);
                setItems((current) => (current ?? []).filter((i) => i.itemId !== item.itemId));
                onAnswered();
              }}
            />
          ))}
        </ul>
      )}
    </Section>
  );
};

const InboxRow = ({ item, from, onDone }: { item: InboxItem; from: string; onDone: (message: string) => void }) => {
  const words = t();
  const [declining, setDeclining] = useState(false);
  const form = useForm({ reason: '' });
  const zone = zoneOf(currentSession()?.unit.regionCode);
  const [rest, answerId] = [item.kind === 'REFERRAL' ? 'referrals' : 'lead-handoffs', item.itemId.split('/')[1] ?? ''];
  const base = `/cases/${encodeURIComponent(item.caseId)}/${rest}/${encodeURIComponent(answerId)}`;
  return (
    <li class={`inbox-item urgency-${(item.urgency ?? 'ROUTINE').toLowerCase()}`} data-testid="inbox-item" data-case-id={item.caseId} data-kind={item.kind}>
      <div class="inbox-main">
        <strong>{word(item.kind)}</strong> · <a href={`#/cases/${encodeURIComponent(item.caseId)}`}>{words.caseCol.case} {shortId(item.caseId)}</a>
        <div class="meta">
          {words.desk.from} {from}
          {item.purpose && ` · ${words.desk.purpose}: ${word(item.purpose)}`}
          {item.urgency && ` · ${word(item.urgency)}`}
        </div>
        <div class="meta">
          {words.desk.sent} {formatDateTime(item.sentAt, zone)}
          {item.dueBy && ` · ${words.desk.due} ${formatDateTime(item.dueBy, zone)}`}
        </div>
      </div>
      {!declining ? (
        <div class="inbox-actions">
          <button type="button" disabled={form.busy} onClick={form.submit(() => api(`${base}/acceptance`, { method: 'POST', body: {} }).then(() => onDone(words.desk.accepted)))}>
            {words.desk.accept}
          </button>
          <button type="button" class="secondary" onClick={() => setDeclining(true)}>
            {words.desk.decline}
          </button>
        </div>
      ) : (
        <form class="decline" onSubmit={form.submit((v) => api(`${base}/decline`, { method: 'POST', body: { reason: v.reason } }).then(() => onDone(words.desk.declined)), false)}>
          <label for={`reason-${answerId}`}>{words.desk.declineReason}</label>
          <textarea id={`reason-${answerId}`} required rows={2} {...form.bind('reason')} />
          <div class="row">
            <button type="submit" disabled={form.busy || !form.values.reason.trim()}>
              {words.desk.declineSend}
            </button>
            <button type="button" class="secondary" onClick={() => setDeclining(false)}>
              {words.desk.cancel}
            </button>
          </div>
        </form>
      )}
      {form.error !== null && <Problem error={form.error} />}
    </li>
  );
};

const Clocks = () => {
  const words = t();
  const [load, retry] = useApi<{ items: Clock[] }>('/clocks');
  const zone = zoneOf(currentSession()?.unit.regionCode);
  return (
    <Section title={words.desk.clocks} id="clocks">
      <Loaded load={load} retry={retry}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty text={words.desk.clocksEmpty} />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{words.clock.kind}</th>
                  <th scope="col">{words.caseCol.case}</th>
                  <th scope="col">{words.clock.dueAt}</th>
                  <th scope="col">{words.caseCol.status}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((k) => (
                  <tr key={k.clockId} class={k.overdue ? 'overdue' : ''} data-testid="clock-row">
                    <td>{word(k.kind)}</td>
                    <td>
                      <a href={`#/cases/${encodeURIComponent(k.caseId)}`}>{shortId(k.caseId)}</a>
                    </td>
                    <td>{formatDate(k.dueAt, zone)}</td>
                    <td>{k.overdue ? <strong class="danger">{words.clock.overdue(-(k.daysLeft ?? 0))}</strong> : words.clock.daysLeft(k.daysLeft ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Section>
  );
};

export const CaseTable = ({ items, units }: { items: CaseSummary[]; units: Map<string, { name: string }> }) => {
  const words = t();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{words.caseCol.case}</th>
          <th scope="col">{words.caseCol.region}</th>
          <th scope="col">{words.caseCol.lead}</th>
          <th scope="col">{words.caseCol.victims}</th>
          <th scope="col">{words.caseCol.last}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.caseId} data-testid="my-case">
            <td>
              <a href={`#/cases/${encodeURIComponent(c.caseId)}`}>{shortId(c.caseId)}</a>
            </td>
            <td>{c.regionCode}</td>
            <td>{units.get(c.leadUnitId)?.name ?? c.leadUnitId}</td>
            <td>
              {c.victims}
              {c.children > 0 && ` (${c.children} ${t().casePage.child})`}
            </td>
            <td>{formatDateTime(c.lastEventAt, zoneOf(c.regionCode))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const MyCases = ({ round }: { round: number }) => {
  const words = t();
  const units = useUnits();
  const [load, retry] = useApi<{ items: CaseSummary[] }>('/my-cases?limit=100');
  useEffect(() => {
    if (round > 0) retry();
  }, [round, retry]);
  return (
    <Section title={words.desk.myCases} id="my-cases">
      <Loaded load={load} retry={retry}>
        {({ items }) => (items.length === 0 ? <Empty text={words.desk.myCasesEmpty} /> : <CaseTable items={[...items].reverse()} units={units} />)}
      </Loaded>
    </Section>
  );
};

const Worklist = ({ list }: { list: string }) => {
  const words = t();
  const [load, retry] = useApi<{ items: { caseId: string; regionCode: string; leadUnitId: string; revision: number; investigation?: { stage: string }; victims?: unknown[] }[] }>(`/worklists/${list}?limit=50`);
  const units = useUnits();
  return (
    <Section title={`${words.desk.worklist}: ${agencyWord(currentSession()?.unit.agencyType)}`} id="worklist">
      <Loaded load={load} retry={retry}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty text={words.desk.worklistEmpty} />
          ) : (
            <ul class="plain">
              {items.map((i) => (
                <li key={i.caseId}>
                  <a href={`#/cases/${encodeURIComponent(i.caseId)}`}>
                    {words.caseCol.case} {shortId(i.caseId)}
                  </a>{' '}
                  · {unitName(units, i.leadUnitId)}
                  {i.investigation && ` · ${word(i.investigation.stage)}`}
                  {Array.isArray(i.victims) && ` · ${i.victims.length} ${words.caseCol.victims.toLowerCase()}`}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Section>
  );
};

/** Opening a case with its first victim: two commands, the second on the revision the first made. */
const OpenCase = () => {
  const words = t();
  const session = currentSession()!;
  const form = useForm({ regionCode: session.unit.regionCode.length === 5 ? session.unit.regionCode : '', source: 'ARRIVAL', exploitationType: 'FORCED_LABOUR', modusCode: 'NON_PROCEDURAL_MIGRANT_WORKER', fullName: '', sex: 'FEMALE', birthDate: '', nationality: 'ID', occurredOn: '' });
  const b = form.bind;
  return (
    <Section title={words.desk.openCase} id="open-case">
      <form
        class="grid"
        onSubmit={form.submit(async (v) => {
          // A case recorded later (no signal at the port) is dated on the day it happened, at 09:00 here.
          const late = v.occurredOn ? { occurredAt: new Date(`${v.occurredOn}T09:00:00`).toISOString() } : {};
          const opened = await api<{ id: string; revision: number }>('/cases', { method: 'POST', body: { regionCode: v.regionCode, source: v.source, exploitationTypes: [v.exploitationType], modusCodes: [v.modusCode], ...late } });
          if (v.fullName.trim()) {
            await api(`/cases/${opened.id}/victims`, { method: 'POST', ifMatch: opened.revision, body: { identity: { fullName: v.fullName.trim() }, sex: v.sex, nationality: v.nationality, ...(v.birthDate ? { birthDate: v.birthDate } : {}), ...late } });
          }
          location.hash = `#/cases/${encodeURIComponent(opened.id)}`;
        })}
      >
        <label>
          {words.caseCol.region} <input required pattern="\d{2}(\.\d{2})?" {...b('regionCode')} />
        </label>
        <label>
          {lang('Sumber', 'Source')}
          <select {...b('source')}>{CASE_SOURCES.map((s) => <option key={s} value={s}>{word(s)}</option>)}</select>
        </label>
        <label>
          {lang('Bentuk eksploitasi', 'Form of exploitation')}
          <select {...b('exploitationType')}>{EXPLOITATION_TYPES.map((s) => <option key={s} value={s}>{word(s)}</option>)}</select>
        </label>
        <label>
          {lang('Modus', 'Modus')}
          <select {...b('modusCode')}>{MODUS_CODES.map((s) => <option key={s} value={s}>{word(s)}</option>)}</select>
        </label>
        <label>
          {words.casePage.occurredOn} <input type="date" {...b('occurredOn')} />
          <small class="muted">{words.casePage.occurredOnHint}</small>
        </label>
        <fieldset>
          <legend>{words.casePage.registerVictim}</legend>
          <label>
            {words.casePage.fullName} <input autocomplete="off" {...b('fullName')} />
          </label>
          <label>
            {words.casePage.sex}
            <select {...b('sex')}>{SEXES.map((s) => <option key={s} value={s}>{word(s)}</option>)}</select>
          </label>
          <label>
            {words.casePage.birthDate} <input type="date" {...b('birthDate')} />
          </label>
          <label>
            {words.casePage.nationality} <input required pattern="[A-Z]{2}" maxLength={2} {...b('nationality')} />
          </label>
        </fieldset>
        {form.error !== null && <Problem error={form.error} />}
        <button type="submit" disabled={form.busy}>
          {words.desk.open}
        </button>
      </form>
    </Section>
  );
};

const lang = (id: string, en: string): string => (t().appName.startsWith('Konsol') ? id : en);

export const Desk = () => {
  const session = currentSession()!;
  const [round, setRound] = useState(0);
  const list = WORKLIST[session.unit.agencyType];
  return (
    <div class="desk">
      <h1 class="visually-hidden">{t().nav.desk}</h1>
      <div class="col">
        <Inbox onAnswered={() => setRound((r) => r + 1)} />
        <Clocks />
      </div>
      <div class="col">
        <MyCases round={round} />
        {list && <Worklist list={list} />}
        {OPENERS.has(session.unit.agencyType) && <OpenCase />}
      </div>
    </div>
  );
};
