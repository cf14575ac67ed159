/**
 * Picking a case attribute and a value to filter by: a list of the project's attributes, then the
 * attribute's allowed values (a category) or a free value. The source list and retrieval share it.
 */
import type { AttributeView } from "../api/types.js";

interface AttributeFilterProps {
  attributes: readonly AttributeView[];
  attribute: string;
  value: string;
  /** The label of the first select, and of its "no filter" choice. */
  label: string;
  anyLabel: string;
  onChange(attribute: string, value: string): void;
}

export function AttributeFilter({
  attributes,
  attribute,
  value,
  label,
  anyLabel,
  onChange,
}: AttributeFilterProps) {
  const chosen = attributes.find((candidate) => candidate.name === attribute);
  return (
    <>
      <select
        aria-label={label}
        value={attribute}
        onChange={(event) => onChange(event.target.value, "")}
      >
        <option value="">{anyLabel}</option>
        {attributes.map((candidate) => (
          <option key={candidate.id} value={candidate.name}>
            {candidate.name}
          </option>
        ))}
      </select>
      {attribute &&
        (chosen && chosen.allowedValues.length > 0 ? (
          <select
            aria-label={`Value of ${attribute}`}
            value={value}
            onChange={(event) => onChange(attribute, event.target.value)}
          >
            <option value="">any value</option>
            {chosen.allowedValues.map((allowed) => (
              <option key={allowed}>{allowed}</option>
            ))}
          </select>
        ) : (
          <input
            aria-label={`Value of ${attribute}`}
            placeholder="value"
            value={value}
            onChange={(event) => onChange(attribute, event.target.value)}
          />
        ))}
    </>
  );
}
