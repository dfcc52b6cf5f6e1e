import { useState } from "react";
import { asFailure, call, commands } from "../api";
import type { MeetingDto, PartnerDto } from "../bindings";
import { Banner, FormFailure, SelectField, TextField, useForm } from "../components";
import { DocumentButtons } from "../documents";
import { longDate, ukDate } from "../format";
import { MeetingForm } from "./Meetings";
import { labelOf, vocabulary } from "../vocabulary";
import { AgendaSection } from "./Agenda";
import { changed, keys, useRead } from "../queries";
import { confirmAction, confirmLoss } from "../confirm";

/** The button that takes the minutes from each step to the one after it (the steps are Rust's). */
const NEXT: Record<string, { label: string; confirm: string }> = {
  draft: { label: "Circulate minutes for amendment", confirm: "Mark the minutes as circulated to members for amendment?" },
  circulated: {
    label: "Record approval of the minutes",
    confirm: "Record that the minutes were approved at the next meeting? After this nothing of the meeting can change.",
  },
  approved: { label: "Lock the minutes", confirm: "Lock the minutes? They can never change again." },
};

/** Where the minutes stand (rule 16), and the one step they can take next. */
function MinutesSection(props: { meetingId: number; status: string; onChange: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const steps = vocabulary().minutes_statuses;
  const at = steps.findIndex((s) => s.value === props.status);
  const to = steps[at + 1]?.value;
  const next = to && NEXT[props.status] ? { ...NEXT[props.status], to } : undefined;
  return (
    <section aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">Minutes</h2>
      <ol className="status-steps" data-testid="minutes-status">
        {steps.map((s, i) => (
          <li key={s.value} className={i < at ? "done" : i === at ? "current" : ""} aria-current={i === at ? "step" : undefined}>
            {s.label}
          </li>
        ))}
      </ol>
      {error && <Banner kind="error">{error}</Banner>}
      {next && (
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            if (!(await confirmAction(next.confirm, next.label))) return;
            call(commands.advanceMinutes(props.meetingId, next.to))
              .then(() => {
                setError(null);
                props.onChange();
              })
              .catch((e) => setError(asFailure(e).message));
          }}
        >
          {next.label}
        </button>
      )}
    </section>
  );
}

/** One meeting: attendance by agency with a live quorum indicator (rule 12). */
export function MeetingPage(props: {
  id: number;
  partners: PartnerDto[];
  onBack: () => void;
  onOpenItem: (id: number) => void;
  onAudit: () => void;
}) {
  const read = useRead(keys.meeting(props.id), () => call(commands.getMeeting(props.id)));
  const meeting: MeetingDto | null = read.data;
  const [actionError, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const error = actionError ?? read.error;
  // After a change, every read is refreshed; the failure of the change is cleared with it.
  const load = () => {
    setError(null);
    return changed();
  };

  const act = (p: Promise<unknown>) => p.then(load).catch((e) => setError(asFailure(e).message));

  if (!meeting) return error ? <Banner kind="error">{error}</Banner> : <p className="muted">Loading…</p>;
  const m = meeting.meeting;
  const missing = meeting.partners.filter((p) => !p.represented);
  // Approved or locked minutes are settled (rule 16).
  const editable = m.minutes_status === "draft" || m.minutes_status === "circulated";
  const locked = !editable;

  return (
    <section aria-labelledby="meeting-heading">
      <a
        className="skip-link"
        href="#agenda-heading"
        onClick={(e) => {
          e.preventDefault();
          // To the first item, or to the agenda's heading when it has none.
          const first =
            document.querySelector<HTMLElement>("[data-testid='agenda'] a.row-link") ?? document.getElementById("agenda-heading");
          first?.focus();
        }}
      >
        Skip to the agenda
      </a>
      <p>
        <a
          href="#meetings"
          onClick={(e) => {
            e.preventDefault();
            props.onBack();
          }}
        >
          ← All meetings
        </a>
      </p>
      <h1 id="meeting-heading" tabIndex={-1}>
        Panel meeting, {longDate(m.date)}
      </h1>
      {changing ? (
        <MeetingForm
          heading="Change the meeting's details"
          submitLabel="Save changes"
          initial={{ date: ukDate(m.date), starts_at: m.starts_at ?? "", venue: m.venue, chair: m.chair }}
          save={(v) => call(commands.updateMeeting(m.id, v))}
          onSaved={() => {
            setChanging(false);
            load();
            document.getElementById("meeting-heading")?.focus();
          }}
          onCancel={() => {
            setChanging(false);
            requestAnimationFrame(() => document.getElementById("change-meeting")?.focus());
          }}
        />
      ) : (
        <p className="lede">
          {m.starts_at ? `Starts ${m.starts_at}` : "Start time not set"} · {m.venue || "Venue not set"} · Chair: {m.chair} · Minutes:{" "}
          {labelOf(vocabulary().minutes_statuses, m.minutes_status)} ·{" "}
          {editable && (
            <>
              <button type="button" id="change-meeting" className="link-button" onClick={() => setChanging(true)}>
                Change details
              </button>{" "}
              ·{" "}
            </>
          )}
          <button type="button" className="link-button" onClick={props.onAudit}>
            Audit trail
          </button>
        </p>
      )}
      {error && <Banner kind="error">{error}</Banner>}
      <DocumentButtons
        testid="meeting-papers"
        actions={[
          { label: "Print agenda pack", run: () => commands.saveMeetingPdf(m.id, "agenda") },
          {
            label: m.minutes_status === "draft" || m.minutes_status === "circulated" ? "Print draft minutes" : "Print minutes",
            run: () => commands.saveMeetingPdf(m.id, "minutes"),
          },
          { label: "Export all records…", run: () => commands.exportRecords(m.id, null, false) },
          { label: "Export redacted records…", run: () => commands.exportRecords(m.id, null, true) },
        ]}
      />

      <div className={`quorum ${m.quorate ? "quorum-ok" : "quorum-no"}`} role="status" aria-live="polite" data-testid="quorum">
        <strong>{m.quorate ? "Quorate" : "Not quorate"}</strong>
        <span>
          {meeting.partners.length === 0
            ? " — no funding partners are set up."
            : m.quorate
              ? " — every funding partner is represented."
              : ` — not represented: ${missing.map((p) => p.name).join(", ")}. Decisions cannot be finalised until they are.`}
        </span>
        <ul className="partner-list">
          {meeting.partners.map((p) => (
            <li key={p.code} className={p.represented ? "yes" : "no"}>
              <span aria-hidden="true">{p.represented ? "✓" : "✗"}</span> {p.name}
              <span className="visually-hidden">{p.represented ? " represented" : " not represented"}</span>
            </li>
          ))}
        </ul>
      </div>

      <h2>Attendance</h2>
      {meeting.attendees.length === 0 ? (
        <p className="muted">Nobody is recorded yet.</p>
      ) : (
        <table className="table" data-testid="attendance">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Agency</th>
              <th scope="col">Represents</th>
              <th scope="col">Role</th>
              <th scope="col">Attendance</th>
              {!locked && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {meeting.attendees.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{a.agency}</td>
                <td>{props.partners.find((p) => p.code === a.represents)?.name ?? <span className="muted">—</span>}</td>
                <td>{a.role}</td>
                <td>
                  {/* Settled minutes show what was recorded, as text. */}
                  {locked ? (
                    a.attendance === "present" ? (
                      "Present"
                    ) : (
                      "Apologies"
                    )
                  ) : (
                    <select
                      aria-label={`Attendance of ${a.name}`}
                      value={a.attendance}
                      onChange={(e) => act(call(commands.setAttendance(a.id, e.target.value)))}
                    >
                      <option value="present">Present</option>
                      <option value="apologies">Apologies</option>
                    </select>
                  )}
                </td>
                {!locked && (
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={async () => {
                        if (await confirmLoss(`Remove ${a.name} from this meeting?`, "Remove", "Keep"))
                          act(call(commands.removeAttendee(a.id)));
                      }}
                    >
                      Remove<span className="visually-hidden"> {a.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!locked && <AddAttendee meetingId={m.id} partners={props.partners} onAdded={load} />}
      <AgendaSection meetingId={m.id} locked={!editable} onChange={load} onOpenItem={props.onOpenItem} />
      <MinutesSection meetingId={m.id} status={m.minutes_status} onChange={load} />
    </section>
  );
}

function AddAttendee(props: { meetingId: number; partners: PartnerDto[]; onAdded: () => void }) {
  const blank = { name: "", agency: "", represents: "", role: "", attendance: "present" };
  const onSaved = () => {
    props.onAdded();
    (document.querySelector("form[data-form='attendee'] input") as HTMLInputElement | null)?.focus();
  };
  const {
    values: form,
    set,
    failure,
    saving,
    submit,
  } = useForm(blank, (v) => call(commands.addAttendee(props.meetingId, { ...v, represents: v.represents || null })), onSaved);

  return (
    <form className="panel" onSubmit={submit} data-form="attendee" aria-labelledby="add-attendee-heading" noValidate>
      <h3 id="add-attendee-heading">Add attendee or apologies</h3>
      <FormFailure failure={failure} />
      <div className="form-row">
        <TextField label="Name" name="name" value={form.name} onChange={set("name")} error={failure?.field("name")} />
        <TextField
          label="Agency"
          name="agency"
          value={form.agency}
          onChange={set("agency")}
          error={failure?.field("agency")}
          hint="e.g. Virtual School"
        />
        <SelectField
          label="Represents funding partner"
          name="represents"
          value={form.represents}
          onChange={set("represents")}
          error={failure?.field("represents")}
          options={[{ value: "", label: "None" }, ...props.partners.map((p) => ({ value: p.code, label: p.name }))]}
        />
      </div>
      <div className="form-row">
        <TextField label="Role" name="role" width="long" value={form.role} onChange={set("role")} error={failure?.field("role")} />
        <SelectField
          label="Attendance"
          name="attendance"
          value={form.attendance}
          onChange={set("attendance")}
          error={failure?.field("attendance")}
          options={[
            { value: "present", label: "Present" },
            { value: "apologies", label: "Apologies" },
          ]}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          Add
        </button>
      </div>
    </form>
  );
}
