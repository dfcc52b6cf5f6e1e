import { useState } from "react";
import { asFailure, call, commands } from "../api";
import type { CaseDto, CostPreviewDto, PartnerDto, PlacementDto } from "../bindings";
import { BackLink, Banner, FormFailure, useForm } from "../components";
import { formDate, money, ukDate } from "../format";
import { labelOf, vocabulary } from "../vocabulary";
import { changed, keys, useRead } from "../queries";
import { DecisionRecordButtons } from "./DecisionEditor";
import { PlacementEditor } from "./PlacementEditor";
import { CaseFields } from "./CaseFields";
import { confirmAction } from "../confirm";
import { Assessments } from "./Allocation";

type Editing = { kind: "none" } | { kind: "details" } | { kind: "placement"; placement: PlacementDto | null };

/** One case: details, placements with rate and split history and their costs, decisions. */
export function CasePage(props: {
  id: number;
  today: string;
  partners: PartnerDto[];
  /** Said on arrival, e.g. that a chair's action was finalised. */
  notice?: string;
  onBack: () => void;
  onOpenMeeting: (id: number) => void;
  onChairAction: () => void;
  onAudit: () => void;
}) {
  const read = useRead(keys.case(props.id), () => call(commands.getCase(props.id)));
  const c: CaseDto | null = read.data;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? read.error;
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [saved, setSaved] = useState<string | null>(props.notice ?? null);

  const load = () => {
    setError(null);
    return changed();
  };

  if (!c) return error ? <Banner kind="error">{error}</Banner> : <p className="muted">Loading…</p>;

  if (editing.kind === "placement") {
    return (
      <PlacementEditor
        caseId={c.id}
        caseLabel={`${c.reference} (${c.initials})`}
        placement={editing.placement}
        partners={props.partners}
        onCancel={() => setEditing({ kind: "none" })}
        onSaved={(provider) => {
          setEditing({ kind: "none" });
          setSaved(`The placement at ${provider} is saved.`);
          load();
        }}
      />
    );
  }

  const overdue = c.next_review != null && c.next_review < props.today;
  return (
    <section aria-labelledby="case-heading">
      <BackLink label="All cases" onClick={props.onBack} />
      <h1 id="case-heading">
        Case {c.reference} <span className="muted">({c.initials})</span>
      </h1>
      {error && <Banner kind="error">{error}</Banner>}
      {saved && <Banner kind="success">{saved}</Banner>}
      {editing.kind === "details" ? (
        <EditDetails
          c={c}
          onCancel={() => setEditing({ kind: "none" })}
          onSaved={() => {
            setEditing({ kind: "none" });
            setSaved("The case details are saved.");
            load();
          }}
        />
      ) : (
        <dl className="summary-list" data-testid="case-details">
          <dt>Reference</dt>
          <dd>{c.reference}</dd>
          <dt>Initials</dt>
          <dd>{c.initials}</dd>
          <dt>Date of birth</dt>
          <dd>{c.date_of_birth ? `${ukDate(c.date_of_birth)} (age ${c.age})` : <span className="muted">Not recorded</span>}</dd>
          {c.milestones.length > 0 && (
            <>
              <dt>Growing up</dt>
              <dd>
                <ul className="milestones" data-testid="milestones">
                  {c.milestones.map((m) => (
                    <li key={m.what} className={m.passed ? "muted" : undefined}>
                      {ukDate(m.on)}: {m.what}
                      {m.passed && <span className="visually-hidden"> (passed)</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>Needs</dt>
          <dd>{c.needs || <span className="muted">Not recorded</span>}</dd>
          <dt>Next review</dt>
          <dd>
            {c.next_review ? ukDate(c.next_review) : <span className="muted">None due</span>}
            {overdue && (
              <>
                {" "}
                <span className="tag tag-warn">Overdue</span>
              </>
            )}
          </dd>
          <dt />
          <dd>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setSaved(null);
                setEditing({ kind: "details" });
              }}
            >
              Change details
            </button>
          </dd>
        </dl>
      )}

      <div className="toolbar">
        <h2>Placements and packages</h2>
        <button
          type="button"
          className="button"
          onClick={() => {
            setSaved(null);
            setEditing({ kind: "placement", placement: null });
          }}
        >
          Add placement
        </button>
      </div>
      {c.placements.length === 0 && <p className="muted">Nothing is funded for this case yet.</p>}
      {[...c.placements].reverse().map((p) => (
        <PlacementCard
          key={p.id}
          p={p}
          partners={props.partners}
          today={props.today}
          onEdit={() => {
            setSaved(null);
            setEditing({ kind: "placement", placement: p });
          }}
        />
      ))}

      <Assessments caseId={props.id} today={props.today} />

      <div className="toolbar">
        <h2>Decisions</h2>
        <button type="button" className="button button-secondary" onClick={props.onChairAction}>
          {c.decisions.some((d) => d.urgent && d.status === "draft") ? "Continue chair's action" : "Record chair's action"}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onAudit}>
          Audit trail
        </button>
      </div>
      {c.decisions.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <table className="table" data-testid="case-decisions">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Date</th>
              <th scope="col">Outcome</th>
              <th scope="col">Subject</th>
              <th scope="col">Made at</th>
              <th scope="col">Record (PDF)</th>
            </tr>
          </thead>
          <tbody>
            {c.decisions.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">{d.number ?? <span className="tag tag-warn">Draft</span>}</td>
                <td>{ukDate(d.decided_on)}</td>
                <td>{labelOf(vocabulary().outcomes, d.outcome)}</td>
                <td>
                  {d.subject}
                  {d.amends && <div className="muted">Amends {d.amends}</div>}
                </td>
                <td>
                  {d.meeting_id != null ? (
                    <a
                      href={`#meeting-${d.meeting_id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        props.onOpenMeeting(d.meeting_id as number);
                      }}
                    >
                      Panel {ukDate(d.decided_on)}
                    </a>
                  ) : d.urgent ? (
                    <>
                      Chair's action
                      {d.status === "final" && (
                        <div>
                          {d.ratification_meeting != null ? (
                            <a
                              href={`#meeting-${d.ratification_meeting}`}
                              onClick={(e) => {
                                e.preventDefault();
                                props.onOpenMeeting(d.ratification_meeting as number);
                              }}
                            >
                              For ratification {ukDate(d.ratification_date ?? "")}
                            </a>
                          ) : (
                            <span className="tag tag-warn">Awaiting ratification</span>
                          )}
                        </div>
                      )}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  {d.status === "final" && d.number ? (
                    <DecisionRecordButtons id={d.id} number={d.number} compact />
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {d.amendable && (
                    <div>
                      <button
                        type="button"
                        className="link-button"
                        onClick={async () => {
                          if (
                            !(await confirmAction(
                              `${d.number} stays on record. Start a chair's action, taken between meetings, that amends it?`,
                              "Start the amending chair's action",
                            ))
                          )
                            return;
                          call(commands.amendDecision(d.id, null, null))
                            .then(() => props.onChairAction())
                            .catch((e) => setError(asFailure(e).message));
                        }}
                      >
                        Amend by chair's action<span className="visually-hidden">: {d.number}</span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A placement at a glance: provider, type, dates and what it costs. */
export function PlacementGlance(props: { p: PlacementDto }) {
  const { p } = props;
  return (
    <div className="card glance">
      <h3>
        <span>
          {p.form.provider} <span className="muted">· {p.kind_label}</span>
        </span>
        <span className="muted">
          {ukDate(p.form.start)} – {p.form.end ? ukDate(p.form.end) : "open-ended"}
        </span>
      </h3>
      <CostFigures preview={p.preview} />
    </div>
  );
}

/** A placement: its dates, cost lines by rate period, splits, and what it costs. */
function PlacementCard(props: { p: PlacementDto; partners: PartnerDto[]; today: string; onEdit: () => void }) {
  const { p, today } = props;
  const f = p.form;
  return (
    <article className={`card ${p.current ? "" : "card-past"}`} aria-label={`Placement at ${f.provider}`} data-testid="placement">
      <h3>
        <span>
          {f.provider} <span className="muted">· {p.kind_label}</span>
        </span>
        <button type="button" className="link-button" onClick={props.onEdit}>
          Change<span className="visually-hidden"> placement at {f.provider}</span>
        </button>
      </h3>
      <p>
        {ukDate(f.start)} to {f.end ? ukDate(f.end) : "open-ended"} · next review {ukDate(p.next_review)}
        {!p.current && <span className="muted"> · {f.start > today ? "not started yet" : "ended"}</span>}
        {p.past_eighteen && (
          <>
            {" "}
            <span className="tag tag-warn" data-testid="past-eighteen">
              Runs past the 18th birthday ({ukDate(p.past_eighteen)})
            </span>
          </>
        )}
      </p>
      <div className="grid-2">
        <div>
          <table className="table">
            <caption className="visually-hidden">Cost lines and rate history</caption>
            <thead>
              <tr>
                <th scope="col">Cost line</th>
                <th scope="col" className="num">
                  Rate
                </th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {f.lines.map((l, i) => (
                <tr key={i}>
                  <td>{l.description}</td>
                  <td className="money">
                    {money(l.amount)} {labelOf(vocabulary().units, l.per)}
                  </td>
                  <td>{ukDate(l.from)}</td>
                  <td>{l.per === "once" ? "—" : l.to ? ukDate(l.to) : "open"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="table">
            <caption className="visually-hidden">Split history</caption>
            <thead>
              <tr>
                <th scope="col">Split from</th>
                {props.partners.map((x) => (
                  <th key={x.code} scope="col" className="num">
                    {x.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {f.splits.map((s) => (
                <tr key={s.from}>
                  <td>{ukDate(s.from)}</td>
                  {s.shares.map((x, k) => (
                    <td key={k} className="num">
                      {x}%
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CostFigures preview={p.preview} />
      </div>
    </article>
  );
}

/** The figures of a cost preview: weekly, this year, full year, and each partner's part. */
export function CostFigures(props: { preview: CostPreviewDto }) {
  const v = props.preview;
  return (
    <div data-testid="cost-figures">
      <dl className="figures">
        <div>
          <dt>A week, on {ukDate(v.day)}</dt>
          <dd data-figure="weekly">{v.weekly}</dd>
          <dd className="figure-note">{v.weekly_note}</dd>
        </div>
        <div>
          <dt>Cost in {v.year}</dt>
          <dd data-figure="this-year">{v.this_year}</dd>
          <dd className="figure-note">{v.this_year_note}</dd>
        </div>
        <div>
          <dt>Cost in a full year</dt>
          <dd data-figure="full-year">{v.full_year}</dd>
          <dd className="figure-note" data-note="full-year">
            {v.full_year_note}
          </dd>
        </div>
      </dl>
      <table className="table figures-table" style={{ marginTop: "0.8rem" }}>
        <caption className="visually-hidden">Each partner's part</caption>
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col" className="money">
              {v.year}
            </th>
            <th scope="col" className="money">
              Full year
            </th>
          </tr>
        </thead>
        <tbody>
          {v.this_year_shares.map((s, k) => (
            <tr key={s.code}>
              <td>
                {s.name}
                <span className="share-of">{s.share}</span>
              </td>
              <td className="money" data-figure={`share-${s.code}`}>
                {s.amount}
              </td>
              <td className="money">{v.full_year_shares[k]?.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {v.penny_note && (
        <p className="figure-note" data-note="penny">
          {v.penny_note}
        </p>
      )}
      {v.warnings.length > 0 && (
        <div data-testid="cost-warnings">
          <Banner kind="info">
            <strong>Check:</strong> {v.warnings.map((w) => `${w}.`).join(" ")} Lines paid together are allowed (a fee and 1:1 support); a
            new rate should end the old one.
          </Banner>
        </div>
      )}
    </div>
  );
}

function EditDetails(props: { c: CaseDto; onCancel: () => void; onSaved: () => void }) {
  const { c } = props;
  const start = { reference: c.reference, initials: c.initials, date_of_birth: formDate(c.date_of_birth ?? ""), needs: c.needs };
  const { values, set, failure, saving, submit } = useForm(start, (v) => call(commands.updateCase(c.id, v)), props.onSaved);
  return (
    <form className="panel" onSubmit={submit} data-form="case-details" aria-label="Change case details" noValidate>
      <FormFailure failure={failure} />
      <CaseFields values={values} set={set} failure={failure} dateOfBirthHint="dd/mm/yyyy" />
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          Save details
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
