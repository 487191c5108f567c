// The memory backend with termPostingsById, for server tests that run without PostgreSQL: it keeps
// the id → term map of what it stored and answers by the terms.
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { termId } from '../../../lib/index/term-id';
import type { AddResult, AnalysedStory, TermPostings } from '../../../lib/index/types';

export class MemoryWithTermIds extends MemoryBackend {
  private readonly ids = new Map<number, string>();

  override async putStories(collectionId: string, stories: AnalysedStory[]): Promise<AddResult> {
    for (const s of stories) for (const [t] of s.terms) this.ids.set(termId(t), t);
    return super.putStories(collectionId, stories);
  }

  async termPostingsById(ids: number[]): Promise<Map<number, TermPostings>> {
    const byTerm = await this.termPostings(ids.flatMap((id) => (this.ids.has(id) ? [this.ids.get(id)!] : [])));
    return new Map([...byTerm].map(([t, p]) => [termId(t), p]));
  }
}
