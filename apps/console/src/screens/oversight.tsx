import { useState } from 'preact/hooks';
import { AGENCY_TYPES } from '../../../../libs/case-domain/src/agency-types';
import { currentSession } from '../api';
import { formatDate, zoneOf } from '../dates';
import { t, word } from '../i18n';
import { Empty, Loaded, Section, shortId, unitName, useApi, useUnits } from '../ui';

interface OversightCase {
  caseId: string;
  status: string;
  regionCode: string;
  openedAt: string;
  lastEventAt: string;
  leadUnitId: string;
  leadAgencyType: string;
  breachedClocks: number;
}

const PROVINCES: Record<string, string> = { '53': 'Nusa Tenggara Timur', '65': 'Kalimantan Utara', '64': 'Kalimantan Timur', '51': 'Bali', '52': 'Nusa Tenggara Barat', '31': 'DKI Jakarta', '32': 'Jawa Barat', '33': 'Jawa Tengah', '35': 'Jawa Timur', '12': 'Sumatera Utara', '21': 'Kepulauan Riau' };
export const provinceName = (code: string): string => PROVINCES[code.slice(0, 2)] ?? code;

/** The oversight body's case list: filters become the query of GET /oversight/cases. */
export const Oversight = () => {
  const words = t().oversight;
  const units = useUnits();
  const region = currentSession()!.unit.regionCode;
  const [draft, setDraft] = useState({ province: region === '00' ? '' : region.slice(0, 2), regency: '', year: '', leadAgencyType: '', status: '', breached: '' });
  const [query, setQuery] = useState(draft);
  const params = new URLSearchParams({ limit: '100' });
  const regionCode = query.regency || query.province;
  if (regionCode) params.set('regionCode', regionCode);
  if (query.year) params.set('year', query.year);
  if (query.leadAgencyType) params.set('leadAgencyType', query.leadAgencyType);
  if (query.status) params.set('status', query.status);
  if (query.breached) params.set('breached', query.breached);
  const [load, retry] = useApi<{ items: OversightCase[]; total: number }>(`/oversight/cases?${params}`);
  const set = (name: keyof typeof draft) => ({ value: draft[name], onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }) });
  const years = Array.from({ length: 6 }, (_, i) => String(new Date().getFullYear() - i));
  return (
    <Section title={words.title} id="oversight">
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(draft);
        }}
      >
        <label>
          {words.province}
          <select {...set('province')} disabled={region !== '00'}>
            <option value="">{words.all}</option>
            {Object.entries(PROVINCES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </label>
        <label>
          {words.regency}
          <input placeholder="65.03" pattern="\d{2}\.\d{2}" {...set('regency')} />
        </label>
        <label>
          {words.year}
          <select {...set('year')}>
            <option value="">{words.all}</option>
            {years.map((y) => <option key={y}>{y}</option>)}
          </select>
        </label>
        <label>
          {words.leadType}
          <select {...set('leadAgencyType')}>
            <option value="">{words.all}</option>
            {AGENCY_TYPES.map((a) => <option key={a} value={a}>{word(a)}</option>)}
          </select>
        </label>
        <label>
          {words.status}
          <select {...set('status')}>
            <option value="">{words.all}</option>
            <option value="open">{t().open}</option>
            <option value="closed">{t().closed}</option>
          </select>
        </label>
        <label>
          {words.breached}
          <select {...set('breached')}>
            <option value="">{words.all}</option>
            <option value="true">{words.yes}</option>
            <option value="false">{words.no}</option>
          </select>
        </label>
        <button type="submit">{words.apply}</button>
      </form>
      <Loaded load={load} retry={retry}>
        {({ items, total }) =>
          items.length === 0 ? (
            <Empty text={words.empty} />
          ) : (
            <>
              <p class="muted" role="status">{words.found(total)}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t().caseCol.case}</th>
                    <th scope="col">{t().caseCol.region}</th>
                    <th scope="col">{t().caseCol.lead}</th>
                    <th scope="col">{t().caseCol.opened}</th>
                    <th scope="col">{t().caseCol.status}</th>
                    <th scope="col">{t().caseCol.breached}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.caseId} data-testid="oversight-case" data-case-id={c.caseId} class={c.breachedClocks > 0 ? 'overdue' : ''}>
                      <td><a href={`#/cases/${encodeURIComponent(c.caseId)}`}>{shortId(c.caseId)}</a></td>
                      <td>{provinceName(c.regionCode)} ({c.regionCode})</td>
                      <td>{unitName(units, c.leadUnitId)} <span class="tag">{word(c.leadAgencyType)}</span></td>
                      <td>{formatDate(c.openedAt, zoneOf(c.regionCode))}</td>
                      <td>{c.status === 'open' ? t().open : t().closed}</td>
                      <td>{c.breachedClocks > 0 ? <strong class="danger">{c.breachedClocks}</strong> : '0'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Loaded>
    </Section>
  );
};
