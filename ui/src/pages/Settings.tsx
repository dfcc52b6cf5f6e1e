import { useState } from "react";
import { asFailure, call, commands, type AppFailure } from "../api";
import type { PartnerDto, SettingsDto } from "../bindings";
import { Banner, CellInput, FormFailure, SelectField, TextField, useForm } from "../components";
import { money } from "../format";
import { changed as refresh, keys, useRead } from "../queries";
import { confirmLoss } from "../confirm";
import { AllocationTables } from "./Allocation";

const RISK = [
  { value: "contributions", label: "In proportion to contributions" },
  { value: "as_incurred", label: "As incurred (each partner its own)" },
];

/** Settings: authority and panel, numbering, review cycle, notice, quorum; partners; agreements. */
export function SettingsPage(props: { onChange: () => void }) {
  const read = useRead(keys.settings(), () => call(commands.getSettings()));
  const data: SettingsDto | null = read.data;
  const error = read.error;
  const [saved, setSaved] = useState<string | null>(null);

  const changed = (message: string) => {
    setSaved(message);
    refresh();
    props.onChange();
  };

  if (!data) return error ? <Banner kind="error">{error}</Banner> : <p className="muted">Loading…</p>;
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      {error && <Banner kind="error">{error}</Banner>}
      {saved && <Banner kind="success">{saved}</Banner>}
      <PanelSettings key={JSON.stringify(data.form)} data={data} onSaved={() => changed("The settings are saved.")} />
      <FinanceSettings
        key={`finance-${JSON.stringify(data.finance)}`}
        data={data}
        onSaved={() => changed("The finance settings are saved.")}
      />
      <Partners data={data} onSaved={changed} />
      <Agreements data={data} onSaved={changed} />
      <AllocationTables onSaved={changed} />
    </section>
  );
}

function PanelSettings(props: { data: SettingsDto; onSaved: () => void }) {
  const { values: v, set, failure, saving, submit } = useForm(props.data.form, (x) => call(commands.saveSettings(x)), props.onSaved);
  return (
    <form className="panel" onSubmit={submit} data-form="settings" noValidate aria-labelledby="panel-settings-heading">
      <h2 id="panel-settings-heading" style={{ marginTop: 0 }}>
        The panel
      </h2>
      <FormFailure failure={failure} />
      <div className="form-row">
        <TextField
          label="Authority"
          name="authority"
          width="long"
          value={v.authority}
          onChange={set("authority")}
          error={failure?.field("authority")}
        />
        <TextField
          label="Panel name"
          name="panel_name"
          width="long"
          value={v.panel_name}
          onChange={set("panel_name")}
          error={failure?.field("panel_name")}
        />
      </div>
      <div className="form-row">
        <TextField
          label="Decision number prefix"
          name="decision_prefix"
          width="short"
          value={v.decision_prefix}
          onChange={set("decision_prefix")}
          error={failure?.field("decision_prefix")}
          hint={`e.g. ${v.decision_prefix || "CNP"}/26-27/0001`}
        />
        <TextField
          label="First review after (months)"
          name="first_review_months"
          width="short"
          value={v.first_review_months}
          onChange={set("first_review_months")}
          error={failure?.field("first_review_months")}
        />
        <TextField
          label="Later reviews every (months)"
          name="review_months"
          width="short"
          value={v.review_months}
          onChange={set("review_months")}
          error={failure?.field("review_months")}
        />
        <TextField
          label="Notice of a reduction (months)"
          name="notice_months"
          width="short"
          value={v.notice_months}
          onChange={set("notice_months")}
          error={failure?.field("notice_months")}
        />
        <SelectField
          label="Quorum"
          name="quorum"
          value={v.quorum}
          onChange={set("quorum")}
          error={failure?.field("quorum")}
          options={[{ value: "all_partners", label: "Every funding partner represented" }]}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          Save settings
        </button>
      </div>
    </form>
  );
}

/** When disputes escalate, who pays providers, and how long a statement runs (rules 17, 18). */
function FinanceSettings(props: { data: SettingsDto; onSaved: () => void }) {
  const {
    values: v,
    set,
    failure,
    saving,
    submit,
  } = useForm(props.data.finance, (x) => call(commands.saveFinanceSettings(x)), props.onSaved);
  return (
    <form className="panel" onSubmit={submit} data-form="finance" noValidate aria-labelledby="finance-settings-heading">
      <h2 id="finance-settings-heading" style={{ marginTop: 0 }}>
        Money between partners
      </h2>
      <FormFailure failure={failure} />
      <div className="form-row">
        <TextField
          label="Escalate a dispute after (days)"
          name="escalation_days"
          width="short"
          value={v.escalation_days}
          onChange={set("escalation_days")}
          error={failure?.field("escalation_days")}
          hint="as the local dispute process agrees"
        />
        <SelectField
          label="Pays providers and invoices the others"
          name="lead_partner"
          value={v.lead_partner}
          onChange={set("lead_partner")}
          error={failure?.field("lead_partner")}
          options={[
            { value: "", label: "No lead partner" },
            ...props.data.partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
          ]}
        />
        <SelectField
          label="Statements"
          name="statement_months"
          value={v.statement_months}
          onChange={set("statement_months")}
          error={failure?.field("statement_months")}
          options={[
            { value: "1", label: "Monthly" },
            { value: "3", label: "Quarterly" },
          ]}
        />
        <TextField
          label="Uplift assumed for next year (%)"
          name="uplift"
          width="short"
          value={v.uplift}
          onChange={set("uplift")}
          error={failure?.field("uplift")}
          hint="on every rate, for next year's projections"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          Save finance settings
        </button>
      </div>
    </form>
  );
}

function Partners(props: { data: SettingsDto; onSaved: (message: string) => void }) {
  const [names, setNames] = useState<Record<string, string>>({});
  const [aliases, setAliases] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ code: string; failure: AppFailure } | null>(null);
  const add = useForm(
    { code: "", name: "" },
    (x) => call(commands.addPartner(x)),
    () => props.onSaved("The partner is added."),
  );
  // A partner's name and other names are saved together; a refusal keeps what was typed.
  const save = async (p: PartnerDto, name: string, also: string) => {
    try {
      if (name !== p.name) await call(commands.renamePartner({ code: p.code, name }));
      if (also !== p.aliases.join(", ")) await call(commands.setPartnerAliases({ code: p.code, aliases: also }));
      setFailure(null);
      setAliases((a) => {
        const rest = { ...a };
        delete rest[p.code];
        return rest;
      });
      props.onSaved(`Partner ${p.code} is saved.`);
    } catch (e) {
      setFailure({ code: p.code, failure: asFailure(e) });
    }
  };
  return (
    <section aria-labelledby="partners-heading">
      <h2 id="partners-heading">Funding partners</h2>
      <p className="muted">
        In the order their shares and contributions are listed. A partner added later has 0% of every existing split. A spreadsheet's column
        is taken as a partner's share when its heading names the partner: by its code, its name, the names councils use for its kind (shown
        under each), or the other names you give it here, such as a body it replaced (“Sunderland CCG”).
      </p>
      {failure && !failure.failure.field("name") && !failure.failure.field("aliases") && (
        <Banner kind="error">{failure.failure.message}</Banner>
      )}
      <table className="table table-top" data-testid="partners">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Also called in spreadsheets</th>
            <th scope="col">
              <span className="visually-hidden">Save</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.data.partners.map((p) => {
            const value = names[p.code] ?? p.name;
            const also = aliases[p.code] ?? p.aliases.join(", ");
            const changed = value !== p.name || also !== p.aliases.join(", ");
            const error = failure?.code === p.code ? failure.failure : null;
            return (
              <tr key={p.code} data-partner={p.code}>
                <td>{p.code}</td>
                <td>
                  <CellInput
                    label={`Name of partner ${p.code}`}
                    name={`partner-${p.code}`}
                    value={value}
                    onChange={(x) => setNames({ ...names, [p.code]: x })}
                    error={error?.field("name")}
                    width="16rem"
                  />
                </td>
                <td>
                  <CellInput
                    label={`Other names of partner ${p.code}, separated by commas`}
                    name={`aliases-${p.code}`}
                    value={also}
                    onChange={(x) => setAliases({ ...aliases, [p.code]: x })}
                    error={error?.field("aliases")}
                    width="16rem"
                  />
                  {p.kind_names.length > 0 && (
                    <div className="muted cell-note" data-kind-names>
                      Matched already: {p.kind_names.join(", ")}
                    </div>
                  )}
                </td>
                <td>
                  <button type="button" className="link-button" disabled={!changed} onClick={() => save(p, value, also)}>
                    Save<span className="visually-hidden"> {p.code}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="form-row" onSubmit={add.submit} data-form="partner" noValidate aria-label="Add a partner">
        <TextField
          label="Code"
          name="code"
          width="short"
          value={add.values.code}
          onChange={add.set("code")}
          error={add.failure?.field("code")}
          hint="e.g. VS"
        />
        <TextField label="Name" name="name" value={add.values.name} onChange={add.set("name")} error={add.failure?.field("name")} />
        <div className="field">
          <button type="submit" className="button button-secondary" disabled={add.saving}>
            Add partner
          </button>
        </div>
      </form>
    </section>
  );
}

function Agreements(props: { data: SettingsDto; onSaved: (message: string) => void }) {
  const n = props.data.partners.length;
  const [form, setForm] = useState({ year: "", risk_share: "contributions", contributions: Array<string>(n).fill("") });
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const err = (f: string) => failure?.field(f);
  const edit = (year: string) => {
    const a = props.data.agreements.find((x) => x.year === year);
    if (a) setForm({ year: a.year, risk_share: a.risk_share, contributions: [...a.contributions] });
    setFailure(null);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const existing = props.data.agreements.some((a) => a.year === form.year.trim());
    if (
      existing &&
      !(await confirmLoss(
        `Replace the ${form.year.trim()} agreement? Spend reports for that year will use the new contributions.`,
        "Replace the agreement",
      ))
    )
      return;
    call(commands.saveAgreement(form))
      .then(() => {
        setFailure(null);
        props.onSaved(`The ${form.year.trim()} agreement is saved.`);
        setForm({ year: "", risk_share: "contributions", contributions: Array<string>(n).fill("") });
      })
      .catch((x) => setFailure(asFailure(x)));
  };
  return (
    <section aria-labelledby="agreements-heading">
      <h2 id="agreements-heading">Pooled budget agreements (Section 75)</h2>
      {props.data.agreements.length === 0 ? (
        <p className="muted">No agreement yet.</p>
      ) : (
        <table className="table" data-testid="agreements">
          <thead>
            <tr>
              <th scope="col">Year</th>
              {props.data.partners.map((p) => (
                <th key={p.code} scope="col" className="money">
                  {p.name}
                </th>
              ))}
              <th scope="col" className="money">
                Total
              </th>
              <th scope="col">Overspend borne</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.data.agreements.map((a) => (
              <tr key={a.year}>
                <td>{a.year}</td>
                {a.contributions.map((c, k) => (
                  <td key={k} className="money">
                    {money(c)}
                  </td>
                ))}
                <td className="money">
                  <strong>{a.total}</strong>
                </td>
                <td>{RISK.find((r) => r.value === a.risk_share)?.label}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => edit(a.year)}>
                    Change<span className="visually-hidden"> {a.year}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="panel" onSubmit={save} data-form="agreement" noValidate aria-labelledby="agreement-form-heading">
        <h3 id="agreement-form-heading">Add or change a year's agreement</h3>
        {failure && failure.error.fields.length === 0 && <Banner kind="error">{failure.message}</Banner>}
        <div className="form-row">
          <TextField
            label="Financial year"
            name="year"
            width="short"
            value={form.year}
            onChange={(x) => setForm({ ...form, year: x })}
            error={err("year")}
            hint="e.g. 2026/27"
          />
          <SelectField
            label="Who bears an overspend"
            name="risk_share"
            value={form.risk_share}
            onChange={(x) => setForm({ ...form, risk_share: x })}
            options={RISK}
            error={err("risk_share")}
          />
        </div>
        {err("contributions") && (
          <div className="error-message" role="alert">
            {err("contributions")}
          </div>
        )}
        <div className="form-row">
          {props.data.partners.map((p, k) => (
            <TextField
              key={p.code}
              label={`${p.name} contribution (£)`}
              name={`contributions.${k}`}
              width="short"
              value={form.contributions[k] ?? ""}
              onChange={(x) => setForm({ ...form, contributions: form.contributions.map((c, j) => (j === k ? x : c)) })}
              error={err(`contributions.${k}`)}
            />
          ))}
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Save agreement
          </button>
        </div>
      </form>
    </section>
  );
}
