// Story viewer entry (viewer.html?story=ID&tab=TAB): the stored story beside the page it matched
// in that tab, with the shared passages aligned; for a related story, the shared terms marked.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { PassageView } from '../../components/PassageView';
import { EvidenceExport } from '../../components/EvidenceExport';
import { PropagationTree } from '../../components/PropagationTree';
import type { StoryCluster } from '../../lib/provenance/story-cluster';
import { I18nProvider } from '../../components/I18nProvider';
import { extensionI18n } from '../../lib/i18n/i18n';
import { StoryLink } from '../../components/StoryLink';
import { StoryMeta } from '../../components/StoryMeta';
import { backgroundCaller } from '../../lib/background/check-client';
import type { TabState } from '../../lib/background/check-state';
import type { Story } from '../../lib/corpus/story';
import type { RelatedMatch, ReuseMatch } from '../../lib/index/types';
import { safeHttpUrl } from '../../lib/page/format';
import { termRanges } from '../../lib/page/text-pieces';
import type { Envelope } from '../../lib/protocol';
import './style.css';

const call = backgroundCaller((m: Envelope) => browser.runtime.sendMessage(m));
// The browser's language: browser.i18n picks the _locales folder, and Intl formats in the same locale.
const i18n = extensionI18n(browser.i18n);
const { t } = i18n;

interface Loaded {
  story: Story;
  state: TabState | null;
  reuse?: ReuseMatch;
  related?: RelatedMatch;
  /** The reprint cluster the story belongs to; null when it could not be read. */
  cluster: StoryCluster | null;
}

/** Read by screen readers, not shown. */
const VISUALLY_HIDDEN = { position: 'absolute', width: '1px', height: '1px', margin: '-1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;

function App() {
  const [data, setData] = useState<Loaded | string>(t('loading'));
  useEffect(() => {
    const q = new URLSearchParams(location.search);
    const id = q.get('story') ?? '';
    const tab = q.get('tab');
    void (async () => {
      const story = await call('getStory', { id });
      if (!story) return setData(t('viewer_story_gone'));
      // ?selection=ID: a story matched by checked selected text (the selection page), beside that text.
      const selection = q.get('selection');
      const state = selection
        ? await call('getSelectionCheck', { id: selection }).catch(() => null)
        : tab && /^\d+$/.test(tab) ? await call('getTabState', { tabId: Number(tab) }).catch(() => null) : null;
      const r = state?.result;
      const reuse = r ? [...r.duplicates, ...r.partial].find((m) => m.id === id) : undefined;
      const related = r?.related.find((m) => m.id === id);
      // The tree is an addition: a failed read leaves the viewer as it is.
      const cluster = await call('getStoryCluster', { id }).catch(() => null);
      document.title = t('viewer_title', story.title);
      setData({ story, state: state?.text ? state : null, reuse, related, cluster });
    })().catch((e: unknown) => setData(e instanceof Error ? e.message : String(e)));
  }, []);

  if (typeof data === 'string') return <main class="viewer"><p class="muted">{data}</p></main>;
  const { story, state, reuse, related, cluster } = data;
  // A member of the tree opens in this viewer, beside the same page (tab or selection).
  const hrefOf = (storyId: string) => {
    const q = new URLSearchParams(location.search);
    q.set('story', storyId);
    return `${location.pathname}?${q.toString()}`;
  };
  const pageText = state?.text ?? null;
  const pageLabel = t('timeline_kind_page');
  const storyLabel = t('viewer_stored_story');
  return (
    <main class="viewer">
      {/* The page's one level-one heading, for screen readers (the header shows the title as it is). */}
      <h1 style={VISUALLY_HIDDEN}>{story.title}</h1>
      <header class="viewer-head">
        <div class="side">
          <div class="label">{pageLabel}</div>
          <div class="title">{state?.title || t('viewer_unknown_page')}</div>
          {safeHttpUrl(state?.url) && <div class="url">{state!.url}</div>}
        </div>
        <div class="verdict">
          {reuse ? (
            <>
              <span class={`kind kind-${reuse.kind}`}>{reuse.kind === 'duplicate' ? t('kind_copy') : t('timeline_kind_partial')}</span>
              <div class="figures">
                {t('viewer_share_of_page', i18n.share(reuse.pageShare))} · {t('share_of_story', i18n.share(reuse.storyShare))}
              </div>
            </>
          ) : related ? (
            <>
              <span class="kind kind-related">{t('timeline_kind_related')}</span>
              <div class="figures">{t('viewer_score', i18n.number(Math.round(related.score * 100)))}</div>
            </>
          ) : (
            <span class="kind">{storyLabel}</span>
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
          {t('viewer_shared_terms')}{' '}
          {related.terms.map((term) => (
            <span key={term} class="term">
              {term}
            </span>
          ))}
        </p>
      )}
      {state?.result && (
        <EvidenceExport
          evidence={() => ({
            page: { url: state.url, title: state.title, text: state.text ?? '', published: state.published },
            result: state.result!,
            generatedAt: new Date().toISOString(),
          })}
        />
      )}
      {cluster && <PropagationTree cluster={cluster} hrefOf={hrefOf} withPage={!!pageText} />}
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

document.documentElement.lang = i18n.locale;
document.title = t('viewer_page_title');
render(
  <I18nProvider i18n={i18n}>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
