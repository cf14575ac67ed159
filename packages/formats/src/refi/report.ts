/**
 * What a REFI-QDA reader tells the person: quirks it tolerated (warnings) and parts of the file it
 * did not bring in (skipped). Repeated notes are counted rather than repeated, so a file with 300
 * upper-case GUIDs gives one line, not 300.
 */

export class RefiReport {
  private readonly warningCounts = new Map<string, number>();
  private readonly skippedCounts = new Map<string, number>();

  warn(message: string, times = 1): void {
    this.warningCounts.set(message, (this.warningCounts.get(message) ?? 0) + times);
  }

  skip(message: string, times = 1): void {
    this.skippedCounts.set(message, (this.skippedCounts.get(message) ?? 0) + times);
  }

  get warnings(): string[] {
    return lines(this.warningCounts);
  }

  get skipped(): string[] {
    return lines(this.skippedCounts);
  }

  /** Every note with its count: what a report read on another thread is rebuilt from. */
  get counts(): ReportCounts {
    return { warnings: [...this.warningCounts], skipped: [...this.skippedCounts] };
  }

  static from(counts: ReportCounts): RefiReport {
    const report = new RefiReport();
    for (const [message, times] of counts.warnings) report.warn(message, times);
    for (const [message, times] of counts.skipped) report.skip(message, times);
    return report;
  }
}

export interface ReportCounts {
  warnings: [string, number][];
  skipped: [string, number][];
}

function lines(counts: Map<string, number>): string[] {
  return [...counts].map(([message, count]) => (count === 1 ? message : `${message} (×${count})`));
}
