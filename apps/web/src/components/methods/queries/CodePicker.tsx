/**
 * One group of codes in the query builder ("Any of", "All of", "None of"): the codes picked as
 * removable chips, and a select of the codebook by path with an Add button. A native select is the
 * keyboard path that needs no explaining, and screen readers announce each option's full path; the
 * button (or Enter) adds, because arrowing through a closed select changes its value at every step.
 */
import { type KeyboardEvent, useId, useState } from "react";
import type { CodeNode } from "../../../api/types.js";
import { CodeSwatch } from "../../CodeSwatch.js";

export interface CodePickerProps {
  /** "Any of": the group's name, used in every label. */
  label: string;
  /** What the group means, shown under the name: "passages coded with one of these". */
  hint: string;
  codes: readonly CodeNode[];
  picked: readonly string[];
  /** Codes picked in the other groups, offered no more here. */
  taken: ReadonlySet<string>;
  onChange(picked: string[]): void;
}

export function CodePicker({ label, hint, codes, picked, taken, onChange }: CodePickerProps) {
  const hintId = useId();
  const [choice, setChoice] = useState("");
  const byId = new Map(codes.map((code) => [code.id, code]));
  const offered = codes.filter((code) => !picked.includes(code.id) && !taken.has(code.id));
  const add = () => {
    if (!offered.some((code) => code.id === choice)) return;
    onChange([...picked, choice]);
    setChoice("");
  };
  return (
    <fieldset className="q-group" aria-describedby={hintId}>
      <legend>{label}</legend>
      <p id={hintId} className="q-hint">
        {hint}
      </p>
      {picked.length > 0 && (
        <ul className="q-chips" aria-label={`${label}: picked codes`}>
          {picked.map((id) => {
            const code = byId.get(id);
            const name = code?.path ?? "(a deleted code)";
            return (
              <li key={id} className="chip" title={name}>
                <CodeSwatch color={code?.color ?? "#888888"} />
                <span className="q-chip-name">{code?.name ?? name}</span>
                <button
                  type="button"
                  className="icon small"
                  aria-label={`Remove ${name} from ${label}`}
                  onClick={() => onChange(picked.filter((other) => other !== id))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="q-add">
        <select
          aria-label={`Code to add to ${label}`}
          value={offered.some((code) => code.id === choice) ? choice : ""}
          onChange={(event) => setChoice(event.target.value)}
          onKeyDown={(event: KeyboardEvent) => {
            if (event.key !== "Enter") return;
            event.preventDefault();
            add();
          }}
        >
          <option value="">Choose a code…</option>
          {offered.map((code) => (
            <option key={code.id} value={code.id}>
              {code.path}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="small"
          aria-label={`Add to ${label}`}
          disabled={!offered.some((code) => code.id === choice)}
          onClick={add}
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}
