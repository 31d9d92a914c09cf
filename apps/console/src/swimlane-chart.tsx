import { useEffect, useRef } from 'preact/hooks';
import { echarts, type EChartsCoreOption } from './charts';
import { formatDate, formatDateTime, type Zone } from './dates';

const axisLabel = (value: number, zone: Zone, span: number): string => {
  const iso = new Date(value).toISOString();
  if (span > 3 * 86_400_000) return formatDate(iso, zone);
  // "20.35" in the zone (the date is in the side panel and the text version).
  return formatDateTime(iso, zone).split(' ').slice(-2, -1)[0] ?? '';
};
import { word } from './i18n';
import type { Swimlanes } from './swimlanes';

type Api = { value: (i: number) => number; coord: (p: number[]) => number[]; size: (p: number[]) => number[] };

const LANE_PX = 44;
const COLORS = { lead: 'rgba(13, 110, 140, 0.16)', leadEdge: '#0d6e8c', clock: '#8a6d1f', breach: '#b3261e', referral: '#5b4bb7', handoff: '#0d6e8c', event: '#1f2937', late: '#b45309' };

export const swimlaneOption = (model: Swimlanes, zone: Zone): EChartsCoreOption => {
  const pad = Math.max((model.end - model.start) * 0.04, 5 * 60_000);
  return {
    animation: false,
    grid: { left: 190, right: 24, top: 16, bottom: 64 },
    tooltip: { trigger: 'item', confine: true },
    xAxis: {
      type: 'time',
      min: model.start - pad,
      max: model.end + pad,
      // The case's zone, not the laptop's: the axis must agree with the dates written beside it.
      axisLabel: { hideOverlap: true, color: '#374151', formatter: (value: number) => axisLabel(value, zone, model.end - model.start) },
      splitLine: { show: true, lineStyle: { color: '#e5e7eb' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: model.lanes.map((l) => `${l.name}\n${word(l.agencyType)}`),
      axisLabel: { width: 175, overflow: 'truncate', color: '#111827', fontSize: 11, lineHeight: 14 },
      axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: '#d1d5db' } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 18, bottom: 12, labelFormatter: '' },
    ],
    series: [
      {
        type: 'custom',
        name: 'lead',
        silent: true,
        clip: true,
        encode: { x: [0, 1], y: 2 },
        data: model.lead.map((l) => [l.from, l.to, l.lane]),
        renderItem: (_: unknown, api: Api) => {
          const s = api.coord([api.value(0), api.value(2)]);
          const e = api.coord([api.value(1), api.value(2)]);
          const h = api.size([0, 1])[1]!;
          return { type: 'rect', shape: { x: s[0], y: s[1]! - h / 2 + 2, width: Math.max(e[0]! - s[0]!, 2), height: h - 4, r: 4 }, style: { fill: COLORS.lead, stroke: COLORS.leadEdge, lineWidth: 1 } };
        },
      },
      {
        type: 'custom',
        name: 'clocks',
        clip: true,
        encode: { x: [0, 1, 2], y: 3 },
        data: model.clocks.map((k) => ({ value: [k.start, k.due, k.end, k.lane, k.breached ? 1 : 0], name: word(k.kind) })),
        tooltip: { formatter: (p: { data: { value: number[]; name: string } }) => `${p.data.name}<br/>${formatDateTime(new Date(p.data.value[0]!).toISOString(), zone)} → ${formatDateTime(new Date(p.data.value[1]!).toISOString(), zone)}` },
        renderItem: (_: unknown, api: Api) => {
          const lane = api.value(3);
          const [x0, y] = api.coord([api.value(0), lane]) as [number, number];
          const [xDue] = api.coord([api.value(1), lane]) as [number];
          const [xEnd] = api.coord([api.value(2), lane]) as [number];
          const h = api.size([0, 1])[1]!;
          const top = y + h / 2 - 12;
          const children: object[] = [{ type: 'rect', shape: { x: x0, y: top, width: Math.max(Math.min(xDue, xEnd) - x0, 2), height: 6 }, style: { fill: COLORS.clock } }];
          if (api.value(4) === 1 && xEnd > xDue) children.push({ type: 'rect', shape: { x: xDue, y: top - 1, width: xEnd - xDue, height: 8 }, style: { fill: COLORS.breach } });
          children.push({ type: 'rect', shape: { x: xDue - 1, y: top - 4, width: 2, height: 14 }, style: { fill: api.value(4) === 1 ? COLORS.breach : COLORS.clock } });
          return { type: 'group', children };
        },
      },
      {
        type: 'custom',
        name: 'arrows',
        silent: true,
        clip: true,
        encode: { x: 0, y: [1, 2] },
        data: model.arrows.map((a) => [a.time, a.from, a.to, a.kind === 'REFERRAL' ? 0 : 1]),
        renderItem: (_: unknown, api: Api) => {
          const [x, y1] = api.coord([api.value(0), api.value(1)]) as [number, number];
          const [, y2] = api.coord([api.value(0), api.value(2)]) as [number, number];
          const color = api.value(3) === 0 ? COLORS.referral : COLORS.handoff;
          const dir = y2 > y1 ? 1 : -1;
          const tip = y2 - dir * 7;
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: x, y1: y1 + dir * 6, x2: x, y2: tip - dir * 6 }, style: { stroke: color, lineWidth: 2, lineDash: api.value(3) === 0 ? [4, 3] : undefined } },
              { type: 'polygon', shape: { points: [[x, tip], [x - 5, tip - dir * 8], [x + 5, tip - dir * 8]] }, style: { fill: color } },
            ],
          };
        },
      },
      {
        type: 'scatter',
        name: 'events',
        symbolSize: 11,
        data: model.marks.map((m) => ({
          value: [m.time, m.lane],
          name: word(m.entry.type),
          symbol: m.late ? 'diamond' : 'circle',
          itemStyle: { color: m.late ? COLORS.late : COLORS.event, borderColor: '#fff', borderWidth: 1 },
        })),
        tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}<br/>${formatDateTime(new Date(p.value[0]!).toISOString(), zone)}` },
        emphasis: { scale: 1.6 },
      },
    ],
  };
};

/** The chart itself; the same model is also written out as text beside it, for keyboards and screen readers. */
export const SwimlaneChart = ({ model, zone, onSelect, label }: { model: Swimlanes; zone: Zone; onSelect: (index: number) => void; label: string }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    // setOption draws synchronously: once it returns, the timeline is on the screen.
    chart.setOption(swimlaneOption(model, zone));
    el.setAttribute('data-drawn', 'true');
    performance.mark('timeline-drawn');
    chart.on('click', { seriesName: 'events' }, (p: { dataIndex: number }) => onSelect(p.dataIndex));
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [model, zone, onSelect]);
  return (
    <div
      ref={ref}
      class="swimlanes"
      role="img"
      aria-label={label}
      style={{ height: `${model.lanes.length * LANE_PX + 90}px` }}
      data-lanes={model.lanes.length}
      data-lead-segments={model.lead.length}
      data-breached-clocks={model.clocks.filter((k) => k.breached).length}
      data-marks={model.marks.length}
    />
  );
};
