import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { asFailure, type AppFailure } from "./api";

/** What a field's control needs to be labelled and described. */
type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** A field's label, hint and error around its control, announced to screen readers. */
function Field(props: { label: string; hint?: string; error?: string; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div className={`field ${props.error ? "field-error" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <div className="hint" id={hintId}>
          {props.hint}
        </div>
      )}
      {props.error && (
        <div className="error-message" id={errorId} role="alert">
          {props.error}
        </div>
      )}
      {props.children({
        id,
        "aria-invalid": props.error ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
    </div>
  );
}

/** A labelled text input with its hint and its error. */
export function TextField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  width?: "short" | "medium" | "long";
  autoFocus?: boolean;
  type?: "text" | "password";
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          type={props.type ?? "text"}
          autoComplete={props.type === "password" ? "off" : undefined}
          name={props.name}
          className={`input-${props.width ?? "medium"}`}
          value={props.value}
          autoFocus={props.autoFocus}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
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
  return (
    <Field label={props.label} error={props.error}>
      {(control) => (
        <select {...control} name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A message for the whole form or page. With `focus`, it takes focus (and comes into view)
 * when shown and whenever its words change: the message is what just happened. */
export function Banner(props: { kind: "error" | "success" | "info"; children: ReactNode; focus?: boolean; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const words = typeof props.children === "string" ? props.children : null;
  useEffect(() => {
    if (props.focus) ref.current?.focus();
  }, [props.focus, words]);
  return (
    <div
      ref={ref}
      className={`banner banner-${props.kind}`}
      role={props.kind === "error" ? "alert" : "status"}
      tabIndex={props.focus ? -1 : undefined}
      data-testid={props.testid}
    >
      {props.children}
    </div>
  );
}

/**
 * A form's values, a setter per field, and a submit that reports a refused save by field.
 * `save` gets the values; on success the form resets to `blank` and `onSaved` runs.
 */
export function useForm<F extends Record<string, string>, R = unknown>(
  blank: F,
  save: (values: F) => Promise<R>,
  onSaved: (result: R) => void,
) {
  const [values, setValues] = useState(blank);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: keyof F) => (v: string) => setValues({ ...values, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const form = e.currentTarget;
    setSaving(true);
    try {
      const result = await save(values);
      setValues(blank);
      setFailure(null);
      onSaved(result);
    } catch (err) {
      setFailure(asFailure(err));
      // Focus to the first field in error, once the errors are shown.
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
    } finally {
      setSaving(false);
    }
  };
  return { values, set, failure, saving, submit };
}

/** The message for the whole form, when the failure is not about one field. */
export function FormFailure(props: { failure: AppFailure | null }) {
  const f = props.failure;
  return f && f.error.fields.length === 0 ? <Banner kind="error">{f.message}</Banner> : null;
}

/** A labelled multi-line text box. */
export function TextAreaField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  rows?: number;
  disabled?: boolean;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <textarea
          {...control}
          name={props.name}
          rows={props.rows ?? 3}
          value={props.value}
          disabled={props.disabled}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A compact input for a table cell, labelled for screen readers, with its error below. */
export function CellInput(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  width?: string;
  disabled?: boolean;
  align?: "right";
}) {
  return (
    <div className={props.error ? "cell cell-error" : "cell"}>
      <input
        aria-label={props.label}
        name={props.name}
        value={props.value}
        disabled={props.disabled}
        style={{ width: props.width ?? "8rem", textAlign: props.align }}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <div className="error-message cell-message" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

/** The back link at the top of a page. */
export function BackLink(props: { label: string; onClick: () => void }) {
  return (
    <p>
      <a
        href="#back"
        onClick={(e) => {
          e.preventDefault();
          props.onClick();
        }}
      >
        ← {props.label}
      </a>
    </p>
  );
}

/** Focus to `field`, brought to the middle of the window: room to write below it, and the
 *  message beside it in view, not half below the fold or scrolled off the top. */
export function focusInView(field: HTMLElement | null | undefined) {
  field?.focus({ preventScroll: true });
  field?.scrollIntoView({ block: "center" });
}
