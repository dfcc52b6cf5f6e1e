// Partner statements for finance officers: a partner's statement for a period previewed,
// issued (numbered, never to change), printed and saved for the partner's ledger; and every
// statement issued so far. The figures are Rust's, the same as `panel statement` prints.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { DisputeRow, MeetingRow, PartnerDto, SettlementRow, StatementDto, StatementQuery } from "../bindings";
import { Banner, FormFailure, SelectField, TextAreaField, TextField, focusInView } from "../components";
import { confirmAction, confirmLoss } from "../confirm";
import { DocumentButtons } from "../documents";
import { lastPeriod, longDate, ukDate } from "../format";
import { changed, keys, useRead } from "../queries";
import { vocabulary } from "../vocabulary";

export function StatementsPage(props: { today: string; partners: PartnerDto[]; onOpenCase: (id: number) => void }) {
  const [query, setQuery] = useState<StatementQuery>({ partner: props.partners[0]?.code ?? "", ...lastPeriod(props.today) });
  const settings = useRead(keys.settings(), () => call(commands.getSettings()));
  const months = Number(settings.data?.finance.statement_months ?? "1");
  const lead = settings.data?.finance.lead_partner ?? "";
  const touched = useRef(false);
  // Until the form is touched: the period the settings give, and the first partner that is
  // stated to (not the one that pays the providers and issues the statements). The form is
  // shown once the settings are read, so it never offers the wrong partner first.
  const settled = settings.data !== null || settings.error !== null;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!settled || touched.current) return;
    const first = props.partners.find((p) => p.code !== lead)?.code ?? props.partners[0]?.code ?? "";
    setQuery((q) => ({ ...q, partner: first, ...(months === 3 ? lastPeriod(props.today, 3) : {}) }));
    setReady(true);
  }, [settled, months, props.today, lead, props.partners]);
  const [shown, setShown] = useState<StatementDto | null>(null);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const issued = useRead(["statements"], () => call(commands.listStatements()));

  const show = (d: StatementDto) => {
    setShown(d);
    setFailure(null);
  };
  // Focus goes to the statement shown once it is on the screen: an effect runs after the
  // heading is rendered, where a frame requested at once may come before it on a busy machine.
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
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
      requestAnimationFrame(() => focusInView(document.querySelector<HTMLElement>("[data-form='statement'] [aria-invalid='true']")));
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
    touched.current = true;
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
      {!ready ? (
        <p className="muted">Reading the finance settings…</p>
      ) : (
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
      )}
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
          onDisputed={async (number) => {
            await changed();
            await run(call(commands.issuedStatement(number)));
          }}
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
      <Disputes today={props.today} onOpenCase={props.onOpenCase} onOpenStatement={(n) => run(call(commands.issuedStatement(n)))} />
      <Debts />
      <Contributions today={props.today} />
      <Settlement />
    </section>
  );
}

/** A pooled year's contributions: each partner's, what was called and paid in, every call and
 * receipt, and a form to record one. */
function Contributions(props: { today: string }) {
  const [year, setYear] = useState<string | null>(null);
  const read = useRead(["contributions", year ?? "current"], () => call(commands.contributions(year)));
  const c = read.data;
  const blank = { partner: "", call: "call", on: ukDate(props.today), amount: "", reference: "" };
  const [values, setValues] = useState(blank);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (k: keyof typeof blank) => (v: string) => setValues({ ...values, [k]: v });
  const partner = values.partner || c?.partners[0]?.partner || "";
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!c) return;
    const form = e.currentTarget;
    const name = c.partners.find((p) => p.partner === partner)?.name ?? partner;
    const what = values.call === "call" ? `called from ${name}` : `paid in by ${name}`;
    const ok = await confirmAction(
      `Record ${values.amount || "this amount"} ${what} on ${values.on} for ${c.year}? It cannot be changed once recorded.`,
      values.call === "call" ? "Record the call" : "Record the receipt",
    );
    if (!ok) return;
    try {
      const after = await call(
        commands.recordContribution({
          partner,
          year: c.year,
          call: values.call === "call",
          on: values.on,
          amount: values.amount,
          reference: values.reference,
        }),
      );
      setFailure(null);
      setValues({ ...blank, partner, call: values.call });
      setSaved(after.recorded);
      await changed();
    } catch (err) {
      setFailure(asFailure(err));
      setSaved(null);
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
    }
  };
  return (
    <section aria-labelledby="contributions-heading">
      <h2 id="contributions-heading">Contributions to the pool</h2>
      {read.error && <Banner kind="error">{read.error}</Banner>}
      {c && c.year === "" && <p className="muted">No year has a pooled budget agreement: set one in Settings.</p>}
      {c && c.year !== "" && (
        <>
          <div className="form-row" data-form="contributions-year">
            <SelectField
              label="Pooled year"
              name="year"
              value={c.year}
              onChange={(y) => {
                setYear(y);
                setSaved(null);
              }}
              options={c.years.map((y) => ({ value: y, label: y }))}
            />
          </div>
          <p className="muted">
            Each partner's contribution as the agreement gives it, called from it (an invoice) and paid in against the calls, as of{" "}
            {ukDate(props.today)}. Paid in counts towards what the year costs the partner in the settlement.
          </p>
          <div className="table-scroll">
            <table className="table" data-testid="contributions">
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col" className="num">
                    Contribution
                  </th>
                  <th scope="col" className="num">
                    Called
                  </th>
                  <th scope="col" className="num">
                    Paid in
                  </th>
                  <th scope="col" className="num">
                    Called, not paid in
                  </th>
                  <th scope="col" className="num">
                    Still to call
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.partners.map((p) => (
                  <tr key={p.partner} data-partner={p.partner}>
                    <td>{p.name}</td>
                    <td className="num">{p.agreed}</td>
                    <td className="num" data-figure="called">
                      {p.called}
                    </td>
                    <td className="num" data-figure="paid-in">
                      {p.paid_in}
                    </td>
                    <td className="num">{p.outstanding}</td>
                    <td className="num">{p.to_call}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {c.entries.length > 0 && (
            <details>
              <summary>
                Every call and receipt for {c.year} ({c.entries.length})
              </summary>
              <table className="table" data-testid="contribution-entries">
                <thead>
                  <tr>
                    <th scope="col">On</th>
                    <th scope="col">Partner</th>
                    <th scope="col">What</th>
                    <th scope="col">Reference</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.entries.map((e, i) => (
                    <tr key={i}>
                      <td>{ukDate(e.on)}</td>
                      <td>{e.partner}</td>
                      <td>{e.kind}</td>
                      <td>{e.reference || <span className="muted">—</span>}</td>
                      <td className="num">{e.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          {saved && (
            <Banner kind="success">
              <span data-testid="contribution-notice">{saved}</span>
            </Banner>
          )}
          <form data-form="contribution" onSubmit={submit} noValidate aria-label="Record a contribution called or paid in">
            <FormFailure failure={failure} />
            <div className="form-row">
              <SelectField
                label="Partner"
                name="partner"
                value={partner}
                onChange={set("partner")}
                options={c.partners.map((p) => ({ value: p.partner, label: `${p.name} (${p.partner})` }))}
                error={failure?.field("partner")}
              />
              <SelectField
                label="What"
                name="kind"
                value={values.call}
                onChange={set("call")}
                options={[
                  { value: "call", label: "Called (invoiced)" },
                  { value: "receipt", label: "Paid in" },
                ]}
              />
              <TextField
                label="On"
                name="on"
                width="short"
                hint="dd/mm/yyyy"
                value={values.on}
                onChange={set("on")}
                error={failure?.field("on")}
              />
              <TextField
                label="Amount (£)"
                name="amount"
                width="short"
                hint="e.g. 594,000.00"
                value={values.amount}
                onChange={set("amount")}
                error={failure?.field("amount")}
              />
              <TextField
                label="Reference"
                name="reference"
                hint="invoice or remittance"
                value={values.reference}
                onChange={set("reference")}
                error={failure?.field("reference")}
              />
            </div>
            <div className="actions">
              <button type="submit" className="button button-secondary">
                Record it
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

/** The year-end settlement for the partnership board: the pool as of 31 March, then what each
 * partner was stated, paid and disputes, and the balance it owes or is owed. */
function Settlement() {
  const [year, setYear] = useState<string | null>(null);
  const read = useRead(["settlement", year ?? "default"], () => call(commands.settlement(year)));
  const s = read.data;
  return (
    <section aria-labelledby="settlement-heading">
      <h2 id="settlement-heading">Year-end settlement</h2>
      {read.error && <Banner kind="error">{read.error}</Banner>}
      {s && (
        <>
          <div className="form-row" data-form="settlement">
            <SelectField
              label="Financial year"
              name="year"
              value={s.year}
              onChange={setYear}
              options={(s.years.includes(s.year) ? s.years : [s.year, ...s.years]).map((y) => ({ value: y, label: y }))}
            />
          </div>
          <p className="muted">
            {s.is_final
              ? `The year's spend as of 31 March: ${s.spend} against contributions of ${s.budget}.`
              : `The year is not over: ${s.spend} is the spend projected to 31 March, against contributions of ${s.budget}. The settlement is provisional.`}{" "}
            {s.verdict} {s.agreement_note} Payments and disputes as of {ukDate(s.as_of)}.
          </p>
          {/* A column a partner and a row a figure, as a finance paper sets a settlement out: it
              fits the smallest window with every figure in view, for three partners or five. */}
          <table className="table settlement" data-testid="settlement">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                {s.partners.map((p) => (
                  <th scope="col" className="num" key={p.partner} data-partner={p.partner}>
                    {p.name}
                    {p.lead && <div className="muted">pays the providers</div>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ["contribution", "Contribution", (p) => p.contribution],
                  ["spend", "Its split of the spend", (p) => p.spend],
                  ["risk-share", "Risk share", (p) => p.risk_share],
                  ["due", "Due", (p) => p.due],
                  [
                    "stated",
                    "Stated",
                    (p) => (
                      <>
                        {p.stated}
                        {p.unstated !== "£0.00" && <div className="muted">{p.unstated} not yet stated</div>}
                      </>
                    ),
                  ],
                  ["paid", "Paid", (p) => p.paid],
                  ["disputed", "Disputed", (p) => p.disputed],
                  [
                    "paid-in",
                    "Paid in",
                    (p) => (
                      <>
                        {p.paid_in}
                        {p.called !== p.paid_in && <div className="muted">of {p.called} called</div>}
                      </>
                    ),
                  ],
                  ["balance", "Balance", (p) => p.balance_words],
                ] as [string, string, (p: SettlementRow) => ReactNode][]
              ).map(([figure, label, cell]) => (
                <tr key={figure} data-figure-row={figure}>
                  <th scope="row">{label}</th>
                  {s.partners.map((p) => (
                    <td key={p.partner} className={figure === "balance" ? "balance" : "num"} data-partner={p.partner} data-figure={figure}>
                      {cell(p)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Due is what the year costs a partner in the end: its contribution and its part of the variance; paid in is its contribution paid
            into the pool against the calls, and counts towards it. {s.statements} statement
            {s.statements === 1 ? "" : "s"} issued for the year; {s.disputes} dispute{s.disputes === 1 ? "" : "s"} open on them.
          </p>
          <DocumentButtons
            testid="settlement-papers"
            actions={[
              { label: "Print the settlement pack", run: () => commands.saveSettlement(s.year, false) },
              { label: "Save CSV of the settlement", run: () => commands.saveSettlement(s.year, true) },
            ]}
          />
        </>
      )}
    </section>
  );
}

/** Where a dispute stands, in words. */
function standing(d: DisputeRow): string {
  switch (d.status) {
    case "open": {
      const esc = d.escalated ? `Open past ${ukDate(d.escalation_date)}: escalated` : `Open; escalates after ${ukDate(d.escalation_date)}`;
      return d.meeting ? `${esc}. On the agenda of ${ukDate(d.meeting[1])}.` : `${esc}.`;
    }
    case "withdrawn":
      return `Withdrawn on ${ukDate(d.closed_on ?? d.raised_on)}${d.closing_note ? `: ${d.closing_note}` : ""}.`;
    case "resolved":
      return `Resolved by ${d.decision ?? "the panel"} on ${ukDate(d.closed_on ?? d.raised_on)}.`;
  }
}

/** The disputes register (rule 18): every dispute, its age, where it stands; an open one
 * withdrawn, or brought to a meeting whose decision settles it. */
function Disputes(props: { today: string; onOpenCase: (id: number) => void; onOpenStatement: (n: string) => void }) {
  const disputes = useRead(["disputes"], () => call(commands.listDisputes()));
  const meetings = useRead(["meetings"], () => call(commands.listMeetings()));
  const [acting, setActing] = useState<{ number: string; what: "withdraw" | "bring" } | null>(null);
  const [note, setNote] = useState("");
  const [meeting, setMeeting] = useState("");
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const open = (meetings.data ?? []).filter((m: MeetingRow) => m.minutes_status === "draft" || m.minutes_status === "circulated");
  const upcoming = open.filter((m) => m.date >= props.today).sort((a, b) => a.date.localeCompare(b.date));
  const start = (number: string, what: "withdraw" | "bring") => {
    setActing({ number, what });
    setNote("");
    setMeeting(String((upcoming[0] ?? open[0])?.id ?? ""));
    setFailure(null);
    setNotice(null);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>("[data-form='dispute-action'] textarea, [data-form='dispute-action'] select")?.focus(),
    );
  };
  const act = async (e: FormEvent) => {
    e.preventDefault();
    if (!acting) return;
    try {
      if (acting.what === "withdraw") {
        const ok = await confirmLoss(
          `Withdraw ${acting.number}? What it holds is owed again as stated, and the dispute stays on the register, closed for good.`,
          "Withdraw the dispute",
        );
        if (!ok) return;
        await call(commands.withdrawDispute(acting.number, note));
        setNotice(`Withdrew ${acting.number}.`);
      } else {
        const m = open.find((x) => String(x.id) === meeting);
        if (!m) return;
        await call(commands.bringDispute(acting.number, m.id));
        setNotice(`${acting.number} is on the agenda of the meeting of ${ukDate(m.date)}: the decision recorded on it settles it.`);
      }
      setActing(null);
      await changed();
    } catch (err) {
      setFailure(asFailure(err));
    }
  };
  const list = disputes.data;
  const held = (list ?? []).filter((d) => d.status === "open");
  return (
    <section aria-labelledby="disputes-heading">
      <h2 id="disputes-heading">Disputes</h2>
      {disputes.error && <Banner kind="error">{disputes.error}</Banner>}
      {notice && (
        <Banner kind="success">
          <span data-testid="dispute-notice">{notice}</span>
        </Banner>
      )}
      {list && list.length === 0 && (
        <p className="muted">No dispute has been raised. A partner disputes a line from its issued statement above.</p>
      )}
      {list && list.length > 0 && (
        <>
          <p className="muted">
            As of {ukDate(props.today)}: {held.length} open
            {held.filter((d) => d.escalated).length > 0 && `, ${held.filter((d) => d.escalated).length} of them escalated`}.
          </p>
          <div className="table-scroll">
            <table className="table" data-testid="disputes">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Partner</th>
                  <th scope="col">Statement line</th>
                  <th scope="col">Case</th>
                  <th scope="col">Reason</th>
                  <th scope="col" className="num">
                    Held
                  </th>
                  <th scope="col" className="num">
                    Age
                  </th>
                  <th scope="col">Where it stands</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.number} data-dispute={d.number} data-status={d.status}>
                    <td className="nowrap">{d.number}</td>
                    <td>{d.partner_name}</td>
                    <td className="nowrap">
                      <button type="button" className="link-button" onClick={() => props.onOpenStatement(d.statement)}>
                        {d.statement}
                      </button>{" "}
                      line {d.line}
                    </td>
                    <td className="nowrap">
                      <button type="button" className="link-button" onClick={() => props.onOpenCase(d.case_id)}>
                        {d.case_reference}
                      </button>{" "}
                      ({d.initials})
                    </td>
                    <td>
                      {d.reason_label}
                      {d.scope === "split" && d.reason !== "split" && ", of the split"}
                      {d.note && <div className="muted">{d.note}</div>}
                    </td>
                    <td className="num">{d.amount}</td>
                    <td className="num nowrap">{d.age_days} days</td>
                    <td className={d.escalated ? "warning-text" : undefined}>{standing(d)}</td>
                    <td className="nowrap">
                      {d.status === "open" && (
                        <>
                          {!d.meeting && (
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              data-action="bring"
                              onClick={() => start(d.number, "bring")}
                            >
                              Bring to a meeting
                            </button>
                          )}{" "}
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() => start(d.number, "withdraw")}
                          >
                            Withdraw
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {acting && (
            <form className="panel" data-form="dispute-action" onSubmit={act} noValidate aria-labelledby="dispute-action-heading">
              <h3 id="dispute-action-heading">
                {acting.what === "withdraw" ? `Withdraw ${acting.number}` : `Bring ${acting.number} to a meeting`}
              </h3>
              <FormFailure failure={failure} />
              {acting.what === "withdraw" ? (
                <TextAreaField
                  label="Why it is withdrawn"
                  name="closing_note"
                  hint="optional"
                  value={note}
                  onChange={setNote}
                  error={failure?.field("closing_note")}
                />
              ) : open.length === 0 ? (
                <p className="muted">No meeting is open to new items: add a meeting first.</p>
              ) : (
                <SelectField
                  label="Meeting"
                  name="meeting"
                  value={meeting}
                  onChange={setMeeting}
                  options={open.map((m) => ({ value: String(m.id), label: `${ukDate(m.date)}, ${m.venue}` }))}
                  error={failure?.field("meeting")}
                />
              )}
              <div className="actions">
                <button type="submit" className="button" disabled={acting.what === "bring" && open.length === 0}>
                  {acting.what === "withdraw" ? "Withdraw the dispute" : "Put it on the agenda"}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setActing(null)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          <DocumentButtons testid="disputes-papers" actions={[{ label: "Save CSV of the disputes", run: () => commands.saveDisputes() }]} />
        </>
      )}
    </section>
  );
}

/** A partner's dispute of one line of an issued statement, as typed. */
function DisputeForm(props: { statement: string; line: number; label: string; onDone: () => void; onCancel: () => void }) {
  const [values, setValues] = useState({ scope: "line", reason: "rate", note: "" });
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const set = (k: keyof typeof values) => (v: string) => setValues({ ...values, [k]: v });
  const form = useRef<HTMLFormElement>(null);
  // The form opens below the statement's lines: focus goes to its first field, which brings
  // it into view.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>("select, textarea, input")?.focus();
    form.current?.scrollIntoView({ block: "nearest" });
  }, [props.line]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const form = e.currentTarget;
    const ok = await confirmAction(
      `Record that the partner disputes ${values.scope === "split" ? "the split of" : ""} line ${props.line} of ${props.statement} (${props.label})? What it disputes is held as disputed until the dispute is withdrawn or settled by the panel.`,
      "Record the dispute",
    );
    if (!ok) return;
    try {
      await call(commands.raiseDispute({ statement: props.statement, line: props.line, ...values }));
      props.onDone();
    } catch (err) {
      setFailure(asFailure(err));
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
    }
  };
  return (
    <form ref={form} className="panel" data-form="dispute" onSubmit={submit} noValidate aria-labelledby="dispute-heading">
      <h3 id="dispute-heading">
        Dispute line {props.line}: {props.label}
      </h3>
      <FormFailure failure={failure} />
      <div className="form-row">
        <SelectField
          label="What is disputed"
          name="scope"
          value={values.scope}
          onChange={set("scope")}
          options={[
            { value: "line", label: "This line's amount" },
            { value: "split", label: "The placement's split (every line of it stated to the partner)" },
          ]}
          error={failure?.field("scope") ?? failure?.field("line")}
        />
        <SelectField
          label="Reason"
          name="reason"
          value={values.reason}
          onChange={set("reason")}
          options={vocabulary().dispute_reasons}
          error={failure?.field("reason")}
        />
      </div>
      <TextAreaField
        label="What the partner says"
        name="note"
        hint="needed when the reason is Other"
        value={values.note}
        onChange={set("note")}
        error={failure?.field("note")}
      />
      <div className="actions">
        <button type="submit" className="button">
          Record the dispute
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
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
            As of {ukDate(d.as_of)}, by the age of each statement from its issue; what an open dispute holds is shown as disputed.
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
  onDisputed: (statement: string) => Promise<void>;
}) {
  const s = props.statement;
  const which = s.number ? { issued: s.number } : { preview: props.query };
  const [disputing, setDisputing] = useState<number | null>(null);
  const adjusting = s.lines.some((l) => l.adjusts);
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
                {s.number && <th scope="col">Dispute</th>}
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l, i) => (
                <tr key={i} data-line={i + 1} className={l.adjusts ? "adjustment" : undefined}>
                  {s.years.length > 1 && <td>{l.year}</td>}
                  <td className="nowrap">
                    <button type="button" className="link-button" onClick={() => props.onOpenCase(l.case_id)}>
                      {l.case_reference}
                    </button>{" "}
                    ({l.initials})
                  </td>
                  <td>{l.provider}</td>
                  <td>
                    {l.adjusts && <div className="adjusts">Adjusts {l.adjusts}</div>}
                    {l.decisions.length > 0 ? l.decisions.join(", ") : !l.adjusts && <span className="muted">None of record</span>}
                    {l.disputes.length > 0 && <div className="muted">Settles {l.disputes.join(", ")}</div>}
                  </td>
                  <td>{l.share}</td>
                  <td className="num">{l.adjusts ? `${l.days} (${ukDate(l.from)} to ${ukDate(l.to)})` : l.days}</td>
                  <td className="num">{l.amount}</td>
                  {s.number && (
                    <td className="nowrap">
                      {l.disputed && (
                        <span data-testid="line-dispute" className={l.disputed[1] === "open" ? undefined : "muted"}>
                          {l.disputed[0]} ({l.disputed[1]})
                        </span>
                      )}
                      {l.disputed?.[1] !== "open" && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          data-action="dispute"
                          aria-label={`Dispute line ${i + 1}, ${l.case_reference} at ${l.provider}`}
                          onClick={() => setDisputing(i + 1)}
                        >
                          Dispute…
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.pool.length > 0 && (
        <section aria-labelledby="statement-pool-heading">
          <h3 id="statement-pool-heading">The pooled budget</h3>
          <p className="muted">
            The partner's contribution as the agreement gives it, what of it was called and paid in, and its share of the year's spend to
            date, at the last day of the period{s.number ? ", as they stood when the statement was issued" : ""}.
          </p>
          <table className="table" data-testid="statement-pool">
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">At</th>
                <th scope="col" className="num">
                  Contribution
                </th>
                <th scope="col" className="num">
                  Called
                </th>
                <th scope="col" className="num">
                  Paid in
                </th>
                <th scope="col" className="num">
                  Spend to date
                </th>
              </tr>
            </thead>
            <tbody>
              {s.pool.map((x) => (
                <tr key={x.year} data-year={x.year}>
                  <td>{x.year}</td>
                  <td>{ukDate(x.on)}</td>
                  <td className="num">{x.contribution}</td>
                  <td className="num">{x.called}</td>
                  <td className="num">{x.paid_in}</td>
                  <td className="num">{x.spend}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {adjusting && (
        <p className="muted" data-testid="adjustments-explained">
          Lines marked “Adjusts” correct a statement issued before: a panel decision settled a dispute, or changed a placement's costs or
          split, for days already stated. Each is what the partner's share of those days comes to now less what was stated.
        </p>
      )}
      {s.number && disputing !== null && s.lines[disputing - 1] && (
        <DisputeForm
          statement={s.number}
          line={disputing}
          label={`${s.lines[disputing - 1].case_reference} at ${s.lines[disputing - 1].provider}, ${s.lines[disputing - 1].amount}`}
          onCancel={() => {
            const line = disputing;
            setDisputing(null);
            // Back to the line's own button.
            requestAnimationFrame(() =>
              document
                .querySelector<HTMLElement>(`[data-testid='statement-lines'] tr[data-line='${line}'] [data-action='dispute']`)
                ?.focus(),
            );
          }}
          onDone={async () => {
            setDisputing(null);
            await props.onDisputed(s.number ?? "");
          }}
        />
      )}
      {props.onIssue && s.not_issuable && (
        <Banner kind="info" testid="not-issuable">
          This statement is not to be issued: {s.not_issuable}
        </Banner>
      )}
      <div className="actions">
        {props.onIssue && !s.not_issuable && (
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
