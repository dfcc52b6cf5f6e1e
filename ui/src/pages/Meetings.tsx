import { useEffect, useRef, useState } from "react";
import { call, commands } from "../api";
import type { MeetingRow } from "../bindings";
import { Banner, FormFailure, SelectField, TextField, useForm } from "../components";
import { useUnsaved } from "../unsaved";
import { DocumentButtons } from "../documents";
import { ukDate } from "../format";
import { labelOf, vocabulary } from "../vocabulary";
import { keys, useRead } from "../queries";

/** Upcoming and past meetings, and a form to create one. */
export function MeetingsPage(props: { today: string; onOpen: (id: number) => void }) {
  const { data: meetings, error: loadError } = useRead(keys.meetings(), () => call(commands.listMeetings()));
  const [creating, setCreating] = useState(false);

  const upcoming = (meetings ?? []).filter((m) => m.date >= props.today).reverse();
  const past = (meetings ?? []).filter((m) => m.date < props.today);
  // The screen opens with focus on the next meeting (else the latest), where the chair's work
  // is, unless the person has already moved it.
  const next = useRef<HTMLAnchorElement>(null);
  const loaded = meetings !== null;
  useEffect(() => {
    const at = document.activeElement;
    if (loaded && (at === document.body || at?.id === "main")) next.current?.focus();
  }, [loaded]);

  return (
    <section aria-labelledby="meetings-heading">
      <div className="page-head">
        <h1 id="meetings-heading">Meetings</h1>
        {!creating && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            New meeting
          </button>
        )}
      </div>
      {loadError && <Banner kind="error">{loadError}</Banner>}
      {creating && (
        <NewMeetingForm
          onCancel={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            props.onOpen(id);
          }}
        />
      )}
      <h2>Upcoming</h2>
      <MeetingTable rows={upcoming} empty="No meetings are planned." onOpen={props.onOpen} firstRef={next} />
      <h2>Past</h2>
      <MeetingTable rows={past} empty="No meetings yet." onOpen={props.onOpen} firstRef={upcoming.length === 0 ? next : undefined} />
      <YearRecords today={props.today} dates={(meetings ?? []).map((m) => m.date)} />
    </section>
  );
}

function MeetingTable(props: {
  rows: MeetingRow[];
  empty: string;
  onOpen: (id: number) => void;
  firstRef?: React.RefObject<HTMLAnchorElement | null>;
}) {
  if (props.rows.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Venue</th>
          <th scope="col">Chair</th>
          <th scope="col" className="num">
            Items
          </th>
          <th scope="col">Quorum</th>
          <th scope="col">Minutes</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((m, i) => (
          <tr key={m.id}>
            <td>
              <a
                ref={i === 0 ? props.firstRef : undefined}
                href={`#meeting-${m.id}`}
                className="row-link"
                data-meeting-date={m.date}
                onClick={(e) => {
                  e.preventDefault();
                  props.onOpen(m.id);
                }}
              >
                {ukDate(m.date)}
              </a>
              {m.starts_at && <span className="muted"> {m.starts_at}</span>}
            </td>
            <td>{m.venue || <span className="muted">Not set</span>}</td>
            <td>{m.chair}</td>
            <td className="num">{m.items}</td>
            <td>{m.quorate ? <span className="tag tag-ok">Quorate</span> : <span className="tag tag-warn">Not quorate</span>}</td>
            <td>{labelOf(vocabulary().minutes_statuses, m.minutes_status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewMeetingForm(props: { onCancel: () => void; onCreated: (id: number) => void }) {
  return (
    <MeetingForm
      heading="New meeting"
      submitLabel="Create meeting"
      initial={{ date: "", starts_at: "10:00", venue: "", chair: "" }}
      save={(v) => call(commands.createMeeting(v))}
      onSaved={props.onCreated}
      onCancel={props.onCancel}
    />
  );
}

export type MeetingValues = { date: string; starts_at: string; venue: string; chair: string };

/** The form that creates a meeting or changes one: date, start time, chair and venue. */
export function MeetingForm<R>(props: {
  heading: string;
  submitLabel: string;
  initial: MeetingValues;
  save: (v: MeetingValues) => Promise<R>;
  onSaved: (result: R) => void;
  onCancel: () => void;
}) {
  const { values, set, failure, saving, submit } = useForm(props.initial, props.save, (r) => {
    nothingUnsaved();
    props.onSaved(r);
  });
  const nothingUnsaved = useUnsaved(JSON.stringify(values) !== JSON.stringify(props.initial));
  return (
    <form
      className="panel"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onCancel();
      }}
      aria-labelledby="meeting-form-heading"
      data-form="meeting"
      noValidate
    >
      <h2 id="meeting-form-heading">{props.heading}</h2>
      <FormFailure failure={failure} />
      <div className="form-row">
        <TextField
          label="Date"
          name="date"
          hint="For example, 10/12/2026"
          width="short"
          value={values.date}
          onChange={set("date")}
          error={failure?.field("date")}
          autoFocus
        />
        <TextField
          label="Start time"
          name="starts_at"
          hint="24-hour clock, e.g. 09:30"
          width="short"
          value={values.starts_at}
          onChange={set("starts_at")}
          error={failure?.field("starts_at")}
        />
        <TextField label="Chair" name="chair" value={values.chair} onChange={set("chair")} error={failure?.field("chair")} />
        <TextField label="Venue" name="venue" width="long" value={values.venue} onChange={set("venue")} error={failure?.field("venue")} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          {props.submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The financial year (1 April to 31 March) of an ISO date, as `2026/27`. */
function financialYear(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/** Every record of a financial year, exported into a folder for the archive. */
function YearRecords(props: { today: string; dates: string[] }) {
  const years = [...new Set([financialYear(props.today), ...props.dates.map(financialYear)])].sort().reverse();
  const [year, setYear] = useState(financialYear(props.today));
  return (
    <section aria-labelledby="year-records-heading" className="panel">
      <h2 id="year-records-heading">Records of a financial year</h2>
      <p className="muted">Every final decision of the year, at meetings and by chair's action, one PDF each, named by its number.</p>
      <div className="form-row">
        <SelectField
          label="Financial year"
          name="records-year"
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: y }))}
        />
      </div>
      <DocumentButtons
        testid="year-records"
        actions={[
          { label: "Export all records…", hidden: year, run: () => commands.exportRecords(null, year, false) },
          { label: "Export redacted records…", hidden: year, run: () => commands.exportRecords(null, year, true) },
        ]}
      />
    </section>
  );
}
