/** `quire restore`: a backup written by `quire export --format backup`, into a new study. */
import { existsSync } from "node:fs";
import { QuireError } from "@quire/core";
import { isPostgresUrl, openStore } from "@quire/db";
import { restoreBackup } from "@quire/io";
import type { GlobalOptions } from "../context.js";
import type { Output } from "../output.js";
import { type Progress, startProgress } from "../progress.js";

export async function restoreCommand(
  backup: string,
  location: string,
  _options: GlobalOptions,
  out: Output,
): Promise<void> {
  if (!existsSync(backup)) throw new QuireError("not_found", `${backup}: no such backup file`);
  if (!isPostgresUrl(location) && existsSync(location))
    throw new QuireError("conflict", `${location} already exists; restore into a new study file`);
  const store = await openStore(location, { create: true });
  let bar: Progress | null = null;
  try {
    const result = await restoreBackup(store, backup, (rows) => {
      bar ??= startProgress("restore", 0, !out.json);
      bar.update(rows);
    });
    (bar as Progress | null)?.stop();
    out.result(result, (r) =>
      out.line(
        `restored project "${r.project.name}" into ${store.location}: ${r.counts.sources ?? 0} sources, ${r.counts.codings ?? 0} codings, ${r.counts.audit_events ?? 0} history events`,
      ),
    );
  } finally {
    (bar as Progress | null)?.stop();
    await store.close();
  }
}
