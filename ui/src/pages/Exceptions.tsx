// What an auditor would ask about, for administrators: the exceptions as of a day, by kind,
// each opening the case or meeting it is about; printed or saved as CSV to clear before a
// meeting. The figures are Rust's, the same as `panel exceptions` prints.
import { useState, type FormEvent } from "react";
import { confirmAction } from "../confirm";
import { changed, useRead } from "../queries";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { ExceptionsDto } from "../bindings";
import { Banner, FormFailure, TextField } from "../components";
import { DocumentButtons } from "../documents";
import { longDate, ukDate } from "../format";

export function ExceptionsPage(props: { today: string; onOpenCase: (id: number) => void; onOpenMeeting: (id: number) => void }) {
  const [typed, setTyped] = useState(ukDate(props.today));
  const [asOf, setAsOf] = useState(ukDate(props.today));
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const read = useRead(["exceptions", asOf], () => call(commands.exceptions(asOf)));
  const shown: ExceptionsDto | null = read.data;
  const show = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call(commands.exceptions(typed));
      setFailure(null);
      setAsOf(typed);
    } catch (err) {
      setFailure(asFailure(err));
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-form='exceptions'] [aria-invalid='true']")?.focus());
    }
  };
  return (
    <section aria-labelledby="exceptions-heading">
      <h1 id="exceptions-heading">Exceptions</h1>
      <p className="lede">
        What an auditor would ask about: spend with no decision, rates above those approved, reviews overdue, placements ending soon with
        nothing on an agenda, spend with no pooled budget agreement, assent not recorded, actions overdue, chairs' actions not ratified and
        placements past a child's 18th birthday. Clear them before each meeting.
      </p>
      <form className="panel" data-form="exceptions" onSubmit={show} noValidate aria-label="Exceptions as of a day">
        <FormFailure failure={failure} />
        <div className="form-row">
          <TextField
            label="As of"
            name="as_of"
            width="short"
            hint="dd/mm/yyyy"
            value={typed}
            onChange={setTyped}
            error={failure?.field("as_of")}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Show the exceptions
          </button>
        </div>
      </form>
      {read.error && <Banner kind="error">{read.error}</Banner>}
      {shown && (
        <>
          <p data-testid="exceptions-count">
            {shown.count === 0
              ? `Nothing to ask about as of ${longDate(shown.as_of)}.`
              : `${shown.count} exception${shown.count === 1 ? "" : "s"} as of ${longDate(shown.as_of)}.`}
          </p>
          <table className="table table-compact table-narrow" data-testid="exception-kinds">
            <caption className="visually-hidden">Exceptions found, by kind</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Found
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.groups.map((g) => (
                <tr key={g.kind}>
                  <td>
                    {g.rows.length > 0 ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => document.getElementById(`exceptions-${g.kind}`)?.scrollIntoView()}
                      >
                        {g.label}
                      </button>
                    ) : (
                      g.label
                    )}
                  </td>
                  <td className="num">{g.rows.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.groups
            .filter((g) => g.rows.length > 0)
            .map((g) => (
              <section key={g.kind} aria-labelledby={`exceptions-${g.kind}`} data-kind={g.kind}>
                <h2 id={`exceptions-${g.kind}`}>
                  {g.label} ({g.rows.length})
                </h2>
                {g.for_the_panel && <p className="muted">For the panel: bring the case to its next meeting.</p>}
                <div className="table-scroll">
                  <table className="table" data-testid={`exceptions-${g.kind}`}>
                    <thead>
                      <tr>
                        <th scope="col">Case</th>
                        <th scope="col">What is wrong</th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.rows.map((r, i) => (
                        <tr key={i}>
                          <td className="nowrap">
                            {r.case_id != null && r.case ? (
                              <button
                                type="button"
                                className="link-button"
                                onClick={() => r.case_id != null && props.onOpenCase(r.case_id)}
                              >
                                {r.case}
                              </button>
                            ) : (
                              (r.year ?? "")
                            )}
                          </td>
                          <td>
                            {r.detail}
                            {r.meeting && (
                              <>
                                {" "}
                                <button
                                  type="button"
                                  className="link-button"
                                  onClick={() => r.meeting && props.onOpenMeeting(r.meeting[0])}
                                >
                                  Open the meeting of {ukDate(r.meeting[1])}
                                </button>
                              </>
                            )}
                            {r.decision && r.action != null && <ActionDone decision={r.decision} action={r.action} today={props.today} />}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            ))}
          <DocumentButtons
            testid="exceptions-papers"
            actions={[
              { label: "Print PDF", run: () => commands.saveExceptions(asOf, false) },
              { label: "Save CSV", run: () => commands.saveExceptions(asOf, true) },
            ]}
          />
        </>
      )}
    </section>
  );
}

/** Records an overdue action as done, which clears it: the day (today unless said) and what was
 * done, asked first. */
function ActionDone(props: { decision: string; action: number; today: string }) {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(ukDate(props.today));
  const [note, setNote] = useState("");
  const [failure, setFailure] = useState<AppFailure | null>(null);
  if (!open)
    return (
      <>
        {" "}
        <button type="button" className="button button-secondary button-small" data-action="action-done" onClick={() => setOpen(true)}>
          Mark done…
          <span className="visually-hidden">
            {" "}
            action {props.action} of {props.decision}
          </span>
        </button>
      </>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (
      !(await confirmAction(
        `Record action ${props.action} of ${props.decision} as done on ${on}? It cannot be undone.`,
        "Record it as done",
      ))
    )
      return;
    try {
      await call(commands.completeAction({ decision: props.decision, action: props.action, on, note }));
      setFailure(null);
      setOpen(false);
      await changed();
    } catch (err) {
      setFailure(asFailure(err));
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
    }
  };
  return (
    <form
      className="inline-form"
      data-form="action-done"
      onSubmit={submit}
      noValidate
      aria-label={`Action ${props.action} of ${props.decision} done`}
    >
      <FormFailure failure={failure} />
      <div className="form-row">
        <TextField label="Done on" name="on" width="short" hint="dd/mm/yyyy" value={on} onChange={setOn} error={failure?.field("on")} />
        <TextField
          label="What was done"
          name="note"
          value={note}
          onChange={setNote}
          error={failure?.field("note") ?? failure?.field("action")}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-small">
          Record it as done
        </button>
        <button type="button" className="button button-secondary button-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
