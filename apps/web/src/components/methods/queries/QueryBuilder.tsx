/**
 * The query builder: codes for "any of", "all of" and "none of", what near means for the last two
 * (overlapping, within N characters, the same turn, the same source), filters by case attributes
 * (any number of conditions, each attribute at most once), coder and source kind, and Run. The form holds a `QueryDraft`; Enter in any field runs it.
 */
import { SOURCE_KINDS, type SourceKind } from "@quire/core";
import { type FormEvent, useId } from "react";
import type { AttributeView, CodeNode } from "../../../api/types.js";
import { AttributeFilter } from "../../AttributeFilter.js";
import { CodePicker } from "./CodePicker.js";
import {
  type AttributeCondition,
  draftProblem,
  PROXIMITY_CHOICES,
  type ProximityKind,
  type QueryDraft,
  SOURCE_KIND_LABELS,
} from "./query-draft.js";

export interface QueryBuilderProps {
  codes: readonly CodeNode[];
  attributes: readonly AttributeView[];
  coders: readonly string[];
  draft: QueryDraft;
  onChange(draft: QueryDraft): void;
  onRun(): void;
  /** Shown instead of running while the draft cannot run (after a first try). */
  showProblem: boolean;
}

const NEAR_KINDS: ProximityKind[] = ["overlap", "within", "turn", "source"];

export function QueryBuilder({
  codes,
  attributes,
  coders,
  draft,
  onChange,
  onRun,
  showProblem,
}: QueryBuilderProps) {
  const nearName = useId();
  const coderId = useId();
  const kindId = useId();
  const problem = draftProblem(draft);
  const set = (patch: Partial<QueryDraft>) => onChange({ ...draft, ...patch });
  const inGroups = (...groups: string[][]) => new Set(groups.flat());
  const linked = draft.allOf.length > 0 || draft.noneOf.length > 0;
  // An empty draft still shows one row to pick a first attribute in.
  const conditions: AttributeCondition[] =
    draft.where.length > 0 ? draft.where : [{ attribute: "", value: "" }];
  const setCondition = (index: number, condition: AttributeCondition) =>
    set({ where: conditions.map((old, i) => (i === index ? condition : old)) });
  const removeCondition = (index: number) =>
    set({ where: conditions.filter((_, i) => i !== index) });
  const used = new Set(conditions.map((condition) => condition.attribute).filter(Boolean));
  const canAddCondition =
    conditions.every((condition) => condition.attribute !== "") &&
    attributes.some((attribute) => !used.has(attribute.name));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRun();
  };

  return (
    <form className="q-builder" aria-label="Query builder" onSubmit={submit} noValidate>
      <div className="q-groups">
        <CodePicker
          label="Any of"
          hint="Passages coded with one of these (OR)"
          codes={codes}
          picked={draft.anyOf}
          taken={inGroups(draft.allOf, draft.noneOf)}
          onChange={(anyOf) => set({ anyOf })}
        />
        <CodePicker
          label="All of"
          hint="…that each of these codes is near (AND)"
          codes={codes}
          picked={draft.allOf}
          taken={inGroups(draft.anyOf, draft.noneOf)}
          onChange={(allOf) => set({ allOf })}
        />
        <CodePicker
          label="None of"
          hint="…and none of these is near (NOT)"
          codes={codes}
          picked={draft.noneOf}
          taken={inGroups(draft.anyOf, draft.allOf)}
          onChange={(noneOf) => set({ noneOf })}
        />
      </div>

      <fieldset className="q-near" disabled={!linked}>
        <legend>Near means</legend>
        <div className="segmented">
          {NEAR_KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name={nearName}
                value={kind}
                checked={draft.near === kind}
                onChange={() => set({ near: kind })}
              />
              <span>{PROXIMITY_CHOICES[kind]}</span>
            </label>
          ))}
        </div>
        {draft.near === "within" && (
          <label className="q-within">
            <input
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={draft.withinChars}
              onChange={(event) => set({ withinChars: event.target.value })}
            />
            characters apart
          </label>
        )}
        {!linked && <span className="q-hint">Add a code to “All of” or “None of” first.</span>}
      </fieldset>

      <fieldset className="q-filters">
        <legend>Only passages</legend>
        <ul className="q-conditions" aria-label="Case attribute conditions">
          {conditions.map((condition, index) => (
            // Rows have no identity beyond their place; their fields are controlled.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="filter-row q-condition">
              <AttributeFilter
                attributes={attributes.filter(
                  (attribute) =>
                    attribute.name === condition.attribute || !used.has(attribute.name),
                )}
                attribute={condition.attribute}
                value={condition.value}
                label={
                  index === 0 ? "In cases with attribute" : `And with attribute (${index + 1})`
                }
                anyLabel={index === 0 ? "In any case" : "Choose an attribute"}
                onChange={(attribute, value) => setCondition(index, { attribute, value })}
              />
              {(conditions.length > 1 || condition.attribute !== "") && (
                <button
                  type="button"
                  className="icon small"
                  aria-label={
                    condition.attribute
                      ? `Remove the condition on ${condition.attribute}`
                      : "Remove this condition"
                  }
                  onClick={() => removeCondition(index)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
        {canAddCondition && (
          <button
            type="button"
            className="small q-add-condition"
            onClick={() => set({ where: [...conditions, { attribute: "", value: "" }] })}
          >
            Add an attribute condition
          </button>
        )}
        <div className="filter-row">
          <label htmlFor={coderId} className="visually-hidden">
            Coded by
          </label>
          <select
            id={coderId}
            value={draft.coder}
            onChange={(event) => set({ coder: event.target.value })}
          >
            <option value="">Coded by anyone</option>
            {[...new Set([...coders, ...(draft.coder ? [draft.coder] : [])])].map((coder) => (
              <option key={coder} value={coder}>
                Coded by {coder}
              </option>
            ))}
          </select>
          <label htmlFor={kindId} className="visually-hidden">
            Source kind
          </label>
          <select
            id={kindId}
            value={draft.sourceKind}
            onChange={(event) => set({ sourceKind: event.target.value as SourceKind | "" })}
          >
            <option value="">In every kind of source</option>
            {SOURCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {SOURCE_KIND_LABELS[kind]} only
              </option>
            ))}
          </select>
        </div>
        {draft.caseFilter && (
          <p className="chip q-case-filter">
            In {draft.caseFilter.name}’s sources
            <button
              type="button"
              className="icon small"
              aria-label={`Remove the case filter ${draft.caseFilter.name}`}
              onClick={() => set({ caseFilter: null })}
            >
              ×
            </button>
          </p>
        )}
      </fieldset>

      <div className="q-actions">
        <button type="submit" className="primary">
          Run query
        </button>
        {showProblem && problem && (
          <p role="alert" className="error-text">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}
