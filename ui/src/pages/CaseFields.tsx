import type { AppFailure } from "../api";
import { TextAreaField, TextField } from "../components";

/** A case's fields as typed. */
export type CaseValues = { reference: string; initials: string; date_of_birth: string; needs: string };

/** The fields of a case, for the new-case form and the details form alike: reference and
 * initials (never a full name), date of birth, summary of needs. */
export function CaseFields(props: {
  values: CaseValues;
  set: (name: keyof CaseValues) => (value: string) => void;
  failure: AppFailure | null;
  initialsHint?: string;
  dateOfBirthHint: string;
}) {
  const { values, set, failure } = props;
  return (
    <>
      <div className="form-row">
        <TextField
          label="Case reference"
          name="reference"
          width="short"
          value={values.reference}
          onChange={set("reference")}
          error={failure?.field("reference")}
          autoFocus
        />
        <TextField
          label="Initials"
          name="initials"
          width="short"
          value={values.initials}
          onChange={set("initials")}
          error={failure?.field("initials")}
          hint={props.initialsHint}
        />
        <TextField
          label="Date of birth"
          name="date_of_birth"
          width="short"
          value={values.date_of_birth}
          onChange={set("date_of_birth")}
          error={failure?.field("date_of_birth")}
          hint={props.dateOfBirthHint}
        />
      </div>
      <TextAreaField label="Summary of needs" name="needs" value={values.needs} onChange={set("needs")} error={failure?.field("needs")} />
    </>
  );
}
