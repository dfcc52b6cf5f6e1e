import { useEffect, useRef, useState } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { ActionForm, DecisionDto, DecisionForm, ImpactYear, PartnerDto, PlacementDto } from "../bindings";
import { CellInput, SelectField, TextAreaField, TextField, focusInView } from "../components";
import { DocumentButtons } from "../documents";
import { formDate, ukDate } from "../format";
import { funds as fundsOutcome, labelOf, vocabulary } from "../vocabulary";
import { typing, useKeys } from "../keys";
import { useUnsaved } from "../unsaved";
import { confirmAction, confirmLoss } from "../confirm";
import { useRead } from "../queries";
import { FinalIndicative, IndicativePreview } from "./Allocation";

/**
 * The key of a screen's decision form: the same while a new decision becomes a draft (the form
 * and everything typed into it stay), new for another item, an amending draft, and after a
 * finalisation or a discard (`renew`).
 */
export function useDecisionFormKey(where: string, draftId: number | null) {
  const [adopted, setAdopted] = useState<number | null>(null);
  const [round, setRound] = useState(0);
  return {
    key: `${where}:${round}:${draftId === null || draftId === adopted ? "new" : draftId}`,
    adopt: setAdopted,
    renew: () => {
      setAdopted(null);
      setRound((r) => r + 1);
    },
  };
}

/** A paragraph's letter, as the record letters it (the letters come from Rust). */
const letter = (i: number): string => vocabulary().paragraph_letters[i] ?? String(i + 1);
const blankAction = (): ActionForm => ({ action: "", owner: "", due: "" });

/** Where a decision is being made, and the defaults it starts from. */
export type DecisionContext = {
  /** The case's placements, one of which the decision may be about. */
  placements: PlacementDto[];
  /** The subject a new decision starts with. */
  subject: string;
  /** ISO review date a new decision defaults to. */
  defaultReview: string;
  /** ISO earliest date a reduction can take effect, and the notice in months (rule 10). */
  earliestReduction: string;
  noticeMonths: number;
  /** Said above the form: where and when the decision is made. */
  where: string;
  /** For a chair's action: the date it was taken, as first shown (dd/mm/yyyy). */
  chairAction?: { decidedOn: string };
  /** At a meeting: its date (dd/mm/yyyy), the day the decision is taken. */
  meetingDate?: string;
  /** At a meeting: for each partner, whether someone present represents it. */
  present?: boolean[];
};

/** The parts a decision cannot be final without, in the order the form asks for them. */
const NEEDED = ["paragraphs.0", "reasons", "alternatives"];

/** Moves focus to the decision being written, at the first needed part still empty (else its
 * outcome), or to the final decision when there is no form; false when there is neither. */
export function focusDecision(): boolean {
  const form = document.querySelector<HTMLFormElement>("form[data-form='decision']");
  if (form) {
    const empty = NEEDED.map((n) => form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name='${n}']`)).find(
      (el) => el && el.value.trim() === "",
    );
    focusInView(empty ?? form.querySelector<HTMLElement>("[name='outcome']"));
    return true;
  }
  const final = document.querySelector<HTMLElement>("[data-testid='final-decision']");
  final?.focus();
  return final !== null;
}

/** The control of a form field named `name` (a partner's assent: its chosen or first radio). */
function control(form: HTMLFormElement | null, name: string): HTMLElement | null {
  if (!form) return null;
  return (
    form.querySelector<HTMLElement>(`[name='${name}']:checked`) ??
    form.querySelector<HTMLElement>(`[name='${name}']`) ??
    // A reduction refused while the box is not ticked: the box.
    (name === "effective_from" ? form.querySelector<HTMLElement>("[name='reduction']") : null)
  );
}

/** Saves the draft (new when `draftId` is null) and answers its id. */
export type SaveDraft = (draftId: number | null, placementId: number | null, form: DecisionForm, decidedOn: string) => Promise<number>;

function blankDecision(ctx: DecisionContext, partners: number): DecisionForm {
  return {
    outcome: "approved",
    subject: ctx.subject,
    paragraphs: [""],
    reasons: "",
    alternatives: "",
    conditions: [""],
    actions: [blankAction()],
    review_date: formDate(ctx.defaultReview),
    reduction: false,
    effective_from: formDate(ctx.earliestReduction),
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

/** A finalised decision, read-only, with its number. */
export function FinalDecision(props: { d: DecisionDto; partners: PartnerDto[]; canAmend: boolean; onAmend: () => void; label?: string }) {
  const { d } = props;
  const f = d.form;
  return (
    <article className="decision-final" data-testid="final-decision" aria-label={`${props.label ?? "Decision"} ${d.number}`} tabIndex={-1}>
      <div className="toolbar">
        <div>
          <div className="decision-number" data-testid="decision-number">
            {d.number}
          </div>
          <div className="muted">
            Final · {labelOf(vocabulary().outcomes, f.outcome)} · {ukDate(d.decided_on)}
            {d.amends && <> · amends {d.amends}</>}
            {d.amended_by.length > 0 && <> · amended by {d.amended_by.join(", ")}</>}
          </div>
        </div>
        {props.canAmend && (
          <button
            type="button"
            className="button button-secondary"
            onClick={async () => {
              if (await confirmAction(`${d.number} is final and will stay on record. Start an amending decision that names it?`, "Amend"))
                props.onAmend();
            }}
          >
            Amend<span className="visually-hidden"> {d.number}</span>
          </button>
        )}
      </div>
      <p>
        <strong>{f.subject}</strong>
      </p>
      <ol className="lettered">
        {f.paragraphs.map((p, i) => (
          <li key={i}>
            <span className="letter">{letter(i)})</span> <span>{p}</span>
          </li>
        ))}
      </ol>
      {f.conditions.length > 0 && (
        <p>
          <strong>Conditions:</strong> {f.conditions.join("; ")}
        </p>
      )}
      <p>
        <strong>Reasons:</strong> {f.reasons}
      </p>
      {f.alternatives && (
        <p>
          <strong>Alternatives considered and rejected:</strong> {f.alternatives}
        </p>
      )}
      {f.actions.length > 0 && (
        <>
          <p style={{ marginBottom: "0.3rem" }}>
            <strong>Actions:</strong>
          </p>
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
      {f.review_date && (
        <p>
          <strong>Review date:</strong> {ukDate(f.review_date)}
        </p>
      )}
      {f.reduction && (
        <p>
          <strong>Reduction takes effect:</strong> {ukDate(f.effective_from)}
        </p>
      )}
      <p>
        <strong>Partners:</strong>{" "}
        {props.partners
          .map((p, k) => `${p.name}: ${f.assents[k] === "agree" ? "agrees" : f.assents[k] === "disagree" ? "disagrees" : "not recorded"}`)
          .join(" · ")}
      </p>
      <FinalImpact id={d.id} />
      <FinalIndicative id={d.id} />
      <DecisionRecordButtons id={d.id} number={d.number ?? ""} />
    </article>
  );
}

/** Print a final decision's record: in full for the case file, or redacted for publication. */
export function DecisionRecordButtons(props: { id: number; number: string; compact?: boolean }) {
  return (
    <DocumentButtons
      testid="record-buttons"
      actions={[
        { label: props.compact ? "Record" : "Print record", hidden: props.number, run: () => commands.saveRecordPdf(props.id, false) },
        {
          label: props.compact ? "Redacted" : "Print redacted record",
          hidden: props.number,
          run: () => commands.saveRecordPdf(props.id, true),
        },
      ]}
    />
  );
}

/** The decision being written: save as a draft at any time; finalise numbers and locks it. */
export function DecisionEditor(props: {
  ctx: DecisionContext;
  draft: DecisionDto | null;
  partners: PartnerDto[];
  save: SaveDraft;
  /** After a save, a finalisation or a discard, with what to say. */
  onSaved: (message: string, what: "saved" | "final" | "discarded") => void;
  /** When a new decision is first saved as a draft (a refused finalisation saves it too): the
   * form goes on holding it, with everything typed since. */
  onDraft?: (id: number) => void;
}) {
  const { ctx } = props;
  const [form, setForm] = useState<DecisionForm>(() => (props.draft ? toForm(props.draft) : blankDecision(ctx, props.partners.length)));
  const [placement, setPlacement] = useState<string>(() => {
    const id = props.draft?.placement_id ?? ctx.placements[ctx.placements.length - 1]?.id ?? null;
    return id === null ? "" : String(id);
  });
  const [decidedOn, setDecidedOn] = useState<string>(() =>
    props.draft ? formDate(props.draft.decided_on) : (ctx.chairAction?.decidedOn ?? ""),
  );
  const [failure, setFailure] = useState<AppFailure | null>(null);
  // The draft being edited, once saved: a refused finalisation has saved it, and the next
  // save or finalisation carries on with it instead of starting a second one.
  const [draftId, setDraftId] = useState<number | null>(props.draft?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState<"save" | "finalise">("save");
  // What was last saved (or first shown), to know whether leaving would lose anything.
  const now = JSON.stringify([form, placement, decidedOn]);
  const [saved, setSaved] = useState(now);
  const nothingUnsaved = useUnsaved(now !== saved);
  const problemsRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const err = (f: string) => failure?.field(f);
  // A refusal takes focus to the first field in error, which says what is wrong; when the
  // first problem is not about a field (the meeting is not quorate), to the summary.
  useEffect(() => {
    if (!failure) return;
    const first = failure.error.fields[0]?.field;
    const field = first ? control(formRef.current, first) : null;
    if (field) field.focus();
    else problemsRef.current?.focus();
  }, [failure]);
  const set =
    <K extends keyof DecisionForm>(k: K) =>
    (v: DecisionForm[K]) =>
      setForm({ ...form, [k]: v });
  const setIn = (k: "paragraphs" | "conditions", i: number) => (v: string) =>
    setForm({ ...form, [k]: form[k].map((x, j) => (j === i ? v : x)) });
  const setAction = (i: number, k: keyof ActionForm) => (v: string) =>
    setForm({ ...form, actions: form.actions.map((a, j) => (j === i ? { ...a, [k]: v } : a)) });

  const save = async (): Promise<number | null> => {
    try {
      const id = await props.save(draftId, placement === "" ? null : Number(placement), form, decidedOn);
      if (draftId === null) props.onDraft?.(id);
      setDraftId(id);
      setSaved(now);
      nothingUnsaved();
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
    if (id !== null) props.onSaved("The draft decision is saved.", "saved");
  };

  const finalise = async () => {
    const what = ctx.chairAction ? "chair's action" : "decision";
    if (
      !(await confirmAction(
        `Finalise this ${what}? It will be numbered and can then only be corrected by an amending decision.`,
        "Finalise",
      ))
    )
      return;
    setAttempt("finalise");
    setBusy(true);
    const id = await save();
    if (id !== null) {
      try {
        const number = await call(commands.finaliseDecision(id));
        props.onSaved(
          ctx.chairAction
            ? `Chair's action ${number} is final. It will be offered on the next meeting's agenda for ratification.`
            : `Decision ${number} is final.`,
          "final",
        );
      } catch (e) {
        // The draft was saved: the editor now holds it (draftId), so nothing typed is lost.
        setFailure(asFailure(e));
      }
    }
    setBusy(false);
  };

  const discard = async () => {
    if (
      draftId === null ||
      !(await confirmLoss("Discard this draft decision? What was written will be lost.", "Discard draft", "Keep the draft"))
    )
      return;
    try {
      await call(commands.discardDecision(draftId));
      nothingUnsaved();
      props.onSaved("The draft decision is discarded.", "discarded");
    } catch (e) {
      setFailure(asFailure(e));
    }
  };

  // Every partner represented at the meeting agrees; the others are left as they are.
  const allPresentAgree = () => {
    if (!ctx.present) return;
    setForm({ ...form, assents: form.assents.map((a, k) => (ctx.present?.[k] ? "agree" : a)) });
  };
  const setAssent = (k: number, value: string) => setForm({ ...form, assents: form.assents.map((x, j) => (j === k ? value : x)) });

  // The chair's keys (listed by the item screen's help): save, finalise, and all agree.
  useKeys((e) => {
    if (busy) return;
    const key = e.key.toLowerCase();
    if (e.ctrlKey && !e.altKey && key === "s") {
      e.preventDefault();
      saveDraft();
    } else if (e.ctrlKey && e.key === "Enter") {
      e.preventDefault();
      finalise();
    } else if (e.altKey && !e.ctrlKey && key === "a" && ctx.present) {
      e.preventDefault();
      allPresentAgree();
    }
  });

  const problems = failure?.error.fields ?? [];
  const funds = fundsOutcome(form.outcome);
  return (
    <form
      ref={formRef}
      className="panel"
      data-form="decision"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        saveDraft();
      }}
      aria-label="Decision"
    >
      <p className="muted">
        {props.draft?.amends
          ? `Draft amending decision of ${props.draft.amends}.`
          : draftId !== null
            ? "Draft — not yet numbered."
            : "New decision."}{" "}
        {ctx.where}
      </p>
      {failure && problems.length === 0 && (
        <div className="banner banner-error problems" role="alert" tabIndex={-1} ref={problemsRef} data-testid="decision-problems">
          {failure.message}
        </div>
      )}
      {problems.length > 0 && (
        <div className="banner banner-error problems" role="alert" tabIndex={-1} ref={problemsRef} data-testid="decision-problems">
          <strong>
            {attempt === "finalise" ? "Not finalised" : "Not saved"} —{" "}
            {problems.length === 1 ? "one thing to resolve:" : `${problems.length} things to resolve:`}
          </strong>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                {control(formRef.current, p.field) ? (
                  <a
                    href={`#${p.field}`}
                    onClick={(e) => {
                      e.preventDefault();
                      control(formRef.current, p.field)?.focus();
                    }}
                  >
                    {p.message}
                  </a>
                ) : (
                  p.message
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-row">
        <SelectField
          label="Outcome"
          name="outcome"
          value={form.outcome}
          onChange={set("outcome")}
          options={vocabulary().outcomes}
          error={err("outcome")}
        />
        {ctx.chairAction && (
          <TextField
            label="Date of the chair's action"
            name="decided_on"
            width="short"
            value={decidedOn}
            onChange={setDecidedOn}
            error={err("decided_on")}
            hint="dd/mm/yyyy; today or before"
          />
        )}
        {ctx.placements.length > 0 && (
          <SelectField
            label="Placement"
            name="placement"
            value={placement}
            onChange={setPlacement}
            error={err("placement")}
            options={[
              { value: "", label: "None" },
              ...ctx.placements.map((p) => ({ value: String(p.id), label: `${p.form.provider} (from ${ukDate(p.form.start)})` })),
            ]}
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
                <TextAreaField
                  label={`Paragraph ${letter(i)})`}
                  name={`paragraphs.${i}`}
                  value={p}
                  onChange={setIn("paragraphs", i)}
                  error={err(`paragraphs.${i}`)}
                  rows={2}
                />
              </div>
              <button
                type="button"
                className="link-button"
                disabled={form.paragraphs.length === 1}
                onClick={() => set("paragraphs")(form.paragraphs.filter((_, j) => j !== i))}
              >
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
            <TextField
              key={i}
              label={`Condition ${i + 1}`}
              name={`conditions.${i}`}
              width="long"
              value={c}
              onChange={setIn("conditions", i)}
              error={err(`conditions.${i}`)}
            />
          ))}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => set("conditions")([...form.conditions, ""])}
          >
            Add condition
          </button>
        </fieldset>
      )}

      <TextAreaField label="Reasons" name="reasons" value={form.reasons} onChange={set("reasons")} error={err("reasons")} rows={4} />
      <TextAreaField
        label="Alternatives considered and rejected"
        name="alternatives"
        value={form.alternatives}
        onChange={set("alternatives")}
        error={err("alternatives")}
        hint='Write "None" if there were none'
      />

      <div className="form-row">
        <TextField
          label="Review date"
          name="review_date"
          width="short"
          value={form.review_date}
          onChange={set("review_date")}
          error={err("review_date")}
          hint="dd/mm/yyyy; default from the review cycle"
        />
      </div>
      <div className={`field ${!form.reduction && err("effective_from") ? "field-error" : ""}`}>
        <label className="check">
          <input type="checkbox" name="reduction" checked={form.reduction} onChange={(e) => set("reduction")(e.target.checked)} />
          This decision lowers the cost of the package
        </label>
        <div className="hint">
          A reduction takes effect no earlier than {ctx.noticeMonths} months' notice after the decision (from{" "}
          {ukDate(ctx.earliestReduction)}). A lower rate from a date in the placement's costs is a reduction whether or not this is ticked.
        </div>
        {/* The costs themselves may show a reduction nobody ticked: the refusal is said here. */}
        {!form.reduction && err("effective_from") && (
          <div className="error-message" role="alert">
            {err("effective_from")}
          </div>
        )}
      </div>
      {form.reduction && (
        <TextField
          label="Date the lower cost starts"
          name="effective_from"
          width="short"
          value={form.effective_from}
          onChange={set("effective_from")}
          error={err("effective_from")}
        />
      )}

      <fieldset>
        <legend>Actions</legend>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.actions.map((a, i) => (
              <tr key={i}>
                <td>
                  <CellInput
                    label={`Action ${i + 1}`}
                    name={`actions.${i}.action`}
                    value={a.action}
                    onChange={setAction(i, "action")}
                    error={err(`actions.${i}.action`)}
                    width="22rem"
                  />
                </td>
                <td>
                  <CellInput
                    label={`Action ${i + 1}: owner`}
                    name={`actions.${i}.owner`}
                    value={a.owner}
                    onChange={setAction(i, "owner")}
                    error={err(`actions.${i}.owner`)}
                    width="11rem"
                  />
                </td>
                <td>
                  <CellInput
                    label={`Action ${i + 1}: due`}
                    name={`actions.${i}.due`}
                    value={a.due}
                    onChange={setAction(i, "due")}
                    error={err(`actions.${i}.due`)}
                    width="7.5rem"
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    disabled={form.actions.length === 1}
                    onClick={() => set("actions")(form.actions.filter((_, j) => j !== i))}
                  >
                    Remove<span className="visually-hidden"> action {i + 1}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => set("actions")([...form.actions, blankAction()])}
        >
          Add action
        </button>
      </fieldset>

      <ImpactPreview placement={placement} outcome={form.outcome} decidedOn={ctx.meetingDate ?? decidedOn} />
      <IndicativePreview placement={placement} decidedOn={ctx.meetingDate ?? decidedOn} />

      <fieldset data-testid="assents">
        <legend>Partners' assent{funds ? "" : " (needed only for funding decisions)"}</legend>
        {ctx.present && (
          <p className="assent-all">
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={allPresentAgree}
              disabled={!ctx.present.some(Boolean)}
              aria-keyshortcuts="Alt+A"
            >
              Every partner present agrees
            </button>{" "}
            <span className="muted">
              <kbd>Alt</kbd> + <kbd>A</kbd>; on a partner, <kbd>A</kbd>, <kbd>D</kbd> or <kbd>N</kbd> chooses
            </span>
          </p>
        )}
        {props.partners.map((p, k) => (
          <div key={p.code} className={`field ${err(`assents.${k}`) ? "field-error" : ""}`}>
            {err(`assents.${k}`) && (
              <div className="error-message" id={`assents-${k}-error`}>
                {err(`assents.${k}`)}
              </div>
            )}
            <div
              className="radio-row"
              role="radiogroup"
              aria-label={`${p.name} assent`}
              onKeyDown={(e) => {
                // A choice by its first letter: Agrees, Disagrees, Not recorded.
                if (e.ctrlKey || e.altKey || e.metaKey || typing(e.nativeEvent)) return;
                const value = { a: "agree", d: "disagree", n: "" }[e.key.toLowerCase()];
                if (value === undefined) return;
                e.preventDefault();
                e.stopPropagation();
                setAssent(k, value);
                formRef.current?.querySelector<HTMLInputElement>(`[name='assents.${k}'][value='${value}']`)?.focus();
              }}
            >
              <span className="radio-row-name">
                {p.name}
                {ctx.present && !ctx.present[k] && <span className="muted"> (not present)</span>}
              </span>
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
                    aria-invalid={err(`assents.${k}`) ? true : undefined}
                    aria-describedby={err(`assents.${k}`) ? `assents-${k}-error` : undefined}
                    onChange={() => setAssent(k, value)}
                  />
                  {label}
                </label>
              ))}
            </div>
          </div>
        ))}
      </fieldset>

      <div className="actions">
        <button type="submit" className="button button-secondary" disabled={busy} aria-keyshortcuts="Control+S">
          Save draft
        </button>
        <button type="button" className="button" disabled={busy} onClick={finalise} aria-keyshortcuts="Control+Enter">
          {ctx.chairAction ? "Finalise chair's action" : "Finalise decision"}
        </button>
        {draftId !== null && (
          <button type="button" className="link-button" onClick={discard}>
            Discard draft
          </button>
        )}
      </div>
    </form>
  );
}

/** A year's impact of a decision: each partner's projected spend before and after it. */
function ImpactTables(props: { years: ImpactYear[] }) {
  return (
    <>
      {props.years.map((y) => (
        <div key={y.year}>
          <table className="table table-compact" data-year={y.year}>
            <caption className="visually-hidden">Projected spend before and after the decision, {y.year}</caption>
            <thead>
              <tr>
                <th scope="col">{y.year}</th>
                <th scope="col" className="num">
                  Before
                </th>
                <th scope="col" className="num">
                  After
                </th>
                <th scope="col" className="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {y.lines.map((l) => (
                <tr key={l.name}>
                  <td>{l.name}</td>
                  <td className="num">{l.before}</td>
                  <td className="num">{l.after}</td>
                  <td className="num">{l.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{y.words}</p>
        </div>
      ))}
    </>
  );
}

/** What the decision being written would do to the pool, this year and next, before it is
 * finalised: worked out by Rust from the placements on record. */
function ImpactPreview(props: { placement: string; outcome: string; decidedOn: string }) {
  const placementId = props.placement === "" ? null : Number(props.placement);
  const read = useRead(["impact", placementId, props.outcome, props.decidedOn], () =>
    call(commands.impactPreview({ placement_id: placementId, outcome: props.outcome, decided_on: props.decidedOn })),
  );
  if (placementId === null || !props.decidedOn) return null;
  return (
    <section className="impact" aria-labelledby="impact-heading" data-testid="impact">
      <h3 id="impact-heading">Financial impact</h3>
      <p className="muted">
        Each partner's projected spend for the year, before this decision (the placement as approved before, or without it) and after it. It
        is kept with the decision when it is finalised and printed on its record.
      </p>
      {read.error && <p className="muted">{read.error}</p>}
      {read.data && <ImpactTables years={read.data} />}
    </section>
  );
}

/** The financial impact kept with a final decision, if it was. */
function FinalImpact(props: { id: number }) {
  const read = useRead(["decision-impact", props.id], () => call(commands.decisionImpact(props.id)));
  if (!read.data || read.data.length === 0) return null;
  return (
    <details className="impact" data-testid="final-impact">
      <summary>Financial impact, as finalised</summary>
      <ImpactTables years={read.data} />
    </details>
  );
}
