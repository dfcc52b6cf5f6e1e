// The indicative budget: the resource allocation tables (settings), a case's assessments (case
// page), and the budget beside a decision's package (chair's screen). Rust validates; these
// forms show its refusals at their fields.
import { useState } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { AllocationTableDto, AreaInput, IndicativeDto } from "../bindings";
import { Banner, CellInput, SelectField, TextField } from "../components";
import { confirmLoss } from "../confirm";
import { ukDate } from "../format";
import { changed, useRead } from "../queries";

const blankArea = (): AreaInput => ({
  name: "",
  levels: [
    { name: "None", points: "0" },
    { name: "", points: "" },
  ],
});

const blankTable = (): AllocationTableDto => ({ year: "", per_point: "", areas: [blankArea()] });

/** The tables by year, and a form to add a year's or change one. */
export function AllocationTables(props: { onSaved: (message: string) => void }) {
  const read = useRead(["allocation-tables"], () => call(commands.allocationTables()));
  const [form, setForm] = useState<AllocationTableDto>(blankTable);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const err = (f: string) => failure?.field(f);
  const tables = read.data ?? [];
  const setArea = (i: number, a: AreaInput) => setForm({ ...form, areas: form.areas.map((x, j) => (j === i ? a : x)) });

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const year = form.year.trim();
    if (
      tables.some((t) => t.year === year) &&
      !(await confirmLoss(
        `Replace the ${year} table? Assessments already made keep their points; new ones use the new table.`,
        "Replace the table",
      ))
    )
      return;
    call(commands.saveAllocationTable(form))
      .then(() => {
        setFailure(null);
        setForm(blankTable());
        void changed();
        props.onSaved(`The ${year} resource allocation table is saved.`);
      })
      .catch((x) => setFailure(asFailure(x)));
  };
  const remove = async (year: string) => {
    if (!(await confirmLoss(`Remove the ${year} table? Assessments already made keep their points.`, "Remove the table", "Keep it")))
      return;
    call(commands.removeAllocationTable(year))
      .then(() => {
        void changed();
        props.onSaved(`The ${year} resource allocation table is removed.`);
      })
      .catch((x) => setFailure(asFailure(x)));
  };

  return (
    <section aria-labelledby="allocation-heading">
      <h2 id="allocation-heading">Indicative budget: resource allocation tables</h2>
      <p className="muted">
        A case's assessment picks one level in every area; its points times the amount per point are its indicative weekly budget, shown
        beside the package on the chair's screen and printed on the record.
      </p>
      {read.error && <Banner kind="error">{read.error}</Banner>}
      {tables.length === 0 ? (
        <p className="muted">No table yet.</p>
      ) : (
        <table className="table" data-testid="allocation-tables">
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col" className="money">
                A point a week
              </th>
              <th scope="col">Areas and levels (points)</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tables.map((t) => (
              <tr key={t.year}>
                <td>{t.year}</td>
                <td className="money">£{t.per_point}</td>
                <td>
                  {t.areas.map((a) => (
                    <div key={a.name}>
                      <strong>{a.name}</strong>: {a.levels.map((l) => `${l.name} ${l.points}`).join(" · ")}
                    </div>
                  ))}
                </td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setForm({ ...t, areas: t.areas.map((a) => ({ ...a, levels: a.levels.map((l) => ({ ...l })) })) });
                      setFailure(null);
                    }}
                  >
                    Change<span className="visually-hidden"> {t.year}</span>
                  </button>{" "}
                  <button type="button" className="link-button" onClick={() => void remove(t.year)}>
                    Remove<span className="visually-hidden"> {t.year}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="panel" onSubmit={save} data-form="allocation" noValidate aria-labelledby="allocation-form-heading">
        <h3 id="allocation-form-heading">Add or change a year's table</h3>
        <p className="muted">To start next year from this year's, choose Change and type the new year.</p>
        {failure && failure.error.fields.length === 0 && <Banner kind="error">{failure.message}</Banner>}
        {failure && failure.error.fields.length > 1 && <Banner kind="error">{failure.message}</Banner>}
        <div className="form-row">
          <TextField
            label="Financial year"
            name="year"
            width="short"
            value={form.year}
            onChange={(x) => setForm({ ...form, year: x })}
            error={err("year")}
            hint="e.g. 2026/27"
          />
          <TextField
            label="A point a week (£)"
            name="per_point"
            width="short"
            value={form.per_point}
            onChange={(x) => setForm({ ...form, per_point: x })}
            error={err("per_point")}
          />
        </div>
        {err("areas") && (
          <div className="error-message" role="alert">
            {err("areas")}
          </div>
        )}
        {form.areas.map((a, i) => (
          <fieldset key={i} data-testid={`area-${i}`}>
            <legend>Area {i + 1}</legend>
            <div className="form-row">
              <TextField
                label="Area of need"
                name={`areas.${i}.name`}
                value={a.name}
                onChange={(x) => setArea(i, { ...a, name: x })}
                error={err(`areas.${i}.name`)}
              />
            </div>
            {err(`areas.${i}.levels`) && (
              <div className="error-message" role="alert">
                {err(`areas.${i}.levels`)}
              </div>
            )}
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col">Points</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.levels.map((l, j) => (
                  <tr key={j}>
                    <td>
                      <CellInput
                        label={`Area ${i + 1}, level ${j + 1}`}
                        name={`areas.${i}.levels.${j}.name`}
                        value={l.name}
                        onChange={(x) => setArea(i, { ...a, levels: a.levels.map((y, k) => (k === j ? { ...y, name: x } : y)) })}
                        error={err(`areas.${i}.levels.${j}.name`)}
                      />
                    </td>
                    <td>
                      <CellInput
                        label={`Area ${i + 1}, level ${j + 1} points`}
                        name={`areas.${i}.levels.${j}.points`}
                        value={l.points}
                        width="6em"
                        align="right"
                        onChange={(x) => setArea(i, { ...a, levels: a.levels.map((y, k) => (k === j ? { ...y, points: x } : y)) })}
                        error={err(`areas.${i}.levels.${j}.points`)}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        disabled={a.levels.length === 1}
                        onClick={() => setArea(i, { ...a, levels: a.levels.filter((_, k) => k !== j) })}
                      >
                        Remove
                        <span className="visually-hidden">
                          {" "}
                          level {j + 1} of area {i + 1}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setArea(i, { ...a, levels: [...a.levels, { name: "", points: "" }] })}
            >
              Add level<span className="visually-hidden"> to area {i + 1}</span>
            </button>{" "}
            <button
              type="button"
              className="link-button"
              disabled={form.areas.length === 1}
              onClick={() => setForm({ ...form, areas: form.areas.filter((_, k) => k !== i) })}
            >
              Remove area {i + 1}
            </button>
          </fieldset>
        ))}
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setForm({ ...form, areas: [...form.areas, blankArea()] })}
          >
            Add area
          </button>
          <button type="submit" className="button">
            Save table
          </button>
        </div>
      </form>
    </section>
  );
}

/** A case's assessments, latest first, and a form to record one against its year's table. */
export function Assessments(props: { caseId: number; today: string }) {
  const read = useRead(["assessments", props.caseId], () => call(commands.caseAssessments(props.caseId)));
  const [on, setOn] = useState(ukDate(props.today));
  const table = useRead(["table-for-day", on], () => call(commands.tableForDay(on)));
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const list = read.data ?? [];
  const t = table.data;
  const points = t ? t.areas.reduce((sum, a) => sum + Number(a.levels.find((l) => l.name === levels[a.name])?.points ?? 0), 0) : 0;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const chosen: [string, string][] = (t?.areas ?? []).filter((a) => levels[a.name]).map((a) => [a.name, levels[a.name]]);
    call(commands.recordAssessment({ case_id: props.caseId, assessed_on: on, levels: chosen }))
      .then(() => {
        setFailure(null);
        setOpen(false);
        setLevels({});
        setSaved("The assessment is recorded.");
        void changed();
      })
      .catch((x) => setFailure(asFailure(x)));
  };
  return (
    <section aria-labelledby="assessments-heading" data-testid="assessments">
      <div className="toolbar">
        <h2 id="assessments-heading">Indicative budget</h2>
        {!open && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setOpen(true);
              setSaved(null);
            }}
          >
            Record an assessment
          </button>
        )}
      </div>
      {saved && <Banner kind="success">{saved}</Banner>}
      {read.error && <Banner kind="error">{read.error}</Banner>}
      {list.length === 0 ? (
        <p className="muted">No assessment yet.</p>
      ) : (
        <table className="table" data-testid="assessment-list">
          <thead>
            <tr>
              <th scope="col">Assessed</th>
              <th scope="col">Levels</th>
              <th scope="col" className="num">
                Points
              </th>
              <th scope="col" className="money">
                Indicative budget a week
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((a, k) => (
              <tr key={a.id}>
                <td className="nowrap">
                  {ukDate(a.assessed_on)}
                  {k === 0 && <span className="tag">Latest</span>}
                  <div className="muted">{a.year} table</div>
                </td>
                <td>{a.scores.map((s) => `${s.area}: ${s.level} (${s.points})`).join(" · ")}</td>
                <td className="num">{a.points}</td>
                <td className="money">
                  <strong>{a.budget}</strong>
                  <div className="muted">at {a.per_point} a point</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <form className="panel" onSubmit={save} data-form="assessment" noValidate aria-labelledby="assessment-form-heading">
          <h3 id="assessment-form-heading">Record an assessment</h3>
          {failure && failure.error.fields.length === 0 && <Banner kind="error">{failure.message}</Banner>}
          <div className="form-row">
            <TextField
              label="Assessed on"
              name="assessed_on"
              width="short"
              value={on}
              onChange={setOn}
              error={failure?.field("assessed_on") ?? table.error ?? undefined}
              hint="dd/mm/yyyy"
            />
          </div>
          {t === null && !table.error && !table.reading && (
            <Banner kind="info">
              There is no resource allocation table for that day's financial year: set one on the settings screen.
            </Banner>
          )}
          {t && (
            <>
              <div className="form-row form-row-wrap">
                {t.areas.map((a, k) => (
                  <SelectField
                    key={a.name}
                    label={a.name}
                    name={`scores.${k}`}
                    value={levels[a.name] ?? ""}
                    onChange={(x) => setLevels({ ...levels, [a.name]: x })}
                    error={failure?.field(`scores.${k}`)}
                    options={[
                      { value: "", label: "Choose a level" },
                      ...a.levels.map((l) => ({ value: l.name, label: `${l.name} (${l.points})` })),
                    ]}
                  />
                ))}
              </div>
              <p data-testid="assessment-total">
                {points} points at £{t.per_point} a point:{" "}
                <strong>£{((points * Math.round(Number(t.per_point) * 100)) / 100).toFixed(2)}</strong> a week (the {t.year} table)
              </p>
            </>
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={!t}>
              Record assessment
            </button>
            <button type="button" className="link-button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The indicative budget beside the package, in a few lines. */
function IndicativeLines(props: { i: IndicativeDto }) {
  const { i } = props;
  return (
    <dl className="summary-list">
      <dt>Assessment</dt>
      <dd>
        {ukDate(i.assessed_on)}, {i.points} points at {i.per_point} a point ({i.year} table)
      </dd>
      <dt>Indicative budget</dt>
      <dd>{i.budget} a week</dd>
      <dt>Package requested</dt>
      <dd>{i.package} a week</dd>
      <dt>Difference</dt>
      <dd>
        <span className={i.above ? "tag tag-warn" : "tag"}>{i.words}</span>
      </dd>
    </dl>
  );
}

/** What the chair sees while writing a decision about a placement. */
export function IndicativePreview(props: { placement: string; decidedOn: string }) {
  const placementId = props.placement === "" ? null : Number(props.placement);
  const read = useRead(["indicative", placementId, props.decidedOn], () =>
    placementId === null || !props.decidedOn ? Promise.resolve(null) : call(commands.indicativePreview(placementId, props.decidedOn)),
  );
  if (placementId === null || !props.decidedOn) return null;
  return (
    <section className="impact" aria-labelledby="indicative-heading" data-testid="indicative">
      <h3 id="indicative-heading">Indicative budget</h3>
      {read.error && <p className="muted">{read.error}</p>}
      {read.data ? (
        <IndicativeLines i={read.data} />
      ) : (
        !read.reading && <p className="muted">The case has no assessment made by the day of the decision.</p>
      )}
    </section>
  );
}

/** The indicative budget kept with a final decision, if it was. */
export function FinalIndicative(props: { id: number }) {
  const read = useRead(["decision-indicative", props.id], () => call(commands.decisionIndicative(props.id)));
  if (!read.data) return null;
  return (
    <section className="impact" data-testid="final-indicative">
      <h3>Indicative budget, as finalised</h3>
      <IndicativeLines i={read.data} />
    </section>
  );
}
