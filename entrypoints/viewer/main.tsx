// Story viewer entry (viewer.html?story=ID&tab=TAB): the stored story beside the page it matched
// in that tab, with the shared passages aligned; for a related story, the shared terms marked.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { PassageView } from '../../components/PassageView';
import { StoryLink } from '../../components/StoryLink';
import { StoryMeta } from '../../components/StoryMeta';
import { backgroundCaller } from '../../lib/background/check-client';
import type { TabState } from '../../lib/background/check-state';
import type { Story } from '../../lib/corpus/story';
import type { RelatedMatch, ReuseMatch } from '../../lib/index/types';
import { formatShare, safeHttpUrl } from '../../lib/page/format';
import { termRanges } from '../../lib/page/text-pieces';
import type { Envelope } from '../../lib/protocol';
import './style.css';

const call = backgroundCaller((m: Envelope) => browser.runtime.sendMessage(m));

interface Loaded {
  story: Story;
  state: TabState | null;
  reuse?: ReuseMatch;
  related?: RelatedMatch;
}

function App() {
  const [data, setData] = useState<Loaded | string>('Loading…');
  useEffect(() => {
    const q = new URLSearchParams(location.search);
    const id = q.get('story') ?? '';
    const tab = q.get('tab');
    void (async () => {
      const story = await call('getStory', { id });
      if (!story) return setData('This story is not in your corpus any more.');
      const state = tab && /^\d+$/.test(tab) ? await call('getTabState', { tabId: Number(tab) }).catch(() => null) : null;
      const r = state?.result;
      const reuse = r ? [...r.duplicates, ...r.partial].find((m) => m.id === id) : undefined;
      const related = r?.related.find((m) => m.id === id);
      document.title = `${story.title} – StoryTrace`;
      setData({ story, state: state?.text ? state : null, reuse, related });
    })().catch((e: unknown) => setData(e instanceof Error ? e.message : String(e)));
  }, []);

  if (typeof data === 'string') return <main class="viewer"><p class="muted">{data}</p></main>;
  const { story, state, reuse, related } = data;
  const pageText = state?.text ?? null;
  const pageLabel = 'This page';
  const storyLabel = 'Stored story';
  return (
    <main class="viewer">
      <header class="viewer-head">
        <div class="side">
          <div class="label">{pageLabel}</div>
          <div class="title">{state?.title || 'Unknown page'}</div>
          {safeHttpUrl(state?.url) && <div class="url">{state!.url}</div>}
        </div>
        <div class="verdict">
          {reuse ? (
            <>
              <span class={`kind kind-${reuse.kind}`}>{reuse.kind === 'duplicate' ? 'Copy' : 'Partial reuse'}</span>
              <div class="figures">
                {formatShare(reuse.pageShare)} of the page · {formatShare(reuse.storyShare)} of the story
              </div>
            </>
          ) : related ? (
            <>
              <span class="kind kind-related">Related</span>
              <div class="figures">score {Math.round(related.score * 100)}</div>
            </>
          ) : (
            <span class="kind">Stored story</span>
          )}
        </div>
        <div class="side">
          <div class="label">{storyLabel}</div>
          <div class="title">
            <StoryLink title={story.title} url={story.url} onOpenViewer={() => {}} />
          </div>
          <StoryMeta source={story.source} date={story.date} author={story.author} />
        </div>
      </header>
      {related && related.terms.length > 0 && (
        <p class="terms-line">
          Shared terms:{' '}
          {related.terms.map((t) => (
            <span key={t} class="term">
              {t}
            </span>
          ))}
        </p>
      )}
      <PassageView
        pageText={pageText}
        storyText={story.text}
        passages={reuse?.passages ?? []}
        pageTerms={related && pageText ? termRanges(pageText, related.terms) : undefined}
        storyTerms={related ? termRanges(story.text, related.terms) : undefined}
        pageLabel={pageLabel}
        storyLabel={storyLabel}
      />
    </main>
  );
}

render(<App />, document.getElementById('app')!);
