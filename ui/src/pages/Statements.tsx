// Partner statements for finance officers: a partner's statement for a period previewed,
// issued (numbered, never to change), printed and saved for the partner's ledger; and every
// statement issued so far. The figures are Rust's, the same as `panel statement` prints.
import { useRef, useState, type FormEvent } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { PartnerDto, StatementDto, StatementQuery } from "../bindings";
import { Banner, FormFailure, SelectField, TextField } from "../components";
import { confirmAction } from "../confirm";
import { DocumentButtons } from "../documents";
import { longDate, ukDate } from "../format";
import { changed, useRead } from "../queries";

/** The last whole month before `today` (ISO), as dd/mm/yyyy from and to. */
function lastMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const days = new Date(year, month, 0).getDate();
  const mm = String(month).padStart(2, "0");
  return { from: `01/${mm}/${year}`, to: `${days}/${mm}/${year}` };
}

export function StatementsPage(props: { today: string; partners: PartnerDto[]; onOpenCase: (id: number) => void }) {
  const month = lastMonth(props.today);
  const [query, setQuery] = useState<StatementQuery>({ partner: props.partners[0]?.code ?? "", ...month });
  const [shown, setShown] = useState<StatementDto | null>(null);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const issued = useRead(["statements"], () => call(commands.listStatements()));

  const show = (d: StatementDto) => {
    setShown(d);
    setFailure(null);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const run = async (p: Promise<StatementDto>, done?: (d: StatementDto) => string) => {
    setBusy(true);
    setNotice(null);
    try {
      const d = await p;
      show(d);
      if (done) setNotice(done(d));
    } catch (e) {
      setFailure(asFailure(e));
      setShown(null);
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-form='statement'] [aria-invalid='true']")?.focus());
    } finally {
      setBusy(false);
    }
  };
  const preview = (e: FormEvent) => {
    e.preventDefault();
    run(call(commands.statementPreview(query)));
  };
  const issue = async () => {
    if (!shown || shown.number) return;
    const ok = await confirmAction(
      `Issue ${shown.partner_name}'s statement for ${ukDate(shown.from)} to ${ukDate(shown.to)}, ${shown.total}? It is numbered and can never change: a correction is an adjustment on a later statement.`,
      "Issue the statement",
    );
    if (!ok) return;
    await run(call(commands.issueStatement(query)), (d) => `Issued ${d.number}.`);
    await changed();
  };
  const set = (k: keyof StatementQuery) => (v: string) => {
    setQuery({ ...query, [k]: v });
    setShown(null);
  };

  return (
    <section aria-labelledby="statements-heading">
      <h1 id="statements-heading">Partner statements</h1>
      <p className="lede">
        What each partner's share of the spend grew by over a period, placement by placement, with the decisions and split behind each line.
        Consecutive statements add up exactly to the year's spend to date.
      </p>
      <form className="panel" data-form="statement" onSubmit={preview} noValidate aria-label="Statement for a partner and period">
        <FormFailure failure={failure} />
        <div className="form-row">
          <SelectField
            label="Partner"
            name="partner"
            value={query.partner}
            onChange={set("partner")}
            options={props.partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
            error={failure?.field("partner")}
          />
          <TextField
            label="From"
            name="from"
            width="short"
            hint="dd/mm/yyyy"
            value={query.from}
            onChange={set("from")}
            error={failure?.field("from")}
          />
          <TextField
            label="To"
            name="to"
            width="short"
            hint="dd/mm/yyyy"
            value={query.to}
            onChange={set("to")}
            error={failure?.field("to")}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Preview the statement
          </button>
        </div>
      </form>
      {notice && (
        <Banner kind="success">
          <span data-testid="statement-notice">{notice}</span>
        </Banner>
      )}
      {shown && (
        <StatementView
          statement={shown}
          headingRef={heading}
          onOpenCase={props.onOpenCase}
          onIssue={shown.number ? undefined : issue}
          busy={busy}
          query={query}
          today={props.today}
        />
      )}
      <h2>Issued statements</h2>
      {issued.error && <Banner kind="error">{issued.error}</Banner>}
      {issued.data && issued.data.length === 0 && <p className="muted">No statement has been issued yet.</p>}
      {issued.data && issued.data.length > 0 && (
        <table className="table" data-testid="issued-statements">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Partner</th>
              <th scope="col">Period</th>
              <th scope="col">Issued</th>
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {issued.data.map((s) => (
              <tr key={s.number}>
                <td>
                  <button type="button" className="link-button" onClick={() => run(call(commands.issuedStatement(s.number)))}>
                    {s.number}
                  </button>
                </td>
                <td>{props.partners.find((p) => p.code === s.partner)?.name ?? s.partner}</td>
                <td>
                  {ukDate(s.from)} to {ukDate(s.to)}
                </td>
                <td>{ukDate(s.issued_on)}</td>
                <td className="num">{s.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Debts />
    </section>
  );
}

/** What each partner owes on its issued statements today, by the age of each statement. */
function Debts() {
  const debts = useRead(["debts"], () => call(commands.debts()));
  const d = debts.data;
  return (
    <section aria-labelledby="debts-heading">
      <h2 id="debts-heading">Owed by partners</h2>
      {debts.error && <Banner kind="error">{debts.error}</Banner>}
      {d && (
        <>
          <p className="muted">
            As of {ukDate(d.as_of)}, by the age of each statement from its issue. Nothing is held as disputed until a dispute is recorded.
          </p>
          <div className="table-scroll">
            <table className="table" data-testid="debts">
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  {d.bands.map((b) => (
                    <th key={b} scope="col" className="num">
                      {b}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.partners.map((p) => (
                  <tr key={p.partner} data-partner={p.partner}>
                    <td>{p.name}</td>
                    {p.undisputed.map((u, i) => (
                      <td key={i} className="num">
                        {u}
                        {p.disputed[i] !== "£0.00" && <div className="muted">{p.disputed[i]} disputed</div>}
                      </td>
                    ))}
                    <td className="num" data-figure="debt-total">
                      {p.total}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={d.bands.length + 1}>Owed in all</td>
                  <td className="num">{d.total}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <DocumentButtons testid="debts-papers" actions={[{ label: "Save CSV of the debts", run: () => commands.saveDebts() }]} />
        </>
      )}
    </section>
  );
}

/** The payments received against an issued statement, and a form to record one. */
function Payments(props: { number: string; today: string }) {
  const key = ["payments", props.number];
  const paid = useRead(key, () => call(commands.statementPayments(props.number)));
  const blank = { received_on: ukDate(props.today), amount: "", reference: "" };
  const [values, setValues] = useState(blank);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (k: keyof typeof blank) => (v: string) => setValues({ ...values, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const form = e.currentTarget;
    const ok = await confirmAction(
      `Record ${values.amount || "this payment"} received on ${values.received_on} against ${props.number}? A payment recorded cannot be changed.`,
      "Record the payment",
    );
    if (!ok) return;
    try {
      const after = await call(commands.recordPayment({ statement: props.number, ...values }));
      setFailure(null);
      setValues(blank);
      setSaved(`Recorded. ${after.owed} is still owed on ${props.number}.`);
      await changed();
    } catch (err) {
      setFailure(asFailure(err));
      setSaved(null);
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
    }
  };
  const p = paid.data;
  return (
    <section aria-labelledby="payments-heading">
      <h3 id="payments-heading">Payments received</h3>
      {paid.error && <Banner kind="error">{paid.error}</Banner>}
      {p && (
        <>
          {p.payments.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <table className="table" data-testid="payments">
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Reference</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.payments.map((x, i) => (
                  <tr key={i}>
                    <td>{ukDate(x.received_on)}</td>
                    <td>{x.reference || <span className="muted">—</span>}</td>
                    <td className="num">{x.amount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            Still owed: <strong data-figure="owed">{p.owed}</strong>
          </p>
        </>
      )}
      {saved && (
        <Banner kind="success">
          <span data-testid="payment-notice">{saved}</span>
        </Banner>
      )}
      <form data-form="payment" onSubmit={submit} noValidate aria-labelledby="payments-heading">
        <FormFailure failure={failure} />
        <div className="form-row">
          <TextField
            label="Received on"
            name="received_on"
            width="short"
            hint="dd/mm/yyyy"
            value={values.received_on}
            onChange={set("received_on")}
            error={failure?.field("received_on")}
          />
          <TextField
            label="Amount (£)"
            name="amount"
            width="short"
            hint="e.g. 1,234.56"
            value={values.amount}
            onChange={set("amount")}
            error={failure?.field("amount")}
          />
          <TextField
            label="Reference"
            name="reference"
            hint="the partner's"
            value={values.reference}
            onChange={set("reference")}
            error={failure?.field("reference")}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button-secondary">
            Record a payment
          </button>
        </div>
      </form>
    </section>
  );
}

function StatementView(props: {
  statement: StatementDto;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onOpenCase: (id: number) => void;
  onIssue?: () => void;
  busy: boolean;
  query: StatementQuery;
  today: string;
}) {
  const s = props.statement;
  const which = s.number ? { issued: s.number } : { preview: props.query };
  return (
    <article className="panel" data-testid="statement" aria-labelledby="statement-heading">
      <h2 id="statement-heading" ref={props.headingRef} tabIndex={-1}>
        {s.number ? `Statement ${s.number}` : "Preview (not issued)"}: {s.partner_name}, {ukDate(s.from)} to {ukDate(s.to)}
      </h2>
      <p>
        {s.number ? `Issued on ${longDate(s.issued_on ?? s.from)}. It never changes.` : "A preview: not numbered, not for payment."}{" "}
        {s.years.length > 1 && `The period crosses 31 March: its lines are shown for ${s.years.join(" and ")} apart.`}
      </p>
      <dl className="figures">
        <div>
          <dt>Total</dt>
          <dd data-figure="statement-total">{s.total}</dd>
        </div>
      </dl>
      {s.undecided > 0 && (
        <p className="muted" data-testid="undecided">
          {s.undecided} line{s.undecided === 1 ? "" : "s"} cite{s.undecided === 1 ? "s" : ""} no decision of record: the spend is shown as
          the placement's costs and split stand.
        </p>
      )}
      {s.lines.length === 0 ? (
        <p className="muted">No placement cost this partner anything in these days.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="statement-lines">
            <thead>
              <tr>
                {s.years.length > 1 && <th scope="col">Year</th>}
                <th scope="col">Case</th>
                <th scope="col">Placement</th>
                <th scope="col">Decisions</th>
                <th scope="col">Share</th>
                <th scope="col" className="num">
                  Days
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l, i) => (
                <tr key={i}>
                  {s.years.length > 1 && <td>{l.year}</td>}
                  <td className="nowrap">
                    <button type="button" className="link-button" onClick={() => props.onOpenCase(l.case_id)}>
                      {l.case_reference}
                    </button>{" "}
                    ({l.initials})
                  </td>
                  <td>{l.provider}</td>
                  <td>{l.decisions.length > 0 ? l.decisions.join(", ") : <span className="muted">None of record</span>}</td>
                  <td>{l.share}</td>
                  <td className="num">{l.days}</td>
                  <td className="num">{l.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        {props.onIssue && (
          <button type="button" className="button" disabled={props.busy} onClick={props.onIssue}>
            Issue this statement
          </button>
        )}
      </div>
      {s.number && <Payments number={s.number} today={props.today} />}
      <DocumentButtons
        testid="statement-papers"
        actions={[
          { label: "Print PDF", run: () => commands.saveStatement(which, false) },
          { label: "Save CSV for the ledger", run: () => commands.saveStatement(which, true) },
        ]}
      />
    </article>
  );
}
