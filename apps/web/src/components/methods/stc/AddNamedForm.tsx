/**
 * The small form each step uses to add something by name (a preliminary theme, a code group, a
 * subgroup): one labelled text field, optional extra fields, and a button that stays disabled
 * until there is a name. The field clears once the server has made the thing.
 */
import { type FormEvent, type ReactNode, useId, useState } from "react";

interface AddNamedFormProps {
  /** What is added, e.g. "preliminary theme"; it names the field, the button and the form. */
  noun: string;
  busy: boolean;
  /** Resolves when made; the field then clears. */
  onAdd(name: string): Promise<unknown>;
  /** Fields shown between the name and the button. */
  children?: ReactNode;
}

export function AddNamedForm({ noun, busy, onAdd, children }: AddNamedFormProps) {
  const [name, setName] = useState("");
  const fieldId = useId();
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === "") return;
    onAdd(trimmed).then(
      () => setName(""),
      () => undefined,
    );
  };
  return (
    <form className="stc-add" aria-label={`Add a ${noun}`} onSubmit={handleSubmit}>
      <label htmlFor={fieldId}>New {noun}</label>
      <input id={fieldId} value={name} onChange={(event) => setName(event.target.value)} />
      {children}
      <button type="submit" className="small" disabled={name.trim() === "" || busy}>
        Add {noun}
      </button>
    </form>
  );
}
