/** `quire init`: create a study file (or a project in a PostgreSQL database). */
import { existsSync } from "node:fs";
import { QuireError } from "@quire/core";
import { createProject, isPostgresUrl, openStore } from "@quire/db";
import { actorName, type GlobalOptions } from "../context.js";
import type { Output } from "../output.js";

export interface InitOptions extends GlobalOptions {
  name?: string;
  method?: string;
}

export async function initCommand(
  location: string,
  options: InitOptions,
  out: Output,
): Promise<void> {
  if (!isPostgresUrl(location) && existsSync(location))
    throw new QuireError("conflict", `${location} already exists; choose another file name`);
  const name =
    options.name ?? options.project ?? location.replace(/^.*[\\/]/, "").replace(/\.quire$/, "");
  const store = await openStore(location, { create: true });
  try {
    const project = await createProject(store, {
      name,
      method: options.method ?? "reflexive_ta",
      actor: actorName(options),
    });
    out.result(project, (p) =>
      out.line(`created project "${p.name}" (${p.method}) in ${store.location}`),
    );
  } finally {
    await store.close();
  }
}
