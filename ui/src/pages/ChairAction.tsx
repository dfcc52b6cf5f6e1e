import { useState } from "react";
import { call, commands } from "../api";
import type { ChairActionWorkspace, PartnerDto } from "../bindings";
import { BackLink, Banner } from "../components";
import { formDate } from "../format";
import { PlacementGlance } from "./Case";
import { DecisionEditor, useDecisionFormKey } from "./DecisionEditor";
import { changed, keys, useRead } from "../queries";

/** Recording a chair's action on a case: a decision taken between meetings because it could
 * not wait (rule 15). Final, it is numbered like any decision and offered to the next meeting
 * for ratification. */
export function ChairActionPage(props: { caseId: number; partners: PartnerDto[]; onBack: (notice?: string) => void }) {
  const read = useRead(keys.chairAction(props.caseId), () => call(commands.chairActionWorkspace(props.caseId)));
  const w: ChairActionWorkspace | null = read.data;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? read.error;
  const [notice, setNotice] = useState<string | null>(null);
  const formKey = useDecisionFormKey(`case-${props.caseId}`, read.data?.draft?.id ?? null);

  const load = () => {
    setError(null);
    return changed();
  };

  if (!w) return error ? <Banner kind="error">{error}</Banner> : <p className="muted">Loading…</p>;
  const c = w.case;
  const current = c.placements.filter((p) => p.current);

  return (
    <section aria-labelledby="chair-action-heading">
      <BackLink label={`Case ${c.reference}`} onClick={() => props.onBack()} />
      <h1 id="chair-action-heading">
        Chair's action{" "}
        <span className="muted">
          — {c.reference} ({c.initials})
        </span>
      </h1>
      <p className="lede">
        A decision the chair takes between meetings because it cannot wait for the panel. It needs no quorum, takes the next decision number
        when finalised, and comes to the next meeting's agenda for ratification.
      </p>
      {error && <Banner kind="error">{error}</Banner>}

      <section aria-labelledby="ca-costs-heading">
        <h2 id="ca-costs-heading">Costs and split today</h2>
        {current.length === 0 ? (
          <p className="muted">
            No placement is in force today. Add or change the placement on the case screen first if the action funds one.
          </p>
        ) : (
          current.map((p) => <PlacementGlance key={p.id} p={p} />)
        )}
      </section>

      <h2>The chair's action</h2>
      {notice && (
        <Banner kind="success" focus>
          {notice}
        </Banner>
      )}
      <DecisionEditor
        key={formKey.key}
        ctx={{
          placements: c.placements,
          subject: "",
          defaultReview: w.default_review,
          earliestReduction: w.earliest_reduction,
          noticeMonths: w.notice_months,
          where: "Taken by the chair between meetings.",
          chairAction: { decidedOn: formDate(w.today) },
        }}
        draft={w.draft ?? null}
        partners={props.partners}
        save={(draftId, placementId, form, decidedOn) => call(commands.saveChairAction(c.id, draftId, placementId, decidedOn, form))}
        onDraft={(id) => {
          formKey.adopt(id);
          load();
        }}
        onSaved={(message, what) => {
          if (what === "final") {
            props.onBack(message);
          } else {
            setNotice(message);
            if (what === "discarded") formKey.renew();
            load();
          }
        }}
      />
    </section>
  );
}
