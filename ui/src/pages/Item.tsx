import { useEffect, useRef, useState } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { ActionForm, DecisionDto, DecisionForm, ItemWorkspace, PartnerDto } from "../bindings";
import { BackLink, Banner, CellInput, SelectField, TextAreaField, TextField } from "../components";
import { formDate, ITEM_KINDS, labelOf, longDate, OUTCOMES, ukDate } from "../format";
import { CostFigures } from "./Case";

const letter = (i: number): string => (i < 26 ? String.fromCharCode(97 + i) : letter(Math.floor(i / 26) - 1) + letter(i % 26));
const blankAction = (): ActionForm => ({ action: "", owner: "", due: "" });

function blankDecision(w: ItemWorkspace, partners: number): DecisionForm {
  return {
    outcome: "approved",
    subject: w.item.title,
    paragraphs: [""],
    reasons: "",
    alternatives: "",
    conditions: [""],
    actions: [blankAction()],
    review_date: formDate(w.default_review),
    reduction: false,
    effective_from: formDate(w.earliest_reduction),
    assents: Array(partners).fill(""),
  };
}

function toForm(d: DecisionDto): DecisionForm {
  const f = d.form;
  return {
    ...f,
    paragraphs: f.paragraphs.length ? f.paragraphs : [""],
    conditions: f.conditions.length ? f.conditions : [""],
    actions: f.actions.length ? f.actions.map((a) => ({ ...a, due: formDate(a.due) })) : [blankAction()],
    review_date: formDate(f.review_date),
    effective_from: formDate(f.effective_from),
  };
}

/** The chair's screen for one agenda item: the case at a glance, interests, and the decision. */
export function ItemPage(props: { id: number; partners: PartnerDto[]; onBack: (meetingId: number) => void; onOpen: (itemId: number) => void }) {
  const [w, setW] = useState<ItemWorkspace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = () =>
    call(commands.itemWorkspace(props.id))
      .then((x) => {
        setW(x);
        setError(null);
      })
      .catch((e) => setError(asFailure(e).message));
  useEffect(() => {
    setNotice(null);
    load();
  }, [props.id]);

  if (!w) return error ? <Banner kind="error">{error}</Banner> : <p className="muted">Loading…</p>;
  const m = w.meeting.meeting;
  const draft = w.decisions.find((d) => d.status === "draft") ?? null;
  const finals = w.decisions.filter((d) => d.status === "final");
  const missing = w.meeting.partners.filter((p) => !p.represented);

  return (
    <section aria-labelledby="item-heading">
      <BackLink label={`Meeting of ${ukDate(m.date)}`} onClick={() => props.onBack(m.id)} />
      <div className="toolbar">
        <div className="item-kind">{labelOf(ITEM_KINDS, w.item.kind)}</div>
        <div className="actions">
          <button type="button" className="button button-secondary button-small" disabled={w.previous_item == null} onClick={() => w.previous_item != null && props.onOpen(w.previous_item)}>
            ← Previous item
          </button>
          <button type="button" className="button button-secondary button-small" disabled={w.next_item == null} onClick={() => w.next_item != null && props.onOpen(w.next_item)}>
            Next item →
          </button>
        </div>
      </div>
      <h1 id="item-heading">
        {w.item.title}
        {w.item.case && <span className="muted"> — {w.item.case.reference} ({w.item.case.initials})</span>}
      </h1>
      <p className="lede">
        {longDate(m.date)} · presented by {w.item.presenter || "—"} · {w.item.minutes} min
      </p>
      {w.item.ask && (
        <p>
          <strong>Asked of the panel:</strong> {w.item.ask}
        </p>
      )}
      <div className={`quorum ${m.quorate ? "quorum-ok" : "quorum-no"}`} role="status" data-testid="item-quorum">
        <strong>{m.quorate ? "Quorate" : "Not quorate"}</strong>
        {!m.quorate && <span> — not represented: {missing.map((p) => p.name).join(", ")}. A decision can be drafted but not finalised.</span>}
      </div>
      {error && <Banner kind="error">{error}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}

      {w.case && (
        <section aria-labelledby="glance-heading">
          <h2 id="glance-heading">Costs and split at a glance</h2>
          {w.case.placements.length === 0 ? (
            <p className="muted">No placement is recorded for this case yet: add one on the case screen before deciding on funding.</p>
          ) : (
            w.case.placements
              .filter((p) => p.current || !p.form.end || p.form.end >= m.date)
              .map((p) => (
                <div key={p.id} className="card">
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
              ))
          )}
        </section>
      )}

      <Interests w={w} onChange={load} />

      <h2>Decision</h2>
      {finals.map((d) => (
        <FinalDecision
          key={d.id}
          d={d}
          partners={props.partners}
          canAmend={w.editable && draft === null && d.amended_by.length === 0}
          onAmend={() =>
            call(commands.amendDecision(d.id))
              .then(() => {
                setNotice(`An amending decision of ${d.number} is open below as a draft.`);
                load();
              })
              .catch((e) => setError(asFailure(e).message))
          }
        />
      ))}
      {w.item.case == null ? (
        <p className="muted">An information item records no decision.</p>
      ) : !w.editable ? (
        <p className="muted">The minutes of this meeting are {m.minutes_status}: nothing can be added.</p>
      ) : draft || finals.length === 0 ? (
        <DecisionEditor
          key={draft?.id ?? "new"}
          w={w}
          draft={draft}
          partners={props.partners}
          onSaved={(message) => {
            setNotice(message);
            load();
          }}
        />
      ) : null}
    </section>
  );
}

/** A finalised decision, read-only, with its number. */
function FinalDecision(props: { d: DecisionDto; partners: PartnerDto[]; canAmend: boolean; onAmend: () => void }) {
  const { d } = props;
  const f = d.form;
  return (
    <article className="decision-final" data-testid="final-decision" aria-label={`Decision ${d.number}`}>
      <div className="toolbar">
        <div>
          <div className="decision-number" data-testid="decision-number">{d.number}</div>
          <div className="muted">
            Final · {labelOf(OUTCOMES, f.outcome)} · {ukDate(d.decided_on)}
            {d.amends && <> · amends {d.amends}</>}
            {d.amended_by.length > 0 && <> · amended by {d.amended_by.join(", ")}</>}
          </div>
        </div>
        {props.canAmend && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              if (window.confirm(`${d.number} is final and will stay on record. Start an amending decision that names it?`)) props.onAmend();
            }}
          >
            Amend<span className="visually-hidden"> {d.number}</span>
          </button>
        )}
      </div>
      <p><strong>{f.subject}</strong></p>
      <ol className="lettered">
        {f.paragraphs.map((p, i) => (
          <li key={i}><span className="letter">{letter(i)})</span> <span>{p}</span></li>
        ))}
      </ol>
      {f.conditions.length > 0 && <p><strong>Conditions:</strong> {f.conditions.join("; ")}</p>}
      <p><strong>Reasons:</strong> {f.reasons}</p>
      {f.alternatives && <p><strong>Alternatives considered and rejected:</strong> {f.alternatives}</p>}
      {f.actions.length > 0 && (
        <>
          <p style={{ marginBottom: "0.3rem" }}><strong>Actions:</strong></p>
          <ul>
            {f.actions.map((a, i) => (
              <li key={i}>
                {a.action} — {a.owner}
                {a.due && <>, by {ukDate(a.due)}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      {f.review_date && <p><strong>Review date:</strong> {ukDate(f.review_date)}</p>}
      {f.reduction && <p><strong>Reduction takes effect:</strong> {ukDate(f.effective_from)}</p>}
      <p>
        <strong>Partners:</strong>{" "}
        {props.partners.map((p, k) => `${p.name}: ${f.assents[k] === "agree" ? "agrees" : f.assents[k] === "disagree" ? "disagrees" : "not recorded"}`).join(" · ")}
      </p>
    </article>
  );
}

/** The decision being written: save as a draft at any time; finalise numbers and locks it. */
function DecisionEditor(props: { w: ItemWorkspace; draft: DecisionDto | null; partners: PartnerDto[]; onSaved: (message: string) => void }) {
  const { w } = props;
  const [form, setForm] = useState<DecisionForm>(() => (props.draft ? toForm(props.draft) : blankDecision(w, props.partners.length)));
  const [placement, setPlacement] = useState<string>(() => {
    const id = props.draft?.placement_id ?? w.case?.placements[w.case.placements.length - 1]?.id ?? null;
    return id === null ? "" : String(id);
  });
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState<"save" | "finalise">("save");
  const problemsRef = useRef<HTMLDivElement>(null);
  const err = (f: string) => failure?.field(f);
  // A refusal is brought into view, with focus, so it is read before anything else.
  useEffect(() => {
    if (failure) problemsRef.current?.focus();
  }, [failure]);
  const set = <K extends keyof DecisionForm>(k: K) => (v: DecisionForm[K]) => setForm({ ...form, [k]: v });
  const setIn = (k: "paragraphs" | "conditions", i: number) => (v: string) => setForm({ ...form, [k]: form[k].map((x, j) => (j === i ? v : x)) });
  const setAction = (i: number, k: keyof ActionForm) => (v: string) => setForm({ ...form, actions: form.actions.map((a, j) => (j === i ? { ...a, [k]: v } : a)) });

  const save = async (): Promise<number | null> => {
    try {
      const id = await call(commands.saveDecision(w.item.id, props.draft?.id ?? null, placement === "" ? null : Number(placement), form));
      setFailure(null);
      return id;
    } catch (e) {
      setFailure(asFailure(e));
      return null;
    }
  };

  const saveDraft = async () => {
    setAttempt("save");
    setBusy(true);
    const id = await save();
    setBusy(false);
    if (id !== null) props.onSaved("The draft decision is saved.");
  };

  const finalise = async () => {
    if (!window.confirm("Finalise this decision? It will be numbered and can then only be corrected by an amending decision.")) return;
    setAttempt("finalise");
    setBusy(true);
    const id = await save();
    if (id !== null) {
      try {
        const number = await call(commands.finaliseDecision(id));
        props.onSaved(`Decision ${number} is final.`);
      } catch (e) {
        setFailure(asFailure(e));
        // The draft was saved; reload so the editor holds it.
      }
    }
    setBusy(false);
  };

  const discard = async () => {
    if (!props.draft || !window.confirm("Discard this draft decision? What was written will be lost.")) return;
    try {
      await call(commands.discardDecision(props.draft.id));
      props.onSaved("The draft decision is discarded.");
    } catch (e) {
      setFailure(asFailure(e));
    }
  };

  const problems = failure?.error.fields ?? [];
  const funds = form.outcome === "approved" || form.outcome === "approved_with_conditions";
  return (
    <form className="panel" data-form="decision" noValidate onSubmit={(e) => { e.preventDefault(); saveDraft(); }} aria-label="Decision">
      <p className="muted">
        {props.draft ? (props.draft.amends ? `Draft amending decision of ${props.draft.amends}.` : "Draft — not yet numbered.") : "New decision."} Decided at the meeting of{" "}
        {ukDate(w.meeting.meeting.date)}.
      </p>
      {failure && problems.length === 0 && (
        <div className="banner banner-error problems" role="alert" tabIndex={-1} ref={problemsRef} data-testid="decision-problems">
          {failure.message}
        </div>
      )}
      {problems.length > 0 && (
        <div className="banner banner-error problems" role="alert" tabIndex={-1} ref={problemsRef} data-testid="decision-problems">
          <strong>
            {attempt === "finalise" ? "Not finalised" : "Not saved"} — {problems.length === 1 ? "one thing to resolve:" : `${problems.length} things to resolve:`}
          </strong>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-row">
        <SelectField label="Outcome" name="outcome" value={form.outcome} onChange={set("outcome")} options={OUTCOMES} error={err("outcome")} />
        {w.case && w.case.placements.length > 0 && (
          <SelectField
            label="Placement"
            name="placement"
            value={placement}
            onChange={setPlacement}
            error={err("placement")}
            options={[{ value: "", label: "None" }, ...w.case.placements.map((p) => ({ value: String(p.id), label: `${p.form.provider} (from ${ukDate(p.form.start)})` }))]}
          />
        )}
      </div>
      <TextField label="Subject" name="subject" width="long" value={form.subject} onChange={set("subject")} error={err("subject")} />

      <fieldset>
        <legend>The decision</legend>
        <ol className="lettered">
          {form.paragraphs.map((p, i) => (
            <li key={i}>
              <div style={{ flex: 1 }}>
                <TextAreaField label={`Paragraph ${letter(i)})`} name={`paragraphs.${i}`} value={p} onChange={setIn("paragraphs", i)} error={err(`paragraphs.${i}`)} rows={2} />
              </div>
              <button type="button" className="link-button" disabled={form.paragraphs.length === 1} onClick={() => set("paragraphs")(form.paragraphs.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> paragraph {letter(i)})</span>
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="button button-secondary button-small" onClick={() => set("paragraphs")([...form.paragraphs, ""])}>
          Add paragraph {letter(form.paragraphs.length)})
        </button>
      </fieldset>

      {form.outcome === "approved_with_conditions" && (
        <fieldset>
          <legend>Conditions</legend>
          {form.conditions.map((c, i) => (
            <TextField key={i} label={`Condition ${i + 1}`} name={`conditions.${i}`} width="long" value={c} onChange={setIn("conditions", i)} error={err(`conditions.${i}`)} />
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => set("conditions")([...form.conditions, ""])}>
            Add condition
          </button>
        </fieldset>
      )}

      <TextAreaField label="Reasons" name="reasons" value={form.reasons} onChange={set("reasons")} error={err("reasons")} rows={4} />
      <TextAreaField label="Alternatives considered and rejected" name="alternatives" value={form.alternatives} onChange={set("alternatives")} error={err("alternatives")} hint='Write "None" if there were none' />

      <div className="form-row">
        <TextField label="Review date" name="review_date" width="short" value={form.review_date} onChange={set("review_date")} error={err("review_date")} hint="dd/mm/yyyy; default from the review cycle" />
      </div>
      <div className="field">
        <label className="check">
          <input type="checkbox" name="reduction" checked={form.reduction} onChange={(e) => set("reduction")(e.target.checked)} />
          This decision lowers the cost of the package
        </label>
        <div className="hint">A reduction takes effect no earlier than {w.notice_months} months' notice after the decision (from {ukDate(w.earliest_reduction)}).</div>
      </div>
      {form.reduction && (
        <TextField label="Date the lower cost starts" name="effective_from" width="short" value={form.effective_from} onChange={set("effective_from")} error={err("effective_from")} />
      )}

      <fieldset>
        <legend>Actions</legend>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col"><span className="visually-hidden">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {form.actions.map((a, i) => (
              <tr key={i}>
                <td><CellInput label={`Action ${i + 1}`} name={`actions.${i}.action`} value={a.action} onChange={setAction(i, "action")} error={err(`actions.${i}.action`)} width="22rem" /></td>
                <td><CellInput label={`Action ${i + 1}: owner`} name={`actions.${i}.owner`} value={a.owner} onChange={setAction(i, "owner")} error={err(`actions.${i}.owner`)} width="11rem" /></td>
                <td><CellInput label={`Action ${i + 1}: due`} name={`actions.${i}.due`} value={a.due} onChange={setAction(i, "due")} error={err(`actions.${i}.due`)} width="7.5rem" /></td>
                <td>
                  <button type="button" className="link-button" disabled={form.actions.length === 1} onClick={() => set("actions")(form.actions.filter((_, j) => j !== i))}>
                    Remove<span className="visually-hidden"> action {i + 1}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button button-secondary button-small" onClick={() => set("actions")([...form.actions, blankAction()])}>
          Add action
        </button>
      </fieldset>

      <fieldset data-testid="assents">
        <legend>Partners' assent{funds ? "" : " (needed only for funding decisions)"}</legend>
        {props.partners.map((p, k) => (
          <div key={p.code} className={`field ${err(`assents.${k}`) ? "field-error" : ""}`}>
            {err(`assents.${k}`) && <div className="error-message">{err(`assents.${k}`)}</div>}
            <div className="radio-row" role="radiogroup" aria-label={`${p.name} assent`}>
              <span style={{ minWidth: "12rem", fontWeight: 600 }}>{p.name}</span>
              {[
                ["agree", "Agrees"],
                ["disagree", "Disagrees"],
                ["", "Not recorded"],
              ].map(([value, label]) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`assents.${k}`}
                    value={value}
                    checked={form.assents[k] === value}
                    onChange={() => set("assents")(form.assents.map((x, j) => (j === k ? value : x)))}
                  />
                  {label}
                </label>
              ))}
            </div>
          </div>
        ))}
      </fieldset>

      <div className="actions">
        <button type="submit" className="button button-secondary" disabled={busy}>
          Save draft
        </button>
        <button type="button" className="button" disabled={busy} onClick={finalise}>
          Finalise decision
        </button>
        {props.draft && (
          <button type="button" className="link-button" onClick={discard}>
            Discard draft
          </button>
        )}
      </div>
    </form>
  );
}

/** Interests declared on the item, with any dispensation (rule 13). */
function Interests(props: { w: ItemWorkspace; onChange: () => void }) {
  const { w } = props;
  const [attendee, setAttendee] = useState("");
  const [interest, setInterest] = useState("");
  const [dispensation, setDispensation] = useState("");
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const decided = w.decisions.some((d) => d.status === "final");
  const canChange = w.editable && !decided;

  const add = (e: React.FormEvent) => {
    e.preventDefault();
    call(commands.declareInterest(w.item.id, { attendee_id: attendee, interest, dispensation }))
      .then(() => {
        setAttendee("");
        setInterest("");
        setDispensation("");
        setFailure(null);
        props.onChange();
      })
      .catch((x) => setFailure(asFailure(x)));
  };

  return (
    <section aria-labelledby="interests-heading">
      <h2 id="interests-heading">Interests declared</h2>
      {w.interests.length === 0 ? (
        <p className="muted" data-testid="no-interests">None declared.</p>
      ) : (
        <table className="table" data-testid="interests">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Interest</th>
              <th scope="col">Dispensation</th>
              <th scope="col"><span className="visually-hidden">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {w.interests.map((i) => (
              <tr key={i.id}>
                <td>{i.name} <span className="muted">({i.agency})</span></td>
                <td>{i.interest}</td>
                <td>{i.dispensation ?? <span className="muted">None</span>}</td>
                <td>
                  {canChange && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        if (window.confirm(`Remove the interest declared by ${i.name}?`))
                          call(commands.removeInterest(i.id)).then(props.onChange).catch((x) => setFailure(asFailure(x)));
                      }}
                    >
                      Remove<span className="visually-hidden"> interest of {i.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canChange && (
        <form className="form-row" onSubmit={add} data-form="interest" noValidate aria-label="Declare an interest">
          <SelectField
            label="Declared by"
            name="attendee_id"
            value={attendee}
            onChange={setAttendee}
            error={failure?.field("attendee_id")}
            options={[{ value: "", label: "Choose" }, ...w.meeting.attendees.filter((a) => a.attendance === "present").map((a) => ({ value: String(a.id), label: `${a.name} (${a.agency})` }))]}
          />
          <TextField label="Interest" name="interest" width="long" value={interest} onChange={setInterest} error={failure?.field("interest")} />
          <TextField label="Dispensation" name="dispensation" value={dispensation} onChange={setDispensation} error={failure?.field("dispensation")} hint="If any" />
          <div className="field">
            <button type="submit" className="button button-secondary">Record interest</button>
          </div>
        </form>
      )}
      {failure && failure.error.fields.length === 0 && <Banner kind="error">{failure.message}</Banner>}
    </section>
  );
}
