// The cumulative spend screen for finance officers: where the pooled budget stands for a year as
// of a day, by partner, month by month and year by year, and every figure's placements and
// segments. Every figure is computed in Rust (panel_core::analysis), as `panel spend`'s are;
// the charts draw the same figures.
import { Fragment, useEffect, useRef, useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, Bar, BarChart } from "recharts";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { PartnerDto, PlacementSegments, SegmentGroup, SpendScreenDto_Serialize, SpendWhen } from "../bindings";
import { Banner } from "../components";
import { DocumentButtons } from "../documents";
import { axisPounds, longDate, niceTicks, ukDate } from "../format";
import { vocabulary } from "../vocabulary";

type Filter = { kind: string; partner: string; activeOnly: boolean };

/** The financial year containing an ISO date, `2026/27`. */
function yearOf(iso: string): string {
  const [y, m] = iso.split("-").map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

export function SpendPage(props: { today: string; partners: PartnerDto[]; onOpenCase: (id: number) => void }) {
  const [year, setYear] = useState(yearOf(props.today));
  // The as-of date as last committed (typed, checked by Rust), and as being typed.
  const [asOf, setAsOf] = useState(ukDate(props.today));
  const [asOfText, setAsOfText] = useState(ukDate(props.today));
  const [filter, setFilter] = useState<Filter>({ kind: "", partner: "", activeOnly: false });
  const [screen, setScreen] = useState<SpendScreenDto_Serialize | null>(null);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [loading, setLoading] = useState(false);
  const [explained, setExplained] = useState<PlacementSegments | null>(null);
  const drill = useRef<HTMLElement>(null);
  const request = useRef(0);

  // Drill-down and exports are for the figures on screen.
  const when: SpendWhen = screen ? { year: screen.year, as_of: screen.as_of } : { year, as_of: asOf };

  useEffect(() => {
    const mine = ++request.current;
    setLoading(true);
    call(
      commands.spendScreen(
        { year, as_of: asOf },
        {
          kind: filter.kind || null,
          partner: filter.partner || null,
          active_only: filter.activeOnly,
        },
      ),
    )
      .then((s) => {
        if (mine !== request.current) return;
        setScreen(s);
        setFailure(null);
      })
      .catch((e) => mine === request.current && setFailure(asFailure(e)))
      .finally(() => mine === request.current && setLoading(false));
  }, [year, asOf, filter.kind, filter.partner, filter.activeOnly]);

  // A placement's explanation belongs to the year and day it was asked for.
  useEffect(() => setExplained(null), [year, asOf]);

  const commitAsOf = () => setAsOf(asOfText.trim());

  const showPlacements = (f: Partial<Filter>) => {
    setFilter({ ...filter, ...f });
    // Focus goes with the view to the placements behind the figure chosen.
    setTimeout(() => {
      drill.current?.scrollIntoView({ block: "start" });
      drill.current?.focus({ preventScroll: true });
    }, 0);
  };

  const explain = (id: number) =>
    call(commands.spendSegments(id, when))
      .then((s) => {
        setExplained(s);
        setTimeout(() => document.getElementById("segments-heading")?.focus(), 0);
      })
      .catch((e) => setFailure(asFailure(e)));

  const partnerIndex = props.partners.findIndex((p) => p.code === filter.partner);
  const years = screen?.years.map((y) => y.year) ?? [year];
  if (!years.includes(year)) years.push(year);

  return (
    <section aria-labelledby="spend-heading" className="spend">
      <div className="page-head">
        <h1 id="spend-heading">Pooled budget: cumulative spend</h1>
        {loading && (
          <span className="muted" role="status">
            Updating…
          </span>
        )}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="spend-year">Financial year</label>
          <select id="spend-year" name="spend-year" value={year} onChange={(e) => setYear(e.target.value)}>
            {years.sort().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className={`field ${failure?.field("as_of") ? "field-error" : ""}`}>
          <label htmlFor="spend-as-of">Spend to date as of</label>
          {failure?.field("as_of") && (
            <div className="error-message" role="alert">
              {failure.field("as_of")}
            </div>
          )}
          <input
            id="spend-as-of"
            name="spend-as-of"
            className="input-short"
            value={asOfText}
            onChange={(e) => setAsOfText(e.target.value)}
            onBlur={commitAsOf}
            onKeyDown={(e) => e.key === "Enter" && commitAsOf()}
          />
        </div>
        <div className="field">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setAsOf(ukDate(props.today));
              setAsOfText(ukDate(props.today));
              setYear(yearOf(props.today));
            }}
          >
            Today
          </button>
        </div>
      </div>
      {failure && !failure.field("as_of") && <Banner kind="error">{failure.message}</Banner>}
      {screen && (
        <>
          <Summary screen={screen} onShow={showPlacements} />
          <PartnerTable screen={screen} onShow={showPlacements} />
          <AfterEighteen figures={screen.after_eighteen} partners={props.partners} when={`the projected spend of ${screen.year}`} />
          <NextYear screen={screen} partners={props.partners} />
          <div className="charts">
            <figure className="chart" data-testid="chart-months">
              <figcaption>
                Cumulative spend{partnerIndex >= 0 ? ` of ${props.partners[partnerIndex].name}` : ""} by month, {screen.year}: actual to{" "}
                {ukDate(screen.as_of)}, projected after, against the {partnerIndex >= 0 ? "partner's contribution" : "budget"}
              </figcaption>
              <MonthsChart screen={screen} partner={partnerIndex} />
            </figure>
            <figure className="chart" data-testid="chart-years">
              <figcaption>Average weekly cost of a placement, by year</figcaption>
              <YearsChart screen={screen} />
            </figure>
          </div>
          <YearsTable screen={screen} onChoose={(y) => setYear(y)} />
          <section ref={drill} aria-labelledby="placements-heading" tabIndex={-1}>
            <h2 id="placements-heading">Placements behind the figures</h2>
            <PlacementFilters filter={filter} partners={props.partners} onChange={(f) => setFilter(f)} />
            <PlacementTable
              screen={screen}
              partners={props.partners}
              partner={partnerIndex}
              onOpenCase={props.onOpenCase}
              onExplain={explain}
              explained={explained}
              onClose={() => setExplained(null)}
            />
          </section>
          <h2>Export</h2>
          <p className="muted">
            The figures by partner and every segment behind them, as CSV for the councils' and the NHS's ledgers; and the spend report to
            print.
          </p>
          <DocumentButtons
            testid="spend-exports"
            actions={[
              { label: "Figures (CSV)", run: () => commands.saveSpend(when, "figures") },
              { label: "Segments (CSV)", run: () => commands.saveSpend(when, "segments") },
              { label: "Print spend report", run: () => commands.saveSpend(when, "report") },
            ]}
          />
        </>
      )}
    </section>
  );
}

function Summary(props: { screen: SpendScreenDto_Serialize; onShow: (f: Partial<Filter>) => void }) {
  const s = props.screen;
  const t = s.total;
  return (
    <>
      <dl className="cards" data-testid="spend-summary">
        <div className="card">
          <dt>Budget</dt>
          <dd data-figure="budget">{t.contribution}</dd>
        </div>
        <div className="card">
          <dt>Spend to date</dt>
          <dd>
            <button type="button" className="link-button" data-figure="to_date" onClick={() => props.onShow({ partner: "", kind: "" })}>
              {t.to_date}
            </button>
          </dd>
        </div>
        <div className="card">
          <dt>Projected spend</dt>
          <dd>
            <button type="button" className="link-button" data-figure="projected" onClick={() => props.onShow({ partner: "", kind: "" })}>
              {t.projected}
            </button>
          </dd>
        </div>
        <div className={`card ${t.over ? "card-over" : "card-under"}`}>
          <dt>{t.over ? "Projected overspend" : "Projected underspend"}</dt>
          <dd data-figure="variance">{t.variance}</dd>
        </div>
        <div className="card">
          <dt>Children placed on {ukDate(s.activity.on)}</dt>
          <dd>
            <button type="button" className="link-button" data-figure="children" onClick={() => props.onShow({ activeOnly: true })}>
              {s.activity.children}
            </button>{" "}
            <span className="muted small">({s.activity.placements} placements)</span>
          </dd>
        </div>
        <div className="card">
          <dt>Average weekly cost</dt>
          <dd data-figure="weekly_average">{s.activity.weekly_average}</dd>
        </div>
      </dl>
      <Banner kind={t.over ? "error" : "info"}>
        <span data-testid="spend-verdict">{s.verdict}</span> {s.agreement_note}
      </Banner>
    </>
  );
}

/** What of a year's spend falls after children's 18th birthdays, when anything does. */
function AfterEighteen(props: { figures: SpendScreenDto_Serialize["after_eighteen"]; partners: PartnerDto[]; when: string }) {
  const a = props.figures;
  if (a.children === 0) return null;
  const parts = props.partners.map((p, i) => `${p.name} ${a.partners[i]}`).join(", ");
  return (
    <p data-testid="after-eighteen">
      <strong>After 18th birthdays:</strong> {a.total} of {props.when} is for {a.children} {a.children === 1 ? "child" : "children"} after
      their 18th birthday, when children's budgets stop paying ({parts}).
    </p>
  );
}

/** The year after the one shown: what the placements on record will cost in it. */
function NextYear(props: { screen: SpendScreenDto_Serialize; partners: PartnerDto[] }) {
  const n = props.screen.next_year;
  return (
    <section aria-labelledby="next-year-heading" data-testid="next-year">
      <h2 id="next-year-heading">Next year committed: {n.year}</h2>
      <p className="muted">
        What the placements on record will cost in {n.year}: open-ended ones for the whole year, at the rates and splits they have now (no
        uplift assumed){n.has_agreement ? `, against ${n.year}'s agreement` : `; ${n.year} has no pooled budget agreement yet`}.
      </p>
      <table className="table" data-testid="next-year-partners">
        <caption className="visually-hidden">Committed spend by partner, {n.year}</caption>
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col" className="num">
              Contribution
            </th>
            <th scope="col" className="num">
              Committed spend
            </th>
            <th scope="col" className="num">
              Variance
            </th>
          </tr>
        </thead>
        <tbody>
          {n.partners.map((p) => (
            <tr key={p.code} data-partner={p.code}>
              <td>{p.name}</td>
              <td className="num">{n.has_agreement ? p.contribution : "—"}</td>
              <td className="num">{p.projected}</td>
              <td className="num">{n.has_agreement ? p.variance : "—"}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Pool</td>
            <td className="num">{n.has_agreement ? n.total.contribution : "—"}</td>
            <td className="num" data-figure="next-committed">
              {n.total.projected}
            </td>
            <td className="num">{n.has_agreement ? n.total.variance : "—"}</td>
          </tr>
        </tfoot>
      </table>
      {n.verdict && <p>{n.verdict}</p>}
      <AfterEighteen figures={n.after_eighteen} partners={props.partners} when={`${n.year}'s committed spend`} />
    </section>
  );
}

function PartnerTable(props: { screen: SpendScreenDto_Serialize; onShow: (f: Partial<Filter>) => void }) {
  const s = props.screen;
  return (
    <table className="table" data-testid="spend-partners">
      <caption className="visually-hidden">Spend by partner, {s.year}</caption>
      <thead>
        <tr>
          <th scope="col">Partner</th>
          <th scope="col" className="num">
            Contribution
          </th>
          <th scope="col" className="num">
            Spend to date
          </th>
          <th scope="col" className="num">
            Projected spend
          </th>
          <th scope="col" className="num">
            Variance
          </th>
          <th scope="col" className="num">
            Risk share
          </th>
        </tr>
      </thead>
      <tbody>
        {s.partners.map((p) => (
          <tr key={p.code} data-partner={p.code}>
            <th scope="row">{p.name}</th>
            <td className="num" data-figure="contribution">
              {p.contribution}
            </td>
            <td className="num">
              <button type="button" className="link-button" data-figure="to_date" onClick={() => props.onShow({ partner: p.code })}>
                {p.to_date}
              </button>
            </td>
            <td className="num">
              <button type="button" className="link-button" data-figure="projected" onClick={() => props.onShow({ partner: p.code })}>
                {p.projected}
              </button>
            </td>
            <td className={`num ${p.over ? "over" : ""}`}>
              <button type="button" className="link-button" data-figure="variance" onClick={() => props.onShow({ partner: p.code })}>
                {p.variance}
              </button>
            </td>
            <td className={`num strong ${p.over ? "over" : ""}`}>
              <button type="button" className="link-button" data-figure="risk_share" onClick={() => props.onShow({ partner: p.code })}>
                {p.risk_share}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-partner="TOTAL">
          <td>{s.total.name}</td>
          <td className="num" data-figure="contribution">
            {s.total.contribution}
          </td>
          <td className="num" data-figure="to_date">
            {s.total.to_date}
          </td>
          <td className="num" data-figure="projected">
            {s.total.projected}
          </td>
          <td className="num" data-figure="variance">
            {s.total.variance}
          </td>
          <td className="num" data-figure="risk_share">
            {s.total.risk_share}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

type MonthPoint = { label: string; actual?: number; projected?: number; exact: string; actualMonth: boolean };

function MonthsChart(props: { screen: SpendScreenDto_Serialize; partner: number }) {
  const s = props.screen;
  // Plot values are pounds as numbers (null only for a value no number can hold).
  const value = (m: SpendScreenDto_Serialize["months"][number]) =>
    (props.partner >= 0 ? m.parts_plot[props.partner] : m.cumulative_plot) ?? 0;
  const exact = (m: SpendScreenDto_Serialize["months"][number]) => (props.partner >= 0 ? m.parts[props.partner] : m.cumulative);
  const lastActual = s.months.reduce((last, m, i) => (m.actual ? i : last), -1);
  const data: MonthPoint[] = s.months.map((m, i) => ({
    label: m.label,
    actual: m.actual ? value(m) : undefined,
    // The projection starts where the actual line stops, so the two join.
    projected: i >= lastActual ? value(m) : undefined,
    exact: exact(m),
    actualMonth: m.actual,
  }));
  const budget = (props.partner >= 0 ? s.partners[props.partner].contribution_plot : s.total.contribution_plot) ?? 0;
  const ticks = niceTicks(Math.max(budget, ...data.map((d) => d.projected ?? d.actual ?? 0)));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={{ top: 10, right: 24, bottom: 0, left: 10 }}>
        <CartesianGrid stroke="#e5e5e5" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={1} />
        <YAxis tickFormatter={axisPounds} width={64} domain={[0, ticks[ticks.length - 1]]} ticks={ticks} tick={{ fontSize: 12 }} />
        <Tooltip
          isAnimationActive={false}
          formatter={(_v, _n, item) => [
            (item.payload as MonthPoint).exact,
            (item.payload as MonthPoint).actualMonth ? "Actual" : "Projected",
          ]}
        />
        {budget > 0 && (
          <ReferenceLine
            y={budget}
            stroke="#d4351c"
            strokeDasharray="6 3"
            label={{ value: "Budget", position: "insideTopLeft", fontSize: 12 }}
          />
        )}
        <Line
          type="linear"
          dataKey="actual"
          name="Actual"
          stroke="#00703c"
          strokeWidth={3}
          dot={{ r: 3 }}
          isAnimationActive={false}
          connectNulls={false}
        />
        <Line
          type="linear"
          dataKey="projected"
          name="Projected"
          stroke="#1d70b8"
          strokeWidth={2}
          strokeDasharray="5 4"
          dot={{ r: 2 }}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

function YearsChart(props: { screen: SpendScreenDto_Serialize }) {
  const data = props.screen.years
    .filter((y) => y.placements > 0)
    .map((y) => ({ year: y.year, weekly: y.weekly_average_plot ?? 0, exact: y.weekly_average, viewed: y.year === props.screen.year }));
  const ticks = niceTicks(Math.max(0, ...data.map((d) => d.weekly)));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 10, right: 16, bottom: 0, left: 10 }}>
        <CartesianGrid stroke="#e5e5e5" vertical={false} />
        <XAxis dataKey="year" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={axisPounds} width={56} domain={[0, ticks[ticks.length - 1]]} ticks={ticks} tick={{ fontSize: 12 }} />
        <Tooltip isAnimationActive={false} formatter={(_v, _n, item) => [(item.payload as { exact: string }).exact, "A week"]} />
        <Bar dataKey="weekly" name="Average a week" fill="#1d70b8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

function YearsTable(props: { screen: SpendScreenDto_Serialize; onChoose: (year: string) => void }) {
  return (
    <>
      <h2>Years side by side</h2>
      <table className="table" data-testid="spend-years">
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col" className="num">
              Budget
            </th>
            <th scope="col" className="num">
              Outturn
            </th>
            <th scope="col" className="num">
              Variance
            </th>
            <th scope="col" className="num">
              Placements
            </th>
            <th scope="col" className="num">
              Average a week
            </th>
          </tr>
        </thead>
        <tbody>
          {props.screen.years.map((y) => (
            <tr key={y.year} data-year={y.year} className={y.year === props.screen.year ? "current-row" : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => props.onChoose(y.year)}
                  aria-current={y.year === props.screen.year ? "true" : undefined}
                >
                  {y.year}
                </button>
              </th>
              <td className="num">{y.has_agreement ? y.budget : <span className="muted">no agreement</span>}</td>
              <td className="num">
                {y.projected}
                {!y.closed && <span className="muted small"> projected</span>}
              </td>
              <td className={`num ${y.over && y.has_agreement ? "over" : ""}`}>
                {y.has_agreement ? y.variance : <span className="muted">—</span>}
              </td>
              <td className="num">{y.placements}</td>
              <td className="num">{y.weekly_average}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function PlacementFilters(props: { filter: Filter; partners: PartnerDto[]; onChange: (f: Filter) => void }) {
  const f = props.filter;
  return (
    <div className="form-row">
      <div className="field">
        <label htmlFor="spend-kind">Placement type</label>
        <select id="spend-kind" name="spend-kind" value={f.kind} onChange={(e) => props.onChange({ ...f, kind: e.target.value })}>
          <option value="">All types</option>
          {vocabulary().placement_types.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="spend-partner">Partner</label>
        <select
          id="spend-partner"
          name="spend-partner"
          value={f.partner}
          onChange={(e) => props.onChange({ ...f, partner: e.target.value })}
        >
          <option value="">All partners</option>
          {props.partners.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input
          id="spend-active"
          type="checkbox"
          checked={f.activeOnly}
          onChange={(e) => props.onChange({ ...f, activeOnly: e.target.checked })}
        />
        <label htmlFor="spend-active">Only placements in force on the as-of date</label>
      </div>
      {(f.kind || f.partner || f.activeOnly) && (
        <div className="field">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => props.onChange({ kind: "", partner: "", activeOnly: false })}
          >
            Show all
          </button>
        </div>
      )}
    </div>
  );
}

function PlacementTable(props: {
  screen: SpendScreenDto_Serialize;
  partners: PartnerDto[];
  partner: number;
  onOpenCase: (id: number) => void;
  onExplain: (id: number) => void;
  explained: PlacementSegments | null;
  onClose: () => void;
}) {
  const s = props.screen;
  const p = props.partner;
  const columns = 6 + (p >= 0 ? 2 : 0);
  if (s.placements.length === 0) return <p className="muted">No placements match.</p>;
  const name = p >= 0 ? props.partners[p].name : "";
  return (
    <table className="table" data-testid="spend-placements">
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Provider and type</th>
          <th scope="col" className="num">
            A week on {ukDate(s.as_of)}
          </th>
          <th scope="col" className="num">
            To date
          </th>
          <th scope="col" className="num">
            Projected
          </th>
          {p >= 0 && (
            <>
              <th scope="col" className="num">
                {name}: to date
              </th>
              <th scope="col" className="num">
                {name}: projected
              </th>
            </>
          )}
          <th scope="col">
            <span className="visually-hidden">Explain</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {s.placements.map((l) => (
          <Fragment key={l.id}>
            <tr data-placement={l.id}>
              <td className="nowrap">
                <a
                  href={`#case-${l.case_id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    props.onOpenCase(l.case_id);
                  }}
                >
                  {l.case_reference}
                </a>{" "}
                ({l.initials})
              </td>
              <td>
                {l.provider}
                <div className="muted small">
                  {l.kind} · {ukDate(l.start)} – {l.end ? ukDate(l.end) : "open-ended"}
                </div>
              </td>
              <td className="num">{l.active ? l.weekly : <span className="muted">—</span>}</td>
              <td className="num" data-figure="to_date">
                {l.to_date}
              </td>
              <td className="num" data-figure="projected">
                {l.projected}
              </td>
              {p >= 0 && (
                <>
                  <td className="num">{l.to_date_parts[p]}</td>
                  <td className="num">{l.projected_parts[p]}</td>
                </>
              )}
              <td>
                {props.explained?.id === l.id ? (
                  <button type="button" className="button button-secondary button-small" aria-expanded="true" onClick={props.onClose}>
                    Hide<span className="visually-hidden"> the segments of {l.case_reference}</span>
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-expanded="false"
                    onClick={() => props.onExplain(l.id)}
                  >
                    Explain
                    <span className="visually-hidden">
                      {" "}
                      {l.case_reference}, {l.provider}
                    </span>
                  </button>
                )}
              </td>
            </tr>
            {props.explained?.id === l.id && (
              <tr className="explained-row">
                <td colSpan={columns}>
                  <Segments s={props.explained} partners={props.partners} asOf={s.as_of} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>
            {s.selection.placements} placement{s.selection.placements === 1 ? "" : "s"}
          </td>
          <td className="num" data-figure="selection_to_date">
            {s.selection.to_date}
          </td>
          <td className="num" data-figure="selection_projected">
            {s.selection.projected}
          </td>
          {p >= 0 && (
            <>
              <td className="num" data-figure="selection_partner_to_date">
                {s.selection.to_date_parts[p]}
              </td>
              <td className="num" data-figure="selection_partner_projected">
                {s.selection.projected_parts[p]}
              </td>
            </>
          )}
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function Segments(props: { s: PlacementSegments; partners: PartnerDto[]; asOf: string }) {
  const s = props.s;
  return (
    <section className="segments" aria-labelledby="segments-heading" data-testid="spend-segments">
      <h3 id="segments-heading" tabIndex={-1}>
        Segments of {s.case_reference} ({s.initials}): {s.provider}
      </h3>
      <p className="muted">
        {s.kind}. Each segment is a run of days in one financial year at one rate and one split; it costs the rate × days (÷ 7 for a weekly
        rate, ÷ the days in the year for a yearly one), rounded to the penny, and is shared to the penny by the split.
      </p>
      <SegmentTable
        title={`Spend to date (to ${longDate(props.asOf)})`}
        g={s.to_date}
        partners={props.partners}
        testid="segments-to-date"
      />
      <SegmentTable title="Projected for the whole year" g={s.projected} partners={props.partners} testid="segments-projected" />
    </section>
  );
}

function SegmentTable(props: { title: string; g: SegmentGroup; partners: PartnerDto[]; testid: string }) {
  const g = props.g;
  return (
    <>
      <h4>{props.title}</h4>
      {g.segments.length === 0 ? (
        <p className="muted">No days yet.</p>
      ) : (
        <table className="table table-compact" data-testid={props.testid}>
          <thead>
            <tr>
              <th scope="col">Cost line</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="num">
                Days
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col">Split</th>
              <th scope="col" className="num">
                Amount
              </th>
              {props.partners.map((p) => (
                <th key={p.code} scope="col" className="num">
                  {p.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.segments.map((x, i) => (
              <tr key={i}>
                <td>{x.line}</td>
                <td className="nowrap">{ukDate(x.from)}</td>
                <td className="nowrap">{ukDate(x.to)}</td>
                <td className="num">{x.days}</td>
                <td className="num nowrap">
                  {x.rate} <span className="muted small">{x.per}</span>
                </td>
                <td className="nowrap small">
                  {x.percents.join(" / ")}
                  <div className="muted">from {ukDate(x.split_from)}</div>
                </td>
                <td className="num">{x.cost}</td>
                {x.shares.map((v, k) => (
                  <td key={k} className="num">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={6}>Total</td>
              <td className="num" data-figure="segments_total">
                {g.total}
              </td>
              {g.parts.map((v, k) => (
                <td key={k} className="num">
                  {v}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
