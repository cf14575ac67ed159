/** The whole project as a backup file (JSON lines; see `../backup.ts`), restorable into a new study. */
import { writeBackup } from "../backup.js";
import type { Exporter } from "../exporter.js";

export const backupExporter: Exporter = {
  format: "backup",
  description: "the whole project, history included, as a backup to restore into a new study",
  extension: ".quire-backup",
  async write(store, project, path, _options, hooks) {
    const counts = await writeBackup(store, project, path, (rows) => hooks.progress?.(rows, 0));
    return {
      path,
      format: "backup",
      counts: {
        rows: Object.values(counts).reduce((sum, n) => sum + n, 0),
        sources: counts.sources ?? 0,
        codings: counts.codings ?? 0,
      },
    };
  },
};
