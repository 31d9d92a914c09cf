import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { LEGAL_BASES, SEXES, SHARING_PURPOSES, URGENCIES } from '../../../../libs/case-domain/src/vocabulary';
import { api, currentSession, type Unit } from '../api';
import { formatDate, formatDateTime, fromLocalInput, toLocalInput, zoneOf, type Zone } from '../dates';
import { bundleFileName, type EvidenceState, keyIdOf, useDownloadUrl, useEvidence } from '../evidence';
import { t, word } from '../i18n';
import { ApiProblem, explain } from '../problems';
import { SwimlaneChart } from '../swimlane-chart';
import { buildSwimlanes, type ClockLike, type Entry, type Swimlanes } from '../swimlanes';
import { agencyWord, Loading, Problem, Section, shortId, unitName, useForm, useUnits } from '../ui';

interface CaseView {
  caseId: string;
  status: string;
  revision: number;
  leadUnitId: string;
  leadAgencyType: string;
  openedByUnitId: string;
  victims?: { subjectRef: string; isChild: boolean }[];
  referrals?: { referralId: string; fromUnitId: string; toUnitId: string; purpose: string; status: string }[];
  leadHandoffs?: { handoffId: string; fromUnitId: string; toUnitId: string; status: string }[];
  consents?: { consentId: string; recipientAgencyTypes: string[]; purposes: string[]; withdrawn: boolean }[];
  investigation?: { stage: string };
  serviceRequests?: { serviceRequestId: string; kind: string; providerUnitId: string; status: string }[];
}
interface Chain {
  valid: boolean;
  events?: number;
  headHash?: string;
  firstBadRevision?: number;
}
interface Loaded {
  entries: Entry[];
  clocks: ClockLike[];
  view?: CaseView;
  chain?: Chain;
  regionCode?: string;
}

const loadCase = async (caseId: string, oversight: boolean): Promise<Loaded> => {
  const id = encodeURIComponent(caseId);
  if (oversight) {
    const timeline = await api<{ entries: Entry[]; clocks: ClockLike[]; chain: Chain; regionCode: string }>(`/cases/${id}/timeline`);
    return timeline;
  }
  const [view, history, clocks] = await Promise.all([
    api<CaseView>(`/cases/${id}`),
    api<{ entries: Entry[] }>(`/cases/${id}/history`),
    api<{ items: ClockLike[] }>(`/cases/${id}/clocks`),
  ]);
  return { view, entries: history.entries, clocks: clocks.items };
};

export const NotFound = () => {
  const words = t().casePage;
  return (
    <section class="card not-found" aria-labelledby="nf-title" data-testid="not-found">
      <h1 id="nf-title">{words.notFound}</h1>
      <p>{words.notFoundDetail}</p>
      <a href="#/">{words.back}</a>
    </section>
  );
};

const EventPanel = ({ entry, units, zone, late }: { entry: Entry | undefined; units: Map<string, Unit>; zone: Zone; late: boolean }) => {
  const words = t().casePage;
  if (!entry) return <p class="muted">{words.noEventSelected}</p>;
  return (
    <dl class="event-panel" data-testid="event-panel">
      <dt>{words.event}</dt>
      <dd>
        <strong>{word(entry.type)}</strong> (#{entry.revision})
      </dd>
      <dt>{words.occurredAt}</dt>
      <dd>{formatDateTime(entry.occurredAt, zone)}</dd>
      <dt>{words.recordedAt}</dt>
      <dd>
        {formatDateTime(entry.recordedAt, zone)}
        {late && <span class="tag warn"> {words.late}</span>}
      </dd>
      <dt>{words.actingUnit}</dt>
      <dd>
        {unitName(units, entry.actingUnitId)} <span class="tag">{agencyWord(entry.actingAgencyType)}</span>
      </dd>
      <dt>{words.leadAfter}</dt>
      <dd>{unitName(units, entry.leadUnitId)}</dd>
      {entry.units && (
        <>
          <dt>{words.unitsNamed}</dt>
          <dd>{Object.values(entry.units).map((u) => unitName(units, u)).join(', ')}</dd>
        </>
      )}
    </dl>
  );
};

/** The chart's content as text: lanes, who led when, the deadlines; the DOM a screen reader (and a test) reads. */
const TextVersion = ({ model, zone, onSelect }: { model: Swimlanes; zone: Zone; onSelect: (i: number) => void }) => {
  const words = t();
  return (
    <div class="text-version">
      <h3>{words.casePage.lanes}</h3>
      <ul class="lanes" data-testid="lanes">
        {model.lanes.map((l) => (
          <li key={l.unitId} data-unit={l.unitId}>
            {l.name} <span class="tag">{agencyWord(l.agencyType)}</span>
          </li>
        ))}
      </ul>
      <h3>{words.casePage.leadPeriods}</h3>
      <ol class="lead-periods" data-testid="lead-periods">
        {model.lead.map((s) => (
          <li key={s.from} data-unit={s.unitId}>
            {model.lanes[s.lane]?.name ?? s.unitId} — {words.casePage.since} {formatDateTime(new Date(s.from).toISOString(), zone)}
          </li>
        ))}
      </ol>
      <h3>{words.casePage.clocks}</h3>
      <ul class="clock-bars" data-testid="clock-bars">
        {model.clocks.map((k, i) => (
          <li key={i} class={k.breached ? 'breached' : ''} data-breached={k.breached ? 'true' : 'false'}>
            {word(k.kind)} · {model.lanes[k.lane]?.name} · {formatDate(new Date(k.start).toISOString(), zone)} → {formatDate(new Date(k.due).toISOString(), zone)}
            {k.breached && <strong class="danger"> · {words.clock.breached}</strong>}
          </li>
        ))}
      </ul>
      <details>
        <summary>{words.casePage.textVersion}</summary>
        <ol class="events">
          {model.marks.map((m, i) => (
            <li key={m.entry.revision}>
              <button type="button" class="link" onClick={() => onSelect(i)}>
                {formatDateTime(m.entry.occurredAt, zone)} · {word(m.entry.type)} · {model.lanes[m.lane]?.name}
                {m.late ? ` · ${words.casePage.late}` : ''}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
};

const Sections = ({ view, units }: { view: CaseView; units: Map<string, Unit> }) => {
  const words = t().casePage;
  return (
    <Section title={words.sections} id="sections">
      <dl class="facts">
        <dt>{t().caseCol.status}</dt>
        <dd>{view.status === 'open' ? t().open : t().closed}</dd>
        <dt>{t().caseCol.lead}</dt>
        <dd data-testid="lead-unit">{unitName(units, view.leadUnitId)}</dd>
        {view.victims && (
          <>
            <dt>{words.victims}</dt>
            <dd>{view.victims.length === 0 ? '—' : view.victims.map((v) => `${shortId(v.subjectRef)} (${v.isChild ? words.child : words.adult})`).join(', ')}</dd>
          </>
        )}
        {view.investigation && (
          <>
            <dt>{words.investigation}</dt>
            <dd>{word(view.investigation.stage)}</dd>
          </>
        )}
      </dl>
      {view.referrals && view.referrals.length > 0 && (
        <>
          <h3>{words.referrals}</h3>
          <ul class="plain">
            {view.referrals.map((r) => (
              <li key={r.referralId}>
                {unitName(units, r.fromUnitId)} → {unitName(units, r.toUnitId)} · {word(r.purpose)} · {word(r.status)}
              </li>
            ))}
          </ul>
        </>
      )}
      {view.leadHandoffs && view.leadHandoffs.length > 0 && (
        <>
          <h3>{words.handoffs}</h3>
          <ul class="plain">
            {view.leadHandoffs.map((h) => (
              <li key={h.handoffId}>
                {unitName(units, h.fromUnitId)} → {unitName(units, h.toUnitId)} · {word(h.status)}
              </li>
            ))}
          </ul>
        </>
      )}
      {view.serviceRequests && view.serviceRequests.length > 0 && (
        <>
          <h3>{words.services}</h3>
          <ul class="plain">
            {view.serviceRequests.map((s) => (
              <li key={s.serviceRequestId}>
                {word(s.kind)} · {unitName(units, s.providerUnitId)} · {word(s.status)}
              </li>
            ))}
          </ul>
        </>
      )}
      {view.consents && (
        <>
          <h3>{words.consents}</h3>
          <p class="muted">{view.consents.filter((c) => !c.withdrawn).length === 0 ? '—' : view.consents.filter((c) => !c.withdrawn).map((c) => c.recipientAgencyTypes.map(word).join(', ')).join(' · ')}</p>
        </>
      )}
    </Section>
  );
};

/** Sharing without consent names the law and says why; the audit always shows both. */
const LegalBasisFields = ({ form }: { form: { values: { legalBasis: string }; bind: (name: 'legalBasis' | 'justification') => object } }) => {
  const words = t().casePage;
  return (
    <>
      <label>
        {words.legalBasis}
        <select {...form.bind('legalBasis')}>
          <option value="">{words.noneLegalBasis}</option>
          {LEGAL_BASES.map((s) => <option key={s} value={s}>{word(s)}</option>)}
        </select>
      </label>
      {form.values.legalBasis && (
        <label>
          {words.justification} <textarea required rows={2} {...form.bind('justification')} />
        </label>
      )}
    </>
  );
};

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

const Actions = ({ view, units, zone, onDone }: { view: CaseView; units: Map<string, Unit>; zone: Zone; onDone: () => void }) => {
  const words = t().casePage;
  const me = currentSession()!.unit.id;
  const id = encodeURIComponent(view.caseId);
  const others = [...units.values()].filter((u) => u.id !== me && u.agencyType !== 'MINISTRY' && u.agencyType !== 'TASK_FORCE');
  const victim = useForm({ fullName: '', sex: 'FEMALE', birthDate: '', nationality: 'ID' });
  const referral = useForm({ toUnitId: '', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: toLocalInput(inHours(48), zone), legalBasis: '', justification: '' });
  const handoff = useForm({ toUnitId: '', reason: '', legalBasis: '', justification: '' });
  const unitOptions = (
    <>
      <option value="">—</option>
      {others.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </>
  );
  return (
    <Section title={words.actions} id="actions">
      <form
        class="grid"
        aria-labelledby="f-victim"
        onSubmit={victim.submit(async (v) => {
          await api(`/cases/${id}/victims`, { method: 'POST', ifMatch: view.revision, body: { identity: { fullName: v.fullName.trim() }, sex: v.sex, nationality: v.nationality, ...(v.birthDate ? { birthDate: v.birthDate } : {}) } });
          onDone();
        })}
      >
        <h3 id="f-victim">{words.registerVictim}</h3>
        <label>
          {words.fullName} <input required autocomplete="off" {...victim.bind('fullName')} />
        </label>
        <label>
          {words.sex}
          <select {...victim.bind('sex')}>{SEXES.map((s) => <option key={s} value={s}>{word(s)}</option>)}</select>
        </label>
        <label>
          {words.birthDate} <input type="date" {...victim.bind('birthDate')} />
        </label>
        <label>
          {words.nationality} <input required pattern="[A-Z]{2}" maxLength={2} {...victim.bind('nationality')} />
        </label>
        {victim.error !== null && <Problem error={victim.error} />}
        <button type="submit" disabled={victim.busy}>{words.send}</button>
      </form>
      <form
        class="grid"
        aria-labelledby="f-refer"
        data-testid="refer-form"
        onSubmit={referral.submit(async (v) => {
          await api(`/cases/${id}/referrals`, {
            method: 'POST',
            body: { toUnitId: v.toUnitId, purpose: v.purpose, urgency: v.urgency, dueBy: fromLocalInput(v.dueBy, zone), ...(v.legalBasis ? { legalBasis: v.legalBasis, justification: v.justification } : {}) },
          });
          onDone();
        })}
      >
        <h3 id="f-refer">{words.refer}</h3>
        <label>
          {words.toUnit}
          <select required {...referral.bind('toUnitId')}>{unitOptions}</select>
        </label>
        <label>
          {t().desk.purpose}
          <select {...referral.bind('purpose')}>{SHARING_PURPOSES.map((s) => <option key={s} value={s}>{word(s)}</option>)}</select>
        </label>
        <label>
          {t().desk.urgency}
          <select {...referral.bind('urgency')}>{URGENCIES.map((s) => <option key={s} value={s}>{word(s)}</option>)}</select>
        </label>
        <label>
          {words.dueBy} ({zone}) <input type="datetime-local" required {...referral.bind('dueBy')} />
        </label>
        <LegalBasisFields form={referral} />
        {referral.error !== null && <Problem error={referral.error} />}
        <button type="submit" disabled={referral.busy}>{words.send}</button>
      </form>
      {view.leadUnitId === me && (
        <form
          class="grid"
          aria-labelledby="f-handoff"
          data-testid="handoff-form"
          onSubmit={handoff.submit(async (v) => {
            await api(`/cases/${id}/lead-handoffs`, { method: 'POST', body: { toUnitId: v.toUnitId, reason: v.reason, ...(v.legalBasis ? { legalBasis: v.legalBasis, justification: v.justification } : {}) } });
            onDone();
          })}
        >
          <h3 id="f-handoff">{words.handoffTo}</h3>
          <label>
            {words.toUnit}
            <select required {...handoff.bind('toUnitId')}>{unitOptions}</select>
          </label>
          <label>
            {words.reason} <textarea required rows={2} {...handoff.bind('reason')} />
          </label>
          <LegalBasisFields form={handoff} />
          {handoff.error !== null && <Problem error={handoff.error} />}
          <button type="submit" disabled={handoff.busy}>{words.send}</button>
        </form>
      )}
    </Section>
  );
};

/** What the badge says, and whether it is the green "verified". */
const evidenceWords = (state: EvidenceState): { tone: 'ok' | 'broken' | 'pending' | 'warn'; lines: string[] } => {
  const words = t().casePage;
  switch (state.kind) {
    case 'checking':
      return { tone: 'pending', lines: [words.evidenceChecking] };
    case 'verified':
      return {
        tone: 'ok',
        lines: [
          words.evidenceVerified(state.events, state.checkpointSize, keyIdOf(state.verifierKey)),
          ...(state.withheld > 0 ? [words.evidenceWithheld(state.withheld)] : []),
          ...(state.firstUse ? [words.evidenceFirstUse] : []),
        ],
      };
    case 'failed':
      return {
        tone: 'broken',
        lines: [
          words.evidenceFailed(keyIdOf(state.verifierKey)),
          words.evidenceFaults[state.fault],
          ...(state.revision !== undefined ? [words.evidenceAt(state.revision)] : []),
          words.evidenceReport,
        ],
      };
    case 'key-changed':
      return { tone: 'broken', lines: [words.evidenceKeyChanged(keyIdOf(state.trusted), keyIdOf(state.offered))] };
    case 'no-checkpoint':
      return { tone: 'warn', lines: [words.evidenceNoCheckpoint] };
    case 'unavailable':
      return { tone: 'warn', lines: [words.evidenceUnavailable, explain(state.error)] };
  }
};

/**
 * The case's evidence bundle, checked in this browser against the transparency log's key, and
 * offered as a file to check again offline (`npm run -s verify-evidence`).
 */
const EvidenceBadge = ({ caseId, state, onRetry }: { caseId: string; state: EvidenceState; onRetry: () => void }) => {
  const words = t().casePage;
  const bundle = 'bundle' in state ? state.bundle : undefined;
  const url = useDownloadUrl(bundle);
  const { tone, lines } = evidenceWords(state);
  const file = bundleFileName(caseId);
  const key = state.kind === 'verified' || state.kind === 'failed' ? state.verifierKey : words.evidenceKeyPlaceholder;
  return (
    <div class="evidence">
      <p class={`chain ${tone}`} data-testid="evidence" role="status" data-verified={state.kind === 'verified' ? 'true' : 'false'} data-state={state.kind} aria-busy={state.kind === 'checking' ? 'true' : undefined}>
        <strong>{words.evidence}:</strong> {lines[0]}
        {lines.slice(1).map((line) => (
          <span key={line} class="evidence-note">
            {line}
          </span>
        ))}
      </p>
      {(state.kind === 'no-checkpoint' || state.kind === 'unavailable') && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t().state.retry}
        </button>
      )}
      {url && (
        <p class="evidence-tools">
          <a href={url} download={file} data-testid="evidence-download">
            {words.evidenceDownload}
          </a>
          <span class="muted">{words.evidenceOffline}</span>
          <code class="command">{`npm run -s verify-evidence -- ${file} --key "${key}"`}</code>
        </p>
      )}
    </div>
  );
};

export const CasePage = ({ caseId, oversight }: { caseId: string; oversight: boolean }) => {
  const words = t().casePage;
  const units = useUnits();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [round, setRound] = useState(0);
  // Oversight reads the timeline; the evidence bundle is fetched and checked beside it.
  const [evidence, recheckEvidence] = useEvidence(caseId, oversight);
  useEffect(() => {
    loadCase(caseId, oversight).then(
      (d) => {
        setData(d);
        setError(null);
      },
      setError,
    );
  }, [caseId, oversight, round]);
  const zone = zoneOf(data?.regionCode ?? currentSession()?.unit.regionCode);
  const model = useMemo(() => (data ? buildSwimlanes(data.entries, data.clocks, (id) => units.get(id), Date.now()) : null), [data, units]);
  const select = useCallback((i: number) => setSelected(i), []);
  if (error instanceof ApiProblem && error.status === 404) return <NotFound />;
  if (error !== null && !data) return <Problem error={error} onRetry={() => setRound((r) => r + 1)} />;
  if (!data || !model) return <Loading />;
  const mark = selected === null ? undefined : model.marks[selected];
  return (
    <div class="case-page" data-testid="case-page" data-case-id={caseId}>
      <div class="case-head">
        <a href="#/">← {words.back}</a>
        <h1>
          {words.title} {shortId(caseId)}
        </h1>
        {data.regionCode && <span class="tag">{data.regionCode} · {zone}</span>}
        {data.chain && (
          <p class={data.chain.valid ? 'chain ok' : 'chain broken'} data-testid="chain" role="status">
            <strong>{words.chain}:</strong> {data.chain.valid ? words.chainValid(data.chain.events ?? data.entries.length) : words.chainBroken(data.chain.firstBadRevision ?? 0)}
          </p>
        )}
        {evidence && <EvidenceBadge caseId={caseId} state={evidence} onRetry={recheckEvidence} />}
      </div>
      <div class="case-body">
        <Section title={words.timeline} id="timeline">
          <p class="muted">{words.timelineHint}</p>
          <ul class="legend" aria-hidden="true">
            <li><span class="sw lead" />{words.leadBand}</li>
            <li><span class="sw referral" />{t().desk.referral}</li>
            <li><span class="sw handoff" />{t().desk.handoff}</li>
            <li><span class="sw clock" />{words.clocks}</li>
            <li><span class="sw breach" />{t().clock.breached}</li>
            <li><span class="sw late" />{words.late}</li>
          </ul>
          <SwimlaneChart model={model} zone={zone} onSelect={select} label={`${words.timeline}: ${model.lanes.length} ${words.lanes.toLowerCase()}, ${model.marks.length} ${words.event.toLowerCase()}`} />
          <TextVersion model={model} zone={zone} onSelect={select} />
        </Section>
        <aside class="card side" aria-labelledby="panel-title">
          <h2 id="panel-title">{words.event}</h2>
          <EventPanel entry={mark?.entry} units={units} zone={zone} late={mark?.late ?? false} />
        </aside>
      </div>
      {data.view && <Sections view={data.view} units={units} />}
      {data.view && data.view.status === 'open' && <Actions view={data.view} units={units} zone={zone} onDone={() => setRound((r) => r + 1)} />}
    </div>
  );
};
