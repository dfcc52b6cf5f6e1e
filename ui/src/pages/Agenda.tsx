import { useEffect, useRef, useState } from "react";
import { asFailure, call, commands } from "../api";
import type { AgendaItemDto, AgendaOfferDto, CaseRow } from "../bindings";
import { Banner, FormFailure, SelectField, TextField, useForm } from "../components";
import { ukDate } from "../format";
import { labelOf, vocabulary } from "../vocabulary";
import { keys, useRead } from "../queries";
import { confirmLoss } from "../confirm";

/** The agenda of a meeting: items in order with timings, what is offered, and a form to add. */
export function AgendaSection(props: { meetingId: number; locked: boolean; onChange: () => void; onOpenItem: (id: number) => void }) {
  const agenda = useRead(keys.agenda(props.meetingId), () =>
    Promise.all([call(commands.getAgenda(props.meetingId)), call(commands.agendaOffers(props.meetingId))]),
  );
  const [items, offers]: [AgendaItemDto[], AgendaOfferDto[]] = agenda.data ?? [[], []];
  const cases: CaseRow[] = useRead(keys.cases(), () => call(commands.listCases())).data ?? [];
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? agenda.error;
  // An item just added or moved: focus goes to it once the agenda shows it.
  const [focusItem, setFocusItem] = useState<number | null>(null);
  // The item being changed, in the form below the agenda.
  const [editing, setEditing] = useState<AgendaItemDto | null>(null);
  useEffect(() => {
    if (focusItem === null || !items.some((i) => i.id === focusItem)) return;
    document.querySelector<HTMLElement>(`a[href='#item-${focusItem}']`)?.focus();
    setFocusItem(null);
  }, [focusItem, items]);

  const act = (p: Promise<unknown>) =>
    p
      .then((id) => {
        setError(null);
        if (typeof id === "number") setFocusItem(id);
        props.onChange();
      })
      .catch((e) => setError(asFailure(e).message));

  const addOffer = (o: AgendaOfferDto) => (o.exception ? addException(o, o.exception) : addDue(o));
  // An exception that needs the panel: what is asked says what is wrong.
  const addException = (o: AgendaOfferDto, [code, , why]: [string, string, string]) =>
    act(
      call(
        commands.addAgendaItem(props.meetingId, {
          kind: o.kind,
          case: o.case.reference,
          title:
            code === "turns_18"
              ? `Transition review: placement at ${o.provider}`
              : o.kind === "ending"
                ? `Ending of placement at ${o.provider}`
                : `Change of placement at ${o.provider}`,
          presenter: "",
          minutes: "15",
          ask:
            code === "turns_18"
              ? `Plan for the 18th birthday and the adult panel's application. ${why}`
              : code === "ending_soon"
                ? `Agree the ending or an extension. ${why}`
                : `Decide the funding. ${why}`,
          ratifies: "",
        }),
      ),
    );
  const addDue = (o: AgendaOfferDto) =>
    act(
      call(
        commands.addAgendaItem(props.meetingId, {
          kind: o.kind,
          case: o.case.reference,
          title:
            o.kind === "review"
              ? `Review of placement at ${o.provider}`
              : o.kind === "ending"
                ? `Ending of placement at ${o.provider}`
                : `Ratification of chair's action ${o.number}`,
          presenter: "",
          minutes: o.kind === "ratification" ? "10" : "15",
          ask:
            o.kind === "review"
              ? "Confirm continued funding, the split and the next review date"
              : o.kind === "ending"
                ? "Note the ending and confirm the final costs"
                : `Ratify the chair's action of ${ukDate(o.date)}: ${o.subject ?? ""}`,
          ratifies: o.kind === "ratification" ? (o.number ?? "") : "",
        }),
      ),
    );
  const offerLabel = (kind: string) => (kind === "review" ? "Review due" : kind === "ending" ? "Placement ends" : "Chair's action");

  const total = items.reduce((sum, i) => sum + i.minutes, 0);

  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" tabIndex={-1}>
        Agenda
      </h2>
      {error && <Banner kind="error">{error}</Banner>}
      {!props.locked && offers.length > 0 && (
        <div className="panel offers" data-testid="offers">
          <h3>Due for this meeting</h3>
          <p className="muted">
            Reviews due by this meeting that the panel has not yet held (an overdue one stays here until it is held), placements ending
            before it that have not been brought, chairs' actions awaiting ratification, and the exceptions that need the panel: spend with
            no decision, rates above the approved, assent not recorded, placements ending within eight weeks and placements running past a
            child's 18th birthday.
          </p>
          <ul className="offer-list">
            {offers.map((o) => (
              <li key={`${o.kind}-${o.case.reference}-${o.date}-${o.number ?? ""}-${o.exception?.[2] ?? ""}`}>
                <span>
                  {o.exception ? (
                    <>
                      <strong>{o.exception[1]}</strong> — {o.case.reference} ({o.case.initials}), {o.exception[2]}
                    </>
                  ) : (
                    <>
                      <strong>{offerLabel(o.kind)}</strong> {o.number && <>{o.number} </>}
                      {ukDate(o.date)} — {o.case.reference} ({o.case.initials}), {o.kind === "ratification" ? o.subject : o.provider}
                    </>
                  )}
                </span>
                <button type="button" className="button button-secondary button-small" onClick={() => addOffer(o)}>
                  Add to agenda<span className="visually-hidden">: {o.case.reference}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {items.length === 0 ? (
        <p className="muted">No items yet.</p>
      ) : (
        <table className="table" data-testid="agenda">
          <thead>
            <tr>
              <th scope="col" className="num">
                No.
              </th>
              <th scope="col">Time</th>
              <th scope="col">Item</th>
              <th scope="col">Case</th>
              <th scope="col">Presenting officer</th>
              <th scope="col">Asked of the panel</th>
              {!props.locked && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => {
              return (
                <tr key={item.id}>
                  <td className="num">{index + 1}</td>
                  <td className="nowrap">
                    {item.from}–{item.to} <span className="muted">({item.minutes} min)</span>
                  </td>
                  <td>
                    <div className="item-kind">{labelOf(vocabulary().item_kinds, item.kind)}</div>
                    <a
                      href={`#item-${item.id}`}
                      className="row-link"
                      onClick={(e) => {
                        e.preventDefault();
                        props.onOpenItem(item.id);
                      }}
                    >
                      {item.title}
                    </a>
                    {item.ratifies && <div className="muted">Ratifies {item.ratifies}</div>}
                  </td>
                  <td>{item.case ? `${item.case.reference} (${item.case.initials})` : <span className="muted">—</span>}</td>
                  <td>{item.presenter || <span className="muted">Not set</span>}</td>
                  <td>{item.ask}</td>
                  {!props.locked && (
                    <td className="nowrap">
                      <div className="row-actions">
                        <button type="button" className="link-button" onClick={() => setEditing(item)}>
                          Change<span className="visually-hidden">: item {index + 1}</span>
                        </button>{" "}
                        <button
                          type="button"
                          className="link-button"
                          disabled={index === 0}
                          onClick={() => act(call(commands.moveAgendaItem(item.id, true)).then(() => item.id))}
                        >
                          Up<span className="visually-hidden">: item {index + 1}</span>
                        </button>{" "}
                        <button
                          type="button"
                          className="link-button"
                          disabled={index === items.length - 1}
                          onClick={() => act(call(commands.moveAgendaItem(item.id, false)).then(() => item.id))}
                        >
                          Down<span className="visually-hidden">: item {index + 1}</span>
                        </button>{" "}
                        <button
                          type="button"
                          className="link-button"
                          onClick={async () => {
                            if (await confirmLoss(`Remove item ${index + 1}, "${item.title}", from the agenda?`, "Remove item", "Keep it"))
                              act(call(commands.removeAgendaItem(item.id)));
                          }}
                        >
                          Remove<span className="visually-hidden">: item {index + 1}</span>
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={props.locked ? 6 : 7}>
                Total: {Math.floor(total / 60)} h {total % 60} min
                {items[0]?.from.startsWith("+") && (
                  <span className="muted"> · No start time is set for this meeting, so times run from its opening.</span>
                )}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {!props.locked &&
        (editing ? (
          <ItemForm
            key={`edit-${editing.id}`}
            heading={`Change item ${items.findIndex((i) => i.id === editing.id) + 1}`}
            submitLabel="Save changes"
            initial={{
              kind: editing.kind,
              case: editing.case?.reference ?? "",
              title: editing.title,
              presenter: editing.presenter,
              minutes: String(editing.minutes),
              ask: editing.ask,
              ratifies: editing.ratifies ?? "",
            }}
            cases={cases}
            save={(v) => call(commands.updateAgendaItem(editing.id, v)).then(() => editing.id)}
            onSaved={(id) => {
              setEditing(null);
              act(Promise.resolve(id));
            }}
            onCancel={() => {
              setFocusItem(editing.id);
              setEditing(null);
            }}
          />
        ) : (
          <ItemForm
            key="add"
            heading="Add an item"
            submitLabel="Add item"
            initial={{ kind: "new_referral", case: "", title: "", presenter: "", minutes: "15", ask: "", ratifies: "" }}
            cases={cases}
            save={(v) => call(commands.addAgendaItem(props.meetingId, v))}
            onSaved={(id) => act(Promise.resolve(id))}
          />
        ))}
    </section>
  );
}

type ItemValues = { kind: string; case: string; title: string; presenter: string; minutes: string; ask: string; ratifies: string };

/** The form that adds an item to the agenda, or changes one (with Cancel). */
function ItemForm(props: {
  heading: string;
  submitLabel: string;
  initial: ItemValues;
  cases: CaseRow[];
  save: (v: ItemValues) => Promise<number>;
  onSaved: (id: number) => void;
  onCancel?: () => void;
}) {
  // Only a ratification item names a chair's action.
  const {
    values: form,
    set,
    failure,
    saving,
    submit,
  } = useForm(props.initial, (v) => props.save({ ...v, ratifies: v.kind === "ratification" ? v.ratifies : "" }), props.onSaved);
  const first = useRef<HTMLDivElement>(null);
  // A change starts with focus in its form.
  useEffect(() => {
    if (props.onCancel) first.current?.querySelector("select")?.focus();
  }, [props.onCancel]);

  return (
    <form
      className="panel"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape" && props.onCancel) props.onCancel();
      }}
      data-form="agenda-item"
      aria-labelledby="item-form-heading"
      noValidate
    >
      <h3 id="item-form-heading">{props.heading}</h3>
      <FormFailure failure={failure} />
      <div className="form-row" ref={first}>
        <SelectField
          label="Kind"
          name="kind"
          value={form.kind}
          onChange={set("kind")}
          // A dispute comes from the disputes register, and an item bringing one stays one.
          options={vocabulary().item_kinds.filter((k) => (k.value === "dispute") === (props.initial.kind === "dispute"))}
          error={failure?.field("kind")}
        />
        <SelectField
          label="Case"
          name="case"
          value={form.case}
          onChange={set("case")}
          error={failure?.field("case")}
          options={[
            { value: "", label: "Choose a case" },
            ...props.cases.map((c) => ({ value: c.reference, label: `${c.reference} (${c.initials})` })),
          ]}
        />
        <TextField label="Title" name="title" width="long" value={form.title} onChange={set("title")} error={failure?.field("title")} />
      </div>
      {form.kind === "ratification" && (
        <div className="form-row">
          <TextField
            label="Chair's action to ratify"
            name="ratifies"
            value={form.ratifies}
            onChange={set("ratifies")}
            error={failure?.field("ratifies")}
            hint="Its decision number, e.g. CNP/26-27/0004"
          />
        </div>
      )}
      <div className="form-row">
        <TextField
          label="Presenting officer"
          name="presenter"
          value={form.presenter}
          onChange={set("presenter")}
          error={failure?.field("presenter")}
        />
        <TextField
          label="Length (minutes)"
          name="minutes"
          width="short"
          value={form.minutes}
          onChange={set("minutes")}
          error={failure?.field("minutes")}
        />
        <TextField
          label="What is asked of the panel"
          name="ask"
          width="long"
          value={form.ask}
          onChange={set("ask")}
          error={failure?.field("ask")}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
