import { useEffect, useRef } from 'preact/hooks';
import { echarts } from '../charts';
import { t, word } from '../i18n';
import { Empty, Loaded, Section, useApi } from '../ui';
import { provinceName } from './oversight';

interface Cell {
  group: Record<string, string>;
  people: number | null;
  suppressed: boolean;
}
interface Table {
  groupBy: string[];
  minimumCell: number;
  cells: Cell[];
}

/** What a chart shows, as CSV: a withheld cell says so, it is never written as 0. */
export const toCsv = (table: Table, label: (dimension: string, value: string) => string): string => {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const head = [...table.groupBy, 'people', 'suppressed'];
  const rows = table.cells.map((c) => [...table.groupBy.map((d) => label(d, c.group[d] ?? '')), c.people === null ? '' : String(c.people), String(c.suppressed)]);
  return [head, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
};

const label = (dimension: string, value: string): string => (dimension === 'province' ? provinceName(value) : dimension === 'routeKind' ? word(value) : value);

const download = (name: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** Bars for the cells with a number; withheld cells get no bar and are listed as withheld beside. */
const BarTable = ({ table, x, series, file }: { table: Table; x: string; series: string; file: string }) => {
  const words = t().stats;
  const ref = useRef<HTMLDivElement>(null);
  const xs = [...new Set(table.cells.map((c) => c.group[x] ?? ''))].sort();
  const ss = [...new Set(table.cells.map((c) => c.group[series] ?? ''))].sort();
  useEffect(() => {
    if (!ref.current || table.cells.length === 0) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: xs.map((v) => label(x, v)), axisLabel: { interval: 0, rotate: xs.length > 4 ? 20 : 0 } },
      yAxis: { type: 'value', name: words.people, minInterval: 1 },
      series: ss.map((s) => ({
        type: 'bar',
        name: label(series, s),
        data: xs.map((v) => table.cells.find((c) => c.group[x] === v && c.group[series] === s)?.people ?? null),
      })),
    });
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [table]);
  if (table.cells.length === 0) return <Empty text={words.empty} />;
  return (
    <>
      <div ref={ref} class="bars" role="img" aria-label={file} />
      <table class="compact">
        <thead>
          <tr>
            <th scope="col">{x === 'province' ? t().oversight.province : t().appName.startsWith('Konsol') ? 'Jalur' : 'Route'}</th>
            {ss.map((s) => <th scope="col" key={s}>{label(series, s)}</th>)}
          </tr>
        </thead>
        <tbody>
          {xs.map((v) => (
            <tr key={v}>
              <th scope="row">{label(x, v)}</th>
              {ss.map((s) => {
                const cell = table.cells.find((c) => c.group[x] === v && c.group[series] === s);
                return <td key={s} data-suppressed={cell?.suppressed ? 'true' : undefined}>{!cell ? '—' : cell.suppressed ? <em class="suppressed">{words.suppressed}</em> : cell.people}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{words.suppressedNote(table.minimumCell)}</p>
      <button type="button" class="secondary" onClick={() => download(`${file}.csv`, toCsv(table, label))}>
        {words.csv}
      </button>
    </>
  );
};

export const Statistics = () => {
  const words = t().stats;
  const [cases, retryCases] = useApi<Table>('/statistics/cases?groupBy=province,year&count=victims');
  const [interceptions, retryInterceptions] = useApi<Table>('/statistics/interceptions?groupBy=routeKind,province');
  return (
    <div class="stats">
      <h1 class="visually-hidden">{words.title}</h1>
      <Section title={words.byProvinceYear} id="by-province">
        <Loaded load={cases} retry={retryCases}>
          {(table) => {
            const totals = new Map<string, number | null>();
            for (const c of table.cells) {
              const p = c.group['province'] ?? '';
              const before = totals.has(p) ? totals.get(p)! : 0;
              totals.set(p, before === null || c.people === null ? null : before + c.people);
            }
            const ranked = [...totals].filter(([, n]) => n !== null).sort((a, b) => b[1]! - a[1]!);
            const ntt = ranked.findIndex(([p]) => p === '53');
            return (
              <>
                <p class="rank" data-testid="ntt-rank"><strong>{words.nttRank}:</strong> {words.nttRankText(ntt < 0 ? null : ntt + 1, ranked.length)}</p>
                <BarTable table={table} x="province" series="year" file="korban-provinsi-tahun" />
              </>
            );
          }}
        </Loaded>
      </Section>
      <Section title={words.interceptions} id="interceptions">
        <Loaded load={interceptions} retry={retryInterceptions}>
          {(table) => <BarTable table={table} x="routeKind" series="province" file="pencegahan-jalur-provinsi" />}
        </Loaded>
      </Section>
    </div>
  );
};
