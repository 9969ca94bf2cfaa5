import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { describeError, get } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';

interface Point {
  bucket: number;
  views: number;
  visitors: number;
}
interface Named {
  key: string;
  label: string;
  path?: string;
  views: number;
  visitors: number;
}
interface Dashboard {
  generatedAt: string;
  today: { views: number; visitors: number };
  hourly: Point[];
  daily: Point[];
  topNow: Named[];
  topToday: Named[];
  sections: Named[];
  referrers: Named[];
}

/** Views and visitors over time as a uPlot line chart. */
function Chart(props: { title: string; points: Point[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const data: uPlot.AlignedData = [props.points.map((p) => p.bucket / 1000), props.points.map((p) => p.views), props.points.map((p) => p.visitors)];
    const plot = new uPlot(
      {
        title: props.title,
        width: Math.min(900, box.current.clientWidth || 900),
        height: 240,
        series: [{}, { label: 'Views', stroke: '#1d4e89', width: 2 }, { label: 'Visitors', stroke: '#b3541e', width: 2 }],
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [props.points, props.title]);
  return <div ref={box} class="chart" role="img" aria-label={`${props.title}: ${props.points.reduce((n, p) => n + p.views, 0)} views in all`} />;
}

function Table(props: { caption: string; rows: Named[]; link?: boolean }) {
  return (
    <table class="data-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Views</th>
          <th scope="col">Visitors</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={3} class="muted">
              Nothing counted yet.
            </td>
          </tr>
        )}
        {props.rows.map((r) => (
          <tr key={r.key}>
            <td>{props.link && r.path ? <a href={r.path}>{r.label}</a> : r.label}</td>
            <td>{r.views}</td>
            <td>{r.visitors}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The audience dashboard (editors): counted without cookies or tracking, see docs/privacy.md. */
export function AudienceScreen() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const load = () => get<Dashboard>('/audience?days=30').then(setData, (e) => setError(describeError(e)));
    void load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <>
      <ScreenTitle>Audience</ScreenTitle>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <p class="lede" role="status">
            Today (UTC): <strong>{data.today.views}</strong> views by <strong>{data.today.visitors}</strong> visitors. No cookies, no addresses kept: a visitor is a hash that changes every day.
          </p>
          <Chart title="Last 48 hours, per hour" points={data.hourly} />
          <Chart title="Last 30 days, per day" points={data.daily} />
          <div class="two-col">
            <Table caption="Top stories now (last 30 minutes)" rows={data.topNow} link />
            <Table caption="Top stories today" rows={data.topToday} link />
            <Table caption="Sections today" rows={data.sections} />
            <Table caption="Referrers today" rows={data.referrers} />
          </div>
        </>
      )}
    </>
  );
}
