/**
 * The re-reading grid (STC-3): one row per source, one column per code group with the meaning
 * units it gave, and the source's checklist — re-read, validated, contradicting data noted. Each
 * tick is saved as it is made.
 */
import { useEffect, useState } from "react";
import {
  checkReading,
  type ReadingGrid as Grid,
  useReadingGrid,
  useStcMutation,
} from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";

function ContradictingField({
  projectKey,
  row,
}: {
  projectKey: string;
  row: Grid["rows"][number];
}) {
  const [text, setText] = useState(row.contradicting);
  const check = useStcMutation(projectKey, checkReading);
  return (
    <input
      aria-label={`Contradicting data in ${row.title}`}
      value={text}
      placeholder="none noted"
      onChange={(event) => setText(event.target.value)}
      onBlur={() => {
        if (text !== row.contradicting)
          check.mutate(
            { sourceId: row.sourceId, contradicting: text },
            { onError: (error) => toast(error.message, "error") },
          );
      }}
    />
  );
}

/** A tick that shows at once and is saved behind it; the server's value wins when it arrives. */
function CheckField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(value: boolean): void;
}) {
  const [value, setValue] = useState(checked);
  // Follow the server without remounting, so focus stays on the box that was ticked.
  useEffect(() => setValue(checked), [checked]);
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={value}
      onChange={(event) => {
        setValue(event.target.checked);
        onChange(event.target.checked);
      }}
    />
  );
}

export function ReadingGrid({ projectKey }: { projectKey: string }) {
  const grid = useReadingGrid(projectKey);
  const check = useStcMutation(projectKey, checkReading);
  if (!grid.data) return grid.isError ? <p role="alert">{grid.error.message}</p> : null;
  const { codeGroups, rows } = grid.data;
  const tick = (sourceId: string, field: "reread" | "validated", value: boolean) =>
    check.mutate(
      { sourceId, [field]: value },
      { onError: (error) => toast(error.message, "error") },
    );
  return (
    <div className="stc-grid-scroll">
      <table className="stc-grid">
        <caption>
          Re-reading grid: meaning units per source and code group, and each source's check
        </caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            {codeGroups.map((group) => (
              <th key={group.id} scope="col">
                {group.name}
              </th>
            ))}
            <th scope="col">Re-read</th>
            <th scope="col">Validated</th>
            <th scope="col">Contradicting data</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.sourceId}>
              <th scope="row">{row.title}</th>
              {codeGroups.map((group, index) => (
                <td
                  key={group.id}
                  className={(row.units[index] ?? 0) === 0 ? "stc-none" : undefined}
                >
                  {row.units[index] ?? 0}
                </td>
              ))}
              <td>
                <CheckField
                  label={`${row.title} re-read`}
                  checked={row.reread}
                  onChange={(value) => tick(row.sourceId, "reread", value)}
                />
              </td>
              <td>
                <CheckField
                  label={`${row.title} validated`}
                  checked={row.validated}
                  onChange={(value) => tick(row.sourceId, "validated", value)}
                />
              </td>
              <td>
                <ContradictingField key={row.contradicting} projectKey={projectKey} row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
