/**
 * The working analytical framework (FW-2): its categories, each with codes that carry an index, a
 * definition and an origin (a priori from the topic guide or theory, or inductive from the data),
 * and the version list. Adding a category or a code makes a new version, as the server does; codes
 * can be new or taken from the codebook, so passages already coded chart at once.
 */
import { FRAMEWORK_ORIGINS, type FrameworkOrigin } from "@quire/core";
import { type FormEvent, useId, useState } from "react";
import {
  addFrameworkCategory,
  addFrameworkCode,
  type Framework,
  useFrameworkMutation,
  useFrameworkVersions,
} from "../../../api/framework.js";
import { useCodes } from "../../../api/queries.js";
import { toast } from "../../../state/ui-store.js";

export const ORIGIN_TEXT: Readonly<Record<FrameworkOrigin, string>> = {
  a_priori: "A priori",
  inductive: "Inductive",
};

function AddCategoryForm({ projectKey }: { projectKey: string }) {
  const [name, setName] = useState("");
  const [index, setIndex] = useState("");
  const add = useFrameworkMutation(projectKey, addFrameworkCategory);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === "") return;
    add.mutate(
      { name: name.trim(), ...(index.trim() ? { abbreviation: index.trim() } : {}) },
      {
        onSuccess: (result) => {
          toast(`Added the category; the framework is now version ${result.version}.`);
          setName("");
          setIndex("");
        },
        onError: (error) => toast(error.message, "error"),
      },
    );
  };
  return (
    <form className="fw-form" aria-label="Add a category" onSubmit={handleSubmit}>
      <h3>Add a category</h3>
      <label>
        Category name
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Index <span className="muted">(optional)</span>
        <input
          className="fw-index-input"
          value={index}
          onChange={(event) => setIndex(event.target.value)}
        />
      </label>
      <button type="submit" disabled={name.trim() === "" || add.isPending}>
        Add category
      </button>
    </form>
  );
}

function AddCodeForm({ projectKey, framework }: { projectKey: string; framework: Framework }) {
  const codes = useCodes(projectKey);
  const [category, setCategory] = useState(framework.categories[0]?.id ?? "");
  const [fromCodebook, setFromCodebook] = useState("");
  const [name, setName] = useState("");
  const [index, setIndex] = useState("");
  const [definition, setDefinition] = useState("");
  const [origin, setOrigin] = useState<FrameworkOrigin>("a_priori");
  const add = useFrameworkMutation(projectKey, addFrameworkCode);
  const used = new Set(
    framework.categories.flatMap((c) => [c.codeId, ...c.codes.map((x) => x.codeId)]),
  );
  const available = (codes.data ?? []).filter((code) => !used.has(code.id));
  const chosenCategory = framework.categories.find((c) => c.id === category)
    ? category
    : (framework.categories[0]?.id ?? "");

  const pickFromCodebook = (codeId: string) => {
    setFromCodebook(codeId);
    const code = codes.data?.find((candidate) => candidate.id === codeId);
    if (code) {
      setName(code.name);
      if (definition.trim() === "") setDefinition(code.description.definition ?? "");
    }
  };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === "" || index.trim() === "" || !chosenCategory) return;
    add.mutate(
      {
        category: chosenCategory,
        name: name.trim(),
        abbreviation: index.trim(),
        origin,
        ...(definition.trim() ? { definition: definition.trim() } : {}),
        ...(fromCodebook ? { codeId: fromCodebook } : {}),
      },
      {
        onSuccess: (result) => {
          toast(`Added the code; the framework is now version ${result.version}.`);
          setFromCodebook("");
          setName("");
          setIndex("");
          setDefinition("");
        },
        onError: (error) => toast(error.message, "error"),
      },
    );
  };
  return (
    <form className="fw-form" aria-label="Add a code" onSubmit={handleSubmit}>
      <h3>Add a code</h3>
      <label>
        Category
        <select value={chosenCategory} onChange={(event) => setCategory(event.target.value)}>
          {framework.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From the codebook
        <select value={fromCodebook} onChange={(event) => pickFromCodebook(event.target.value)}>
          <option value="">A new code</option>
          {available.map((code) => (
            <option key={code.id} value={code.id}>
              {code.path}
            </option>
          ))}
        </select>
      </label>
      <label>
        Code name
        <input
          value={name}
          readOnly={fromCodebook !== ""}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label>
        Index
        <input
          className="fw-index-input"
          value={index}
          placeholder="1.1"
          onChange={(event) => setIndex(event.target.value)}
        />
      </label>
      <label className="fw-definition">
        Definition
        <textarea
          rows={2}
          value={definition}
          onChange={(event) => setDefinition(event.target.value)}
        />
      </label>
      <label>
        Origin
        <select
          value={origin}
          onChange={(event) => setOrigin(event.target.value as FrameworkOrigin)}
        >
          {FRAMEWORK_ORIGINS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {ORIGIN_TEXT[candidate]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={name.trim() === "" || index.trim() === "" || add.isPending}>
        Add code
      </button>
    </form>
  );
}

function VersionList({ projectKey }: { projectKey: string }) {
  const versions = useFrameworkVersions(projectKey);
  const list = [...(versions.data ?? [])].reverse();
  return (
    <details className="fw-versions">
      <summary>Versions ({list.length})</summary>
      <ol reversed aria-label="Framework versions, newest first">
        {list.map((version) => (
          <li key={version.number}>
            <strong>Version {version.number}</strong> — {version.note}{" "}
            <span className="muted small">
              by {version.createdBy}, {new Date(version.createdAt).toLocaleString()}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}

export function FrameworkEditor({
  projectKey,
  framework,
}: {
  projectKey: string;
  framework: Framework | null;
}) {
  const headingId = useId();
  const bodyId = useId();
  // Open while the framework is being built; once it has codes, charting is the main work and
  // the framework folds away (one click, or Enter on the button, brings it back).
  const [expanded, setExpanded] = useState(
    () => !framework?.categories.some((category) => category.codes.some((code) => !code.isOther)),
  );
  return (
    <section className="fw-editor" aria-labelledby={headingId}>
      <div className="fw-editor-title">
        <h2 id={headingId}>
          Analytical framework
          {framework && <span className="fw-version"> · version {framework.version}</span>}
        </h2>
        <button
          type="button"
          className="ghost small"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={() => setExpanded((open) => !open)}
        >
          {expanded ? "Hide the framework" : "Show and edit the framework"}
        </button>
      </div>
      <div id={bodyId} className="fw-editor-body" hidden={!expanded}>
        {!framework || framework.categories.length === 0 ? (
          <p className="muted">
            No framework yet. Add a first category (each gets an "Other" code), then its codes.
          </p>
        ) : (
          <div className="fw-categories">
            {framework.categories.map((category) => (
              <table key={category.id} className="fw-codes">
                <caption>{category.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Index</th>
                    <th scope="col">Code</th>
                    <th scope="col">Definition</th>
                    <th scope="col">Origin</th>
                    <th scope="col">Added in</th>
                  </tr>
                </thead>
                <tbody>
                  {category.codes.map((code) => (
                    <tr key={code.id}>
                      <td className="fw-index">{code.abbreviation}</td>
                      <td>{code.name}</td>
                      <td className="fw-definition-cell">
                        {code.definition || <span className="muted">—</span>}
                      </td>
                      <td>{ORIGIN_TEXT[code.origin]}</td>
                      <td>v{code.addedInVersion}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
        )}
        <div className="fw-forms">
          <AddCategoryForm projectKey={projectKey} />
          {framework && framework.categories.length > 0 && (
            <AddCodeForm projectKey={projectKey} framework={framework} />
          )}
        </div>
        {framework && <VersionList projectKey={projectKey} />}
      </div>
    </section>
  );
}
