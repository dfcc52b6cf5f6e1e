import { useState } from "react";
import { call, commands } from "../api";
import type { AuditDto, AuditRow, CaseRow, MeetingRow } from "../bindings";
import { Banner, SelectField } from "../components";
import { ukDate } from "../format";
import { keys, useRead } from "../queries";

/** The audit trail: who changed what, when, before and after; filtered by case, meeting and person. */
export function AuditPage(props: {
  caseId?: number;
  meetingId?: number;
  onOpenCase: (id: number) => void;
  onOpenMeeting: (id: number) => void;
}) {
  const [caseId, setCaseId] = useState(props.caseId ? String(props.caseId) : "");
  const [meetingId, setMeetingId] = useState(props.meetingId ? String(props.meetingId) : "");
  const [user, setUser] = useState("");
  const [page, setPage] = useState(0);
  const cases: CaseRow[] = useRead(keys.cases(), () => call(commands.listCases())).data ?? [];
  const meetings: MeetingRow[] = useRead(keys.meetings(), () => call(commands.listMeetings())).data ?? [];
  // Keyed by the filter: an answer to an earlier filter never replaces a later one's.
  const trail = useRead(["audit", caseId, meetingId, user, page], () =>
    call(
      commands.auditTrail({
        case_id: caseId ? Number(caseId) : null,
        meeting_id: meetingId ? Number(meetingId) : null,
        user: user || null,
        page,
      }),
    ),
  );
  const data: AuditDto | null = trail.data;
  const error = trail.error;

  const filter = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPage(0);
  };
  const first = data ? page * data.page_size + 1 : 0;
  const last = data ? Math.min(data.total, (page + 1) * data.page_size) : 0;
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit trail</h1>
      <p className="muted">
        Every change to the database: who made it, when, and what it was before and after. Nothing here can be changed.
      </p>
      {error && <Banner kind="error">{error}</Banner>}
      <div className="form-row" data-form="audit-filter">
        <SelectField
          label="Case"
          name="case"
          value={caseId}
          onChange={filter(setCaseId)}
          options={[
            { value: "", label: "Every case" },
            ...cases.map((c) => ({ value: String(c.id), label: `${c.reference} (${c.initials})` })),
          ]}
        />
        <SelectField
          label="Meeting"
          name="meeting"
          value={meetingId}
          onChange={filter(setMeetingId)}
          options={[{ value: "", label: "Every meeting" }, ...meetings.map((m) => ({ value: String(m.id), label: ukDate(m.date) }))]}
        />
        <SelectField
          label="Person"
          name="user"
          value={user}
          onChange={filter(setUser)}
          options={[{ value: "", label: "Everyone" }, ...(data?.users ?? []).map((u) => ({ value: u, label: u }))]}
        />
      </div>
      {data && (
        <>
          <p data-total={data.total}>
            {data.total === 0
              ? "No changes match."
              : `Entries ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${data.total.toLocaleString("en-GB")}, newest first: each is one save, holding ${data.changes.toLocaleString("en-GB")} changes in all.`}
          </p>
          {data.rows.length > 0 && (
            <table className="table audit" data-table="audit">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What happened</th>
                  <th scope="col">Case</th>
                  <th scope="col">Meeting</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, i) => (
                  <tr key={`${page}-${i}`}>
                    <td className="nowrap">{r.at}</td>
                    <td>{r.user}</td>
                    <td>
                      <div className="audit-title">{r.title}</div>
                      {r.changes.length > 0 && <AuditDetails row={r} />}
                    </td>
                    <td className="nowrap">
                      {r.case_id !== null && r.case_reference && (
                        <button type="button" className="link-button" onClick={() => props.onOpenCase(r.case_id!)}>
                          {r.case_reference}
                        </button>
                      )}
                    </td>
                    <td className="nowrap">
                      {r.meeting_id !== null && r.meeting_date && (
                        <button type="button" className="link-button" onClick={() => props.onOpenMeeting(r.meeting_id!)}>
                          {/^\d{4}-\d{2}-\d{2}$/.test(r.meeting_date) ? ukDate(r.meeting_date) : r.meeting_date}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Newer
            </button>
            <button type="button" className="button button-secondary" disabled={last >= data.total} onClick={() => setPage(page + 1)}>
              Older
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** What one save changed, row by row, folded until asked for: each row by what it is, and its
 * fields by their labels, before and after. */
function AuditDetails(props: { row: AuditRow }) {
  const r = props.row;
  const count = r.changes.length + r.more;
  return (
    <details className="audit-details">
      <summary>{count === 1 ? "Show the change" : `Show the ${count.toLocaleString("en-GB")} changes`}</summary>
      <ul className="audit-rows">
        {r.changes.map((c, k) => (
          <li key={k}>
            <strong>{c.what}</strong> <span className="muted">{c.action}</span>
            {c.fields.length > 0 && (
              <ul className="changes">
                {c.fields.map((f) => (
                  <li key={f.field}>
                    <span className="muted">{f.field}:</span>{" "}
                    {f.before !== null && f.after !== null ? (
                      <>
                        <del>{f.before}</del> → <ins>{f.after}</ins>
                      </>
                    ) : (
                      (f.after ?? f.before)
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {r.more > 0 && <p className="muted">…and {r.more.toLocaleString("en-GB")} more changes in the same save.</p>}
    </details>
  );
}
