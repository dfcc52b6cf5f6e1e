import { useEffect, useRef, useState } from "react";
import { asFailure, call, commands } from "../api";
import type { ColumnChoice, ImportDoneDto, ImportPreviewDto, PartnerDto, SpreadsheetDto } from "../bindings";
import { BackLink, Banner, SelectField, TextField } from "../components";
import { vocabulary } from "../vocabulary";
import { confirmAction } from "../confirm";

function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/**
 * Placements from a spreadsheet: the file, its sheet, which column holds each field (guessed
 * from the headings), every row as it will be read with its problems, then the import: every
 * row or none, after a backup.
 */
export function ImportPage(props: { partners: PartnerDto[]; onBack: () => void; onDone: () => void }) {
  const [path, setPath] = useState("");
  const [file, setFile] = useState<SpreadsheetDto | null>(null);
  const [sheet, setSheet] = useState(0);
  const [columns, setColumns] = useState<ColumnChoice[]>([]);
  const [per, setPer] = useState("week");
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportDoneDto | null>(null);
  const asked = useRef(0);
  // Focus goes to what reading the file gave: the columns to check, once they are shown.
  const mapping = useRef<HTMLHeadingElement>(null);
  const [reads, setReads] = useState(0);
  useEffect(() => {
    if (reads > 0) mapping.current?.focus();
  }, [reads]);

  const open = (p: string) => {
    setError(null);
    setDone(null);
    setPreview(null);
    setBusy(true);
    call(commands.openSpreadsheet(p))
      .then((f) => {
        setFile(f);
        setReads((n) => n + 1);
        // The same sheet read again (mended) keeps the columns chosen, when its headings are
        // unchanged; otherwise they are matched afresh.
        const before = file?.path === f.path ? file.sheets[sheet] : undefined;
        const again = before ? f.sheets.findIndex((s) => s.name === before.name) : -1;
        const same =
          again >= 0 &&
          JSON.stringify(f.sheets[again].columns.map((c) => c.heading)) === JSON.stringify(before!.columns.map((c) => c.heading));
        if (same) setSheet(again);
        else pickSheet(f, f.suggested);
      })
      .catch((e) => {
        setFile(null);
        setError(asFailure(e).message);
      })
      .finally(() => setBusy(false));
  };
  const pickSheet = (f: SpreadsheetDto, i: number) => {
    setSheet(i);
    setColumns(f.sheets[i].guess.map((g) => ({ ...g })));
    setPer(f.sheets[i].per);
  };
  const choose = () =>
    call(commands.chooseSpreadsheet())
      .then((p) => {
        if (p) {
          setPath(p);
          open(p);
        }
      })
      .catch((e) => setError(asFailure(e).message));

  // Every change of sheet, column or unit is previewed afresh (the latest answer wins).
  useEffect(() => {
    if (!file) return;
    const n = ++asked.current;
    call(commands.previewImport({ path: file.path, sheet: file.sheets[sheet].name, columns, per }))
      .then((p) => {
        if (n === asked.current) setPreview(p);
      })
      .catch((e) => {
        if (n === asked.current) {
          setPreview(null);
          setError(asFailure(e).message);
        }
      });
  }, [file, sheet, columns, per]);

  const importAll = async () => {
    if (!file || !preview) return;
    const what = `${plural(preview.placements, "placement", "placements")}${preview.new_cases > 0 ? ` and ${plural(preview.new_cases, "new case", "new cases")}` : ""}`;
    if (!(await confirmAction(`Import ${what} from ${file.sheets[sheet].name}? The database is backed up first.`, "Import"))) return;
    setBusy(true);
    setError(null);
    call(commands.importSpreadsheet({ path: file.path, sheet: file.sheets[sheet].name, columns, per }))
      .then((d) => {
        setDone(d);
        setFile(null);
        setPreview(null);
      })
      .catch((e) => setError(asFailure(e).message))
      .finally(() => setBusy(false));
  };

  const current = file?.sheets[sheet];
  const setColumn = (field: string, value: string) =>
    setColumns(columns.map((c) => (c.field === field ? { ...c, column: value === "" ? null : Number(value) } : c)));
  const perChosen = columns.find((c) => c.field === "per")?.column != null;

  return (
    <section aria-labelledby="import-heading">
      <BackLink label="Cases" onClick={props.onBack} />
      <h1 id="import-heading">Import placements from a spreadsheet</h1>
      <p>
        One row a placement: the case reference, provider, type of placement, start date, its cost and each partner's share. A case not yet
        recorded is created from its row, so its initials are needed (never a full name). Every row is imported, or none until every row is
        right; the database is backed up first.
      </p>
      {error && (
        <Banner kind="error" focus>
          {error}
        </Banner>
      )}
      {done && (
        <Banner kind="success">
          Imported {plural(done.placements, "placement", "placements")} and {plural(done.cases, "new case", "new cases")}. The data as it
          was before is backed up in <code>{done.backup}</code>.
          {done.left_out.length > 0 && ` ${plural(done.left_out.length, "row was", "rows were")} left out as not placements.`}{" "}
          <button type="button" className="link-button" onClick={props.onDone}>
            Open the cases
          </button>
        </Banner>
      )}
      <form
        className="panel"
        data-form="spreadsheet"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) open(path.trim());
        }}
      >
        <div className="form-row">
          <TextField
            label="Spreadsheet file"
            name="path"
            width="long"
            value={path}
            onChange={setPath}
            hint="Excel (.xlsx, .xls), OpenDocument (.ods) or CSV"
            autoFocus
          />
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={choose}>
              Choose a file…
            </button>
            <button type="submit" className="button button-secondary" disabled={busy || !path.trim()}>
              Read the file
            </button>
          </div>
        </div>
        {file && current && (
          <>
            {file.sheets.length > 1 && (
              <SelectField
                label="Sheet"
                name="sheet"
                value={String(sheet)}
                onChange={(v) => pickSheet(file, Number(v))}
                options={file.sheets.map((s, i) => ({ value: String(i), label: `${s.name} (${plural(s.rows, "row", "rows")})` }))}
              />
            )}
            <p className="muted" data-sheet-summary>
              Sheet “{current.name}”: headings in row {current.header_row}, {plural(current.rows, "row", "rows")} below them.
            </p>
          </>
        )}
      </form>

      {file && current && (
        <div className="panel">
          <h2 style={{ marginTop: 0 }} ref={mapping} tabIndex={-1} id="mapping-heading">
            Which column holds what
          </h2>
          <p className="muted">
            Matched from the headings; change any that are wrong. A partner without a column pays 0%. A partner's column is also found by
            the other names it is given on the settings screen (Funding partners), such as a body it replaced.
          </p>
          <table className="table table-compact" data-table="mapping">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Column</th>
                <th scope="col">First value</th>
              </tr>
            </thead>
            <tbody>
              {file.fields.map((f) => {
                const chosen = columns.find((c) => c.field === f.code)?.column ?? null;
                const col = chosen == null ? null : current.columns[chosen];
                const id = `map-${f.code}`;
                return (
                  <tr key={f.code} data-field={f.code}>
                    <th scope="row">
                      <label htmlFor={id}>{f.label}</label>
                      {f.required && <span className="muted"> (needed)</span>}
                    </th>
                    <td>
                      <select
                        id={id}
                        name={id}
                        value={chosen == null ? "" : String(chosen)}
                        onChange={(e) => setColumn(f.code, e.target.value)}
                      >
                        <option value="">— not in the spreadsheet —</option>
                        {current.columns.map((c) => (
                          <option key={c.index} value={String(c.index)}>
                            {c.letter}: {c.heading}
                          </option>
                        ))}
                      </select>
                      {f.code === "per" && !perChosen && (
                        <>
                          {" "}
                          <label htmlFor="per-default" className="muted">
                            every amount is
                          </label>{" "}
                          <select id="per-default" name="per" value={per} onChange={(e) => setPer(e.target.value)}>
                            {vocabulary().units.map((u) => (
                              <option key={u.value} value={u.value}>
                                {u.label}
                              </option>
                            ))}
                          </select>
                        </>
                      )}
                    </td>
                    <td className="muted">{col?.example ?? ""}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {file && preview && (
        <div className="panel" data-preview>
          <h2 style={{ marginTop: 0 }}>What will be imported</h2>
          {preview.problems.length === 0 ? (
            <Banner kind="success">
              Every row can be imported: {plural(preview.placements, "placement", "placements")}
              {preview.new_cases > 0 ? `, ${plural(preview.new_cases, "new case", "new cases")}` : ", no new cases"}
              {preview.left_out.length > 0 ? `; ${plural(preview.left_out.length, "row is", "rows are")} left out as not placements` : ""}.
            </Banner>
          ) : (
            <>
              <Banner kind="error">
                {plural(preview.problems.length, "problem", "problems")} to fix. Nothing can be imported until every row is right: mend the
                spreadsheet and read it again, or change the columns above.
              </Banner>
              <table className="table table-compact" data-table="problems">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Row
                    </th>
                    <th scope="col">Column</th>
                    <th scope="col">What to fix</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.map((p, i) => (
                    <tr key={i}>
                      <td className="num">{p.row === 0 ? "—" : p.row}</td>
                      <td>{p.column ?? ""}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {preview.left_out.length > 0 && (
            <div data-left-out>
              <h3>Left out: not placements</h3>
              <p className="muted">Blank rows, totals, headings and notes are not imported. Check that no placement is among them.</p>
              <ul>
                {preview.left_out.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.rows.length > 0 && (
            <div className="table-scroll">
              <table className="table table-compact" data-table="import-rows">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Row
                    </th>
                    <th scope="col">Case</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Type</th>
                    <th scope="col">Start</th>
                    <th scope="col">End</th>
                    <th scope="col" className="money">
                      Cost
                    </th>
                    {props.partners.map((p) => (
                      <th scope="col" className="num" key={p.code} title={p.name}>
                        {p.code}
                      </th>
                    ))}
                    <th scope="col">Check</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) =>
                    r.left_out ? (
                      <tr key={r.row} data-row={r.row} data-left-out={r.left_out} className="row-left-out">
                        <td className="num">{r.row}</td>
                        <td colSpan={6 + props.partners.length}>{r.said ? `“${r.said}”` : ""}</td>
                        <td>
                          <span className="tag">Left out: {r.left_out_words}</span>
                        </td>
                      </tr>
                    ) : (
                      <tr key={r.row} data-row={r.row}>
                        <td className="num">{r.row}</td>
                        <td>
                          {r.reference} {r.initials}
                          {r.new_case && r.reference && (
                            <>
                              {" "}
                              <span className="tag">New</span>
                            </>
                          )}
                        </td>
                        <td>{r.provider}</td>
                        <td>{r.kind}</td>
                        <td>{r.start}</td>
                        <td>{r.end || <span className="muted">open</span>}</td>
                        <td className="money">{r.cost}</td>
                        {r.shares.map((s, k) => (
                          <td className="num" key={k}>
                            {s}
                          </td>
                        ))}
                        <td>
                          {r.problems === 0 ? (
                            <span className="tag tag-ok">OK</span>
                          ) : (
                            <span className="tag tag-warn">{plural(r.problems, "problem", "problems")}</span>
                          )}
                        </td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
              {preview.row_count > preview.rows.length && (
                <p className="muted">
                  The first {preview.rows.length} of {preview.row_count.toLocaleString("en-GB")} rows are shown; every problem is listed
                  above.
                </p>
              )}
            </div>
          )}
          <div className="actions">
            <button type="button" className="button" disabled={busy || !preview.ready} onClick={importAll}>
              {busy ? "Importing…" : `Import ${plural(preview.placements, "placement", "placements")}`}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
