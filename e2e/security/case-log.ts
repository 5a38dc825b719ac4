import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CaseResult {
  category: string;
  name: string;
  ok: boolean;
  detail: string;
}

export const CASE_LOG_DIR = 'test-results/security';

/** Collects a spec's cases so `npm run test:security` can print one table per category after the run. */
export class CaseLog {
  readonly results: CaseResult[] = [];

  record(category: string, name: string, ok: boolean, detail = ''): boolean {
    this.results.push({ category, name, ok, detail });
    return ok;
  }

  failures(): CaseResult[] {
    return this.results.filter((r) => !r.ok);
  }

  save(file: string): void {
    mkdirSync(CASE_LOG_DIR, { recursive: true });
    writeFileSync(path.join(CASE_LOG_DIR, `${file}.json`), JSON.stringify(this.results, null, 1));
  }
}
