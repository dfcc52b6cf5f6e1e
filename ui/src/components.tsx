import { useId, type ReactNode } from "react";

/** A labelled text input with its hint and its error, announced to screen readers. */
export function TextField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  width?: "short" | "medium" | "long";
  autoFocus?: boolean;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div className={`field ${props.error ? "field-error" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <div className="hint" id={hintId}>{props.hint}</div>}
      {props.error && <div className="error-message" id={errorId} role="alert">{props.error}</div>}
      <input
        id={id}
        name={props.name}
        className={`input-${props.width ?? "medium"}`}
        value={props.value}
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** A labelled select. */
export function SelectField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const id = useId();
  return (
    <div className={`field ${props.error ? "field-error" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.error && <div className="error-message" role="alert">{props.error}</div>}
      <select id={id} name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

/** A message for the whole form or page. */
export function Banner(props: { kind: "error" | "success" | "info"; children: ReactNode }) {
  return (
    <div className={`banner banner-${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}
