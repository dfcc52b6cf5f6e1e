import { useEffect, useRef, useState } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { CostLineForm, CostPreviewDto, PartnerDto, PlacementDto, PlacementForm, SplitForm } from "../bindings";
import { BackLink, Banner, CellInput, SelectField, TextField } from "../components";
import { formDate } from "../format";
import { vocabulary } from "../vocabulary";
import { CostFigures } from "./Case";
import { confirmLoss } from "../confirm";
import { useUnsaved } from "../unsaved";

const blankLine = (from: string): CostLineForm => ({ description: "", per: "week", amount: "", from, to: "" });

function initial(p: PlacementDto | null, partners: number): PlacementForm {
  if (!p) {
    return {
      provider: "",
      kind: "residential",
      start: "",
      end: "",
      lines: [{ ...blankLine(""), description: "Placement fee" }],
      splits: [{ from: "", shares: Array(partners).fill("") }],
    };
  }
  const f = p.form;
  return {
    ...f,
    start: formDate(f.start),
    end: formDate(f.end),
    lines: f.lines.map((l) => ({ ...l, from: formDate(l.from), to: formDate(l.to) })),
    splits: f.splits.map((s) => ({ ...s, from: formDate(s.from) })),
  };
}

/** Sum of typed percentages in hundredths, or null when one is not a number with ≤ 2 decimals. */
function sumOf(shares: string[]): number | null {
  let total = 0;
  for (const s of shares) {
    const t = s.trim().replace(/%$/, "");
    if (t === "") continue;
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
    const [w, f = ""] = t.split(".");
    total += Number(w) * 100 + Number(f.padEnd(2, "0"));
  }
  return total;
}

/**
 * Enter or change a placement: provider, type, dates, cost lines with rate changes, splits.
 * The preview beside it is computed by the Rust core on every change; nothing is costed here.
 */
export function PlacementEditor(props: {
  caseId: number;
  caseLabel: string;
  placement: PlacementDto | null;
  partners: PartnerDto[];
  onCancel: () => void;
  onSaved: (provider: string) => void;
}) {
  const [form, setForm] = useState<PlacementForm>(() => initial(props.placement, props.partners.length));
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [preview, setPreview] = useState<CostPreviewDto | null>(null);
  const [previewProblems, setPreviewProblems] = useState<number>(0);
  const [splitNote, setSplitNote] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = useRef(false);
  const [changed, setChanged] = useState(false);
  const nothingUnsaved = useUnsaved(changed);
  // Whether a share of the first split has been typed: until then a new placement's first split
  // is the pooled budget agreement's contribution ratios for the year it starts in.
  const sharesTyped = useRef(props.placement !== null);
  const err = (field: string) => failure?.field(field);
  const firstSplitFrom = form.splits[0]?.from ?? "";

  useEffect(() => {
    if (sharesTyped.current || !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(firstSplitFrom.trim())) return;
    let current = true;
    call(commands.defaultSplitFor(firstSplitFrom))
      .then((d) => {
        if (!current || sharesTyped.current) return;
        setForm((f) => ({ ...f, splits: f.splits.map((x, j) => (j === 0 ? { ...x, shares: d.shares } : x)) }));
        setSplitNote(`Split 1 follows ${d.source}: change it if this placement is shared otherwise.`);
      })
      .catch((e) => {
        if (current) setSplitNote(asFailure(e).message);
      });
    return () => {
      current = false;
    };
  }, [firstSplitFrom]);

  // Live preview from the core rules, a moment after typing stops. An answer for a form since
  // changed is dropped: answers can arrive out of order, and the preview shows the form as it is.
  const [previewOf, setPreviewOf] = useState<PlacementForm | null>(null);
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      call(commands.previewPlacement(form))
        .then((p) => {
          if (!current) return;
          setPreview(p);
          setPreviewProblems(0);
          setPreviewOf(form);
        })
        .catch((e) => {
          if (!current) return;
          const f = asFailure(e);
          setPreview(null);
          setPreviewProblems(Math.max(1, f.error.fields.length));
          setPreviewOf(form);
        });
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [form]);

  const update = (next: PlacementForm) => {
    dirty.current = true;
    setChanged(true);
    setForm(next);
  };
  const setField = (k: "provider" | "kind" | "start" | "end") => (v: string) => {
    const next = { ...form, [k]: v };
    // A new placement's first line and first split follow its start date until changed.
    if (k === "start" && !props.placement) {
      next.lines = form.lines.map((l, i) => (i === 0 && (l.from === "" || l.from === form.start) ? { ...l, from: v } : l));
      next.splits = form.splits.map((s, i) => (i === 0 && (s.from === "" || s.from === form.start) ? { ...s, from: v } : s));
    }
    update(next);
  };
  const setLine = (i: number, k: keyof CostLineForm) => (v: string) =>
    update({ ...form, lines: form.lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)) });
  const setSplitFrom = (i: number) => (v: string) =>
    update({ ...form, splits: form.splits.map((s, j) => (j === i ? { ...s, from: v } : s)) });
  const setShare = (i: number, k: number) => (v: string) => {
    if (i === 0) sharesTyped.current = true;
    update({
      ...form,
      splits: form.splits.map((s, j) => (j === i ? { ...s, shares: s.shares.map((x, m) => (m === k ? v : x)) } : s)),
    });
  };

  const changeRate = (i: number) => {
    const l = form.lines[i];
    const next: CostLineForm = { ...l, amount: "", from: "", to: l.to };
    const lines = [...form.lines];
    lines.splice(i + 1, 0, next);
    lines[i] = { ...l, to: "" };
    update({ ...form, lines });
    setSplitNote(`Rate change: set the date the new rate of "${l.description}" starts, its amount, and the last day of the old rate.`);
  };

  const splitFromAgreement = (i: number) => {
    const s: SplitForm = form.splits[i];
    call(commands.defaultSplitFor(s.from || form.start))
      .then((d) => {
        update({ ...form, splits: form.splits.map((x, j) => (j === i ? { ...x, shares: d.shares } : x)) });
        setSplitNote(`Split ${i + 1} set from ${d.source}.`);
      })
      .catch((e) => setSplitNote(asFailure(e).message));
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      await call(commands.savePlacement(props.caseId, props.placement?.id ?? null, form));
      dirty.current = false;
      setChanged(false);
      nothingUnsaved();
      props.onSaved(form.provider.trim());
    } catch (x) {
      setFailure(asFailure(x));
    } finally {
      setSaving(false);
    }
  };

  const cancel = async () => {
    if (
      !dirty.current ||
      (await confirmLoss("Leave without saving? The changes to this placement will be lost.", "Leave without saving", "Keep editing"))
    ) {
      nothingUnsaved();
      props.onCancel();
    }
  };

  const title = props.placement ? `Change placement at ${props.placement.form.provider}` : "Add a placement";
  return (
    <section aria-labelledby="placement-heading">
      <BackLink label={`Case ${props.caseLabel}`} onClick={cancel} />
      <h1 id="placement-heading">{title}</h1>
      <p className="lede">Case {props.caseLabel}. Dates as dd/mm/yyyy; amounts in pounds, e.g. 4,500.00.</p>
      <div className="grid-2">
        <form onSubmit={save} data-form="placement" noValidate aria-label={title}>
          {failure && failure.error.fields.length > 0 && (
            <Banner kind="error">
              {failure.error.fields.length === 1 ? "One field needs attention" : `${failure.error.fields.length} fields need attention`}:
              nothing was saved.
            </Banner>
          )}
          {failure && failure.error.fields.length === 0 && <Banner kind="error">{failure.message}</Banner>}
          <div className="form-row">
            <TextField
              label="Provider"
              name="provider"
              width="long"
              value={form.provider}
              onChange={setField("provider")}
              error={err("provider")}
              autoFocus
            />
            <SelectField
              label="Type"
              name="kind"
              value={form.kind}
              onChange={setField("kind")}
              options={vocabulary().placement_types}
              error={err("kind")}
            />
          </div>
          <div className="form-row">
            <TextField
              label="Start date"
              name="start"
              width="short"
              value={form.start}
              onChange={setField("start")}
              error={err("start")}
              hint="dd/mm/yyyy"
            />
            <TextField
              label="End date"
              name="end"
              width="short"
              value={form.end}
              onChange={setField("end")}
              error={err("end")}
              hint="Empty if open-ended"
            />
          </div>

          <h2>Cost lines</h2>
          <p className="muted">
            A provider's uplift is a new rate from a date: use “New rate” on the line, then give the old rate its last day.
          </p>
          {err("lines") && (
            <div className="error-message" role="alert">
              {err("lines")}
            </div>
          )}
          <div className="table-scroll">
            <table className="table" data-testid="cost-lines">
              <thead>
                <tr>
                  <th scope="col">Description</th>
                  <th scope="col">Unit</th>
                  <th scope="col" className="num">
                    Amount (£)
                  </th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {form.lines.map((l, i) => (
                  <tr key={i} data-line={i}>
                    <td>
                      <CellInput
                        label={`Cost line ${i + 1}: description`}
                        name={`lines.${i}.description`}
                        value={l.description}
                        onChange={setLine(i, "description")}
                        error={err(`lines.${i}.description`)}
                        width="10.5rem"
                      />
                    </td>
                    <td>
                      <div className="cell">
                        <select
                          aria-label={`Cost line ${i + 1}: unit`}
                          name={`lines.${i}.per`}
                          value={l.per}
                          onChange={(e) => setLine(i, "per")(e.target.value)}
                        >
                          {vocabulary().units.map((u) => (
                            <option key={u.value} value={u.value}>
                              {u.label}
                            </option>
                          ))}
                        </select>
                        {err(`lines.${i}.per`) && (
                          <div className="error-message cell-message" role="alert">
                            {err(`lines.${i}.per`)}
                          </div>
                        )}
                      </div>
                    </td>
                    <td>
                      <CellInput
                        label={`Cost line ${i + 1}: amount`}
                        name={`lines.${i}.amount`}
                        value={l.amount}
                        onChange={setLine(i, "amount")}
                        error={err(`lines.${i}.amount`)}
                        width="6.5rem"
                        align="right"
                      />
                    </td>
                    <td>
                      <CellInput
                        label={`Cost line ${i + 1}: from`}
                        name={`lines.${i}.from`}
                        value={l.from}
                        onChange={setLine(i, "from")}
                        error={err(`lines.${i}.from`)}
                        width="7rem"
                      />
                    </td>
                    <td>
                      <CellInput
                        label={`Cost line ${i + 1}: to`}
                        name={`lines.${i}.to`}
                        value={l.to}
                        onChange={setLine(i, "to")}
                        error={err(`lines.${i}.to`)}
                        width="7rem"
                        disabled={l.per === "once"}
                      />
                    </td>
                    <td className="nowrap">
                      <div className="row-actions">
                        {l.per !== "once" && (
                          <button type="button" className="link-button" onClick={() => changeRate(i)}>
                            New rate<span className="visually-hidden"> from a date: cost line {i + 1}</span>
                          </button>
                        )}{" "}
                        <button
                          type="button"
                          className="link-button"
                          disabled={form.lines.length === 1}
                          onClick={() => update({ ...form, lines: form.lines.filter((_, j) => j !== i) })}
                        >
                          Remove<span className="visually-hidden"> cost line {i + 1}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => update({ ...form, lines: [...form.lines, blankLine(form.start)] })}
          >
            Add cost line
          </button>

          <h2>Split between partners</h2>
          <p className="muted">
            Percentages with at most two decimals, adding up to exactly 100%, in force from a date. A later split changes it from its date.
          </p>
          {splitNote && <Banner kind="info">{splitNote}</Banner>}
          {err("splits") && (
            <div className="error-message" role="alert">
              {err("splits")}
            </div>
          )}
          <div className="table-scroll">
            <table className="table" data-testid="splits">
              <thead>
                <tr>
                  <th scope="col">In force from</th>
                  {props.partners.map((p) => (
                    <th key={p.code} scope="col" className="num">
                      {p.name} (%)
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {form.splits.map((s, i) => {
                  const sum = sumOf(s.shares);
                  return (
                    <tr key={i} data-split={i}>
                      <td>
                        <CellInput
                          label={`Split ${i + 1}: in force from`}
                          name={`splits.${i}.from`}
                          value={s.from}
                          onChange={setSplitFrom(i)}
                          error={err(`splits.${i}.from`)}
                          width="7.5rem"
                        />
                      </td>
                      {s.shares.map((x, k) => (
                        <td key={k} className="num">
                          <CellInput
                            label={`Split ${i + 1}: ${props.partners[k]?.name ?? `partner ${k + 1}`} percentage`}
                            name={`splits.${i}.shares.${k}`}
                            value={x}
                            onChange={setShare(i, k)}
                            error={err(`splits.${i}.shares.${k}`)}
                            width="5rem"
                            align="right"
                          />
                        </td>
                      ))}
                      <td className="num">
                        <span className={sum === 10000 ? "sum-ok" : "sum-no"} data-testid={`split-total-${i}`}>
                          {sum === null ? "?" : `${(sum / 100).toFixed(2)}%`}
                        </span>
                        {err(`splits.${i}`) && (
                          <div className="error-message cell-message" role="alert">
                            {err(`splits.${i}`)}
                          </div>
                        )}
                      </td>
                      <td className="nowrap">
                        <div className="row-actions">
                          <button type="button" className="link-button" onClick={() => splitFromAgreement(i)}>
                            Use pooled budget ratios<span className="visually-hidden">: split {i + 1}</span>
                          </button>{" "}
                          <button
                            type="button"
                            className="link-button"
                            disabled={form.splits.length === 1}
                            onClick={() => update({ ...form, splits: form.splits.filter((_, j) => j !== i) })}
                          >
                            Remove<span className="visually-hidden"> split {i + 1}</span>
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() =>
              update({
                ...form,
                splits: [
                  ...form.splits,
                  { from: "", shares: [...(form.splits[form.splits.length - 1]?.shares ?? Array(props.partners.length).fill(""))] },
                ],
              })
            }
          >
            Add a split change
          </button>

          <div className="actions" style={{ marginTop: "1.5rem" }}>
            <button type="submit" className="button" disabled={saving}>
              {saving ? "Saving…" : "Save placement"}
            </button>
            <button type="button" className="button button-secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
        <aside
          className="panel sticky"
          aria-labelledby="preview-heading"
          aria-live="polite"
          data-preview-current={previewOf === form ? "true" : "false"}
        >
          <h2 id="preview-heading" style={{ marginTop: 0 }}>
            Cost
          </h2>
          {preview ? (
            <CostFigures preview={preview} />
          ) : (
            <p className="muted" data-testid="preview-waiting">
              The cost appears here as soon as every field is valid{previewProblems > 0 ? ` (${previewProblems} to finish or correct)` : ""}
              .
            </p>
          )}
        </aside>
      </div>
    </section>
  );
}
