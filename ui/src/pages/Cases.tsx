import { useState } from "react";
import { call, commands } from "../api";
import type { CaseRow } from "../bindings";
import { Banner, FormFailure, SelectField, TextField, useForm } from "../components";
import { ukDate } from "../format";
import { keys, useRead } from "../queries";
import { CaseFields } from "./CaseFields";

/** Every case: reference, initials, age, what is in force today, next review. */
export function CasesPage(props: { today: string; onOpen: (id: number) => void; onImport: () => void }) {
  const read = useRead(keys.cases(), () => call(commands.listCases()));
  const cases: CaseRow[] | null = read.data;
  const error = read.error;
  const [filter, setFilter] = useState("");
  // Current cases first: placed now or to be, or being referred; ended ones on request.
  const [which, setWhich] = useState("current");
  const [adding, setAdding] = useState(false);

  const shown = (cases ?? []).filter((c) => {
    const f = filter.trim().toLowerCase();
    const letters = (x: string) => x.toLowerCase().replace(/[^a-z]/g, "");
    if (which === "current" && !c.current && !f) return false;
    return !f || c.reference.toLowerCase().includes(f) || (letters(f) !== "" && letters(c.initials).includes(letters(f)));
  });
  const ended = (cases ?? []).filter((c) => !c.current).length;

  return (
    <section aria-labelledby="cases-heading">
      <div className="page-head">
        <h1 id="cases-heading">Cases</h1>
        {!adding && (
          <div className="actions">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              New case
            </button>
            <button type="button" className="button button-secondary" onClick={props.onImport}>
              Import from a spreadsheet…
            </button>
          </div>
        )}
      </div>
      {error && <Banner kind="error">{error}</Banner>}
      {adding && (
        <NewCase
          onCancel={() => setAdding(false)}
          onCreated={(id) => {
            setAdding(false);
            props.onOpen(id);
          }}
        />
      )}
      <div className="form-row">
        <TextField label="Find a case" name="filter" value={filter} onChange={setFilter} hint="Reference or initials, among all cases" />
        <SelectField
          label="Show"
          name="which"
          value={which}
          onChange={setWhich}
          options={[
            { value: "current", label: "Current cases" },
            { value: "all", label: `All cases, with the ${ended} ended` },
          ]}
        />
      </div>
      {cases === null ? (
        <p className="muted">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="muted">{cases.length === 0 ? "No cases yet." : "No case matches."}</p>
      ) : (
        <table className="table" data-testid="cases">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Initials</th>
              <th scope="col" className="num">
                Age
              </th>
              <th scope="col" className="num">
                Placements now
              </th>
              <th scope="col" className="num">
                Weekly cost now
              </th>
              <th scope="col">Next review</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => {
              const overdue = c.next_review != null && c.next_review < props.today;
              return (
                <tr key={c.id}>
                  <td>
                    <a
                      href={`#case-${c.id}`}
                      className="row-link"
                      onClick={(e) => {
                        e.preventDefault();
                        props.onOpen(c.id);
                      }}
                    >
                      {c.reference}
                    </a>
                  </td>
                  <td>{c.initials}</td>
                  <td className="num">{c.age ?? <span className="muted">—</span>}</td>
                  <td className="num">{c.active}</td>
                  <td className="money">{c.active > 0 ? c.weekly : <span className="muted">—</span>}</td>
                  <td>
                    {c.next_review ? ukDate(c.next_review) : <span className="muted">—</span>}
                    {overdue && (
                      <>
                        {" "}
                        <span className="tag tag-warn">Overdue</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A new case: reference and initials (never a full name), date of birth, needs. */
function NewCase(props: { onCancel: () => void; onCreated: (id: number) => void }) {
  const blank = { reference: "", initials: "", date_of_birth: "", needs: "" };
  let created = 0;
  const { values, set, failure, saving, submit } = useForm(
    blank,
    (v) =>
      call(commands.createCase(v)).then((id) => {
        created = id;
      }),
    () => props.onCreated(created),
  );
  return (
    <form className="panel" onSubmit={submit} data-form="case" aria-labelledby="new-case-heading" noValidate>
      <h2 id="new-case-heading">New case</h2>
      <p className="muted">Records identify a child or young person by case reference and initials only — never a full name.</p>
      <FormFailure failure={failure} />
      <CaseFields values={values} set={set} failure={failure} initialsHint="e.g. A.B." dateOfBirthHint="dd/mm/yyyy, optional" />
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          Create case
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
