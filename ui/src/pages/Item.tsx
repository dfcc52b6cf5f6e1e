import { useEffect, useState } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { ItemWorkspace, PartnerDto } from "../bindings";
import { BackLink, Banner, SelectField, TextField } from "../components";
import { longDate, ukDate } from "../format";
import { labelOf, vocabulary } from "../vocabulary";
import { changed, keys, useRead } from "../queries";
import { PlacementGlance } from "./Case";
import { DecisionEditor, FinalDecision, focusDecision, useDecisionFormKey } from "./DecisionEditor";
import { ShortcutHelp, typing, useKeys } from "../keys";
import { confirmAction, confirmLoss } from "../confirm";

/** The chair's screen for one agenda item: the case at a glance, interests, and the decision. */
export function ItemPage(props: {
  id: number;
  partners: PartnerDto[];
  onBack: (meetingId: number) => void;
  onOpen: (itemId: number) => void;
}) {
  const read = useRead(keys.item(props.id), () => call(commands.itemWorkspace(props.id)));
  const w: ItemWorkspace | null = read.data;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? read.error;
  const [notice, setNotice] = useState<string | null>(null);
  // The notice takes focus, except after saving a draft (the chair goes on writing).
  const [noticeFocus, setNoticeFocus] = useState(true);
  const [help, setHelp] = useState(false);
  useEffect(() => setNotice(null), [props.id]);
  const draftId = read.data?.decisions.find((d) => d.status === "draft")?.id ?? null;
  const formKey = useDecisionFormKey(`item-${props.id}`, draftId);

  // The chair's keys: letters when not typing in a field.
  useKeys((e) => {
    if (e.ctrlKey || e.altKey || e.metaKey || typing(e)) return;
    if (e.key === "?") {
      e.preventDefault();
      setHelp(true);
    } else if (e.key === "n" && w?.next_item != null) {
      e.preventDefault();
      props.onOpen(w.next_item);
    } else if (e.key === "p" && w?.previous_item != null) {
      e.preventDefault();
      props.onOpen(w.previous_item);
    } else if (e.key === "d" && focusDecision()) {
      e.preventDefault();
    }
  });

  const load = () => {
    setError(null);
    return changed();
  };

  if (!w) return error ? <Banner kind="error">{error}</Banner> : <p className="muted">Loading…</p>;
  const m = w.meeting.meeting;
  const draft = w.decisions.find((d) => d.status === "draft") ?? null;
  const finals = w.decisions.filter((d) => d.status === "final");
  const missing = w.meeting.partners.filter((p) => !p.represented);
  // The case's final decisions made elsewhere that can still be amended (the latest of each chain).
  const earlier = (w.case?.decisions ?? []).filter((d) => d.amendable && !w.decisions.some((x) => x.id === d.id));

  return (
    <section aria-labelledby="item-heading">
      <BackLink label={`Meeting of ${ukDate(m.date)}`} onClick={() => props.onBack(m.id)} />
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
      <div className="toolbar">
        <div className="item-kind">{labelOf(vocabulary().item_kinds, w.item.kind)}</div>
        <div className="actions">
          <button type="button" className="button button-secondary button-small" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Keyboard shortcuts <kbd>?</kbd>
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={w.previous_item == null}
            onClick={() => w.previous_item != null && props.onOpen(w.previous_item)}
            aria-keyshortcuts="p"
          >
            ← Previous item
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={w.next_item == null}
            onClick={() => w.next_item != null && props.onOpen(w.next_item)}
            aria-keyshortcuts="n"
          >
            Next item →
          </button>
        </div>
      </div>
      <h1 id="item-heading">
        {w.item.title}
        {w.item.case && (
          <span className="muted">
            {" "}
            — {w.item.case.reference} ({w.item.case.initials})
          </span>
        )}
      </h1>
      <p className="lede">
        {longDate(m.date)} · {w.item.from}–{w.item.to} ({w.item.minutes} min) · presented by {w.item.presenter || "—"}
      </p>
      {w.item.ask && (
        <p>
          <strong>Asked of the panel:</strong> {w.item.ask}
        </p>
      )}
      <div className={`quorum ${m.quorate ? "quorum-ok" : "quorum-no"}`} role="status" data-testid="item-quorum">
        <strong>{m.quorate ? "Quorate" : "Not quorate"}</strong>
        {!m.quorate && (
          <span> — not represented: {missing.map((p) => p.name).join(", ")}. A decision can be drafted but not finalised.</span>
        )}
      </div>
      {error && <Banner kind="error">{error}</Banner>}

      {w.case && (
        <section aria-labelledby="glance-heading">
          <h2 id="glance-heading">Costs and split at a glance</h2>
          {w.case.placements.length === 0 ? (
            <p className="muted">No placement is recorded for this case yet: add one on the case screen before deciding on funding.</p>
          ) : (
            w.case.placements
              .filter((p) => p.current || !p.form.end || p.form.end >= m.date)
              .map((p) => <PlacementGlance key={p.id} p={p} />)
          )}
        </section>
      )}

      {w.ratifies && (
        <section aria-labelledby="ratifies-heading">
          <h2 id="ratifies-heading">Chair's action brought for ratification</h2>
          <p className="muted">
            Taken between meetings on {ukDate(w.ratifies.decided_on)}, when the panel could not meet in time. Record below whether the panel
            ratifies it.
          </p>
          <FinalDecision d={w.ratifies} partners={props.partners} canAmend={false} onAmend={() => {}} label="Chair's action" />
        </section>
      )}

      <Interests w={w} onChange={load} />

      <h2 id="decision-heading">Decision</h2>
      {notice && (
        <Banner kind="success" focus={noticeFocus} testid="decision-notice">
          {notice}
        </Banner>
      )}
      {finals.map((d) => (
        <FinalDecision
          key={d.id}
          d={d}
          partners={props.partners}
          canAmend={w.editable && draft === null && d.amended_by.length === 0}
          onAmend={() =>
            call(commands.amendDecision(d.id, w.item.id, null))
              .then(() => {
                setNoticeFocus(true);
                setNotice(`An amending decision of ${d.number} is open below as a draft.`);
                load();
              })
              .catch((e) => setError(asFailure(e).message))
          }
        />
      ))}
      {w.editable && draft === null && finals.length === 0 && earlier.length > 0 && (
        <div className="panel" data-testid="earlier-decisions">
          <h3>Earlier decisions on this case</h3>
          <p className="muted">
            A final decision is corrected by an amending decision made here, at this meeting, whatever the state of the earlier minutes.
            Only the latest decision of a chain can be amended.
          </p>
          <ul className="offer-list">
            {earlier.map((d) => (
              <li key={d.id}>
                <span>
                  <strong>{d.number}</strong> {ukDate(d.decided_on)} — {d.subject}
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={async () => {
                    if (
                      !(await confirmAction(
                        `${d.number} stays on record. Start a decision at this meeting that amends it?`,
                        "Amend at this meeting",
                      ))
                    )
                      return;
                    call(commands.amendDecision(d.id, w.item.id, null))
                      .then(() => {
                        setNoticeFocus(true);
                        setNotice(`An amending decision of ${d.number} is open below as a draft.`);
                        load();
                      })
                      .catch((e) => setError(asFailure(e).message));
                  }}
                >
                  Amend at this meeting<span className="visually-hidden">: {d.number}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {w.item.case == null ? (
        <p className="muted">An information item records no decision.</p>
      ) : !w.editable ? (
        <p className="muted">The minutes of this meeting are {m.minutes_status}: nothing can be added.</p>
      ) : draft || finals.length === 0 ? (
        <DecisionEditor
          key={formKey.key}
          ctx={{
            placements: w.case?.placements ?? [],
            subject: w.item.title,
            defaultReview: w.default_review,
            earliestReduction: w.earliest_reduction,
            noticeMonths: w.notice_months,
            where: `Decided at the meeting of ${ukDate(m.date)}.`,
            meetingDate: ukDate(m.date),
            present: props.partners.map((p) => w.meeting.partners.find((x) => x.code === p.code)?.represented ?? false),
          }}
          draft={draft}
          partners={props.partners}
          save={(draftId, placementId, form) => call(commands.saveDecision(w.item.id, draftId, placementId, form))}
          onDraft={(id) => {
            formKey.adopt(id);
            load();
          }}
          onSaved={(message, what) => {
            setNotice(message);
            setNoticeFocus(what !== "saved");
            // A finalised or discarded decision's form is done with; a saved draft's goes on.
            if (what !== "saved") formKey.renew();
            load();
          }}
        />
      ) : null}
    </section>
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
        <p className="muted" data-testid="no-interests">
          None declared.
        </p>
      ) : (
        <table className="table" data-testid="interests">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Interest</th>
              <th scope="col">Dispensation</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {w.interests.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.name} <span className="muted">({i.agency})</span>
                </td>
                <td>{i.interest}</td>
                <td>{i.dispensation ?? <span className="muted">None</span>}</td>
                <td>
                  {canChange && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={async () => {
                        if (await confirmLoss(`Remove the interest declared by ${i.name}?`, "Remove interest", "Keep it"))
                          call(commands.removeInterest(i.id))
                            .then(props.onChange)
                            .catch((x) => setFailure(asFailure(x)));
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
            options={[
              { value: "", label: "Choose" },
              ...w.meeting.attendees
                .filter((a) => a.attendance === "present")
                .map((a) => ({ value: String(a.id), label: `${a.name} (${a.agency})` })),
            ]}
          />
          <TextField
            label="Interest"
            name="interest"
            width="long"
            value={interest}
            onChange={setInterest}
            error={failure?.field("interest")}
          />
          <TextField
            label="Dispensation"
            name="dispensation"
            value={dispensation}
            onChange={setDispensation}
            error={failure?.field("dispensation")}
            hint="If any"
          />
          <div className="field">
            <button type="submit" className="button button-secondary">
              Record interest
            </button>
          </div>
        </form>
      )}
      {failure && failure.error.fields.length === 0 && <Banner kind="error">{failure.message}</Banner>}
    </section>
  );
}
