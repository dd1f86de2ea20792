// The fake ATS's own records: which Candid interviews it created (Candid has no "list all
// interviews" call; a real ATS keeps these ids in its own database next to its job postings).
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class AtsStore {
  #file;
  #state = { demoInterviewId: null, interviewIds: [] };
  #writing = Promise.resolve();

  constructor(dataDir) {
    this.#file = path.join(dataDir, 'demo-ats.json');
  }

  async load() {
    const saved = JSON.parse(await readFile(this.#file, 'utf8').catch(() => '{}'));
    this.#state = {
      demoInterviewId: typeof saved.demoInterviewId === 'string' ? saved.demoInterviewId : (saved.interviewId ?? null), // older demo files
      interviewIds: Array.isArray(saved.interviewIds) ? saved.interviewIds.filter((id) => typeof id === 'string') : [],
    };
    return this;
  }

  get demoInterviewId() {
    return this.#state.demoInterviewId;
  }

  /** Newest first. */
  get interviewIds() {
    return [...this.#state.interviewIds];
  }

  async setDemoInterview(id) {
    this.#state.demoInterviewId = id;
    if (!this.#state.interviewIds.includes(id)) this.#state.interviewIds.push(id);
    await this.#save();
  }

  async addInterview(id) {
    this.#state.interviewIds.unshift(id);
    await this.#save();
  }

  async forget(ids) {
    if (ids.length === 0) return;
    this.#state.interviewIds = this.#state.interviewIds.filter((id) => !ids.includes(id));
    await this.#save();
  }

  /** Writes one after another, each to a temp file renamed into place (no torn JSON on a crash). */
  #save() {
    const json = JSON.stringify(this.#state, null, 2);
    this.#writing = this.#writing.catch(() => undefined).then(async () => {
      await writeFile(`${this.#file}.tmp`, json);
      await rename(`${this.#file}.tmp`, this.#file);
    });
    return this.#writing;
  }
}
