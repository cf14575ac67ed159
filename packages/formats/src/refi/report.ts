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
}

function lines(counts: Map<string, number>): string[] {
  return [...counts].map(([message, count]) => (count === 1 ? message : `${message} (×${count})`));
}
