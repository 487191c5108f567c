// The viewer's propagation tree: the reprint cluster of the viewed story, origin first, each copy
// under the story it was most likely copied from (lib/provenance/story-cluster.ts), each openable in
// the viewer beside the checked page.
import type { StoryCluster } from '../lib/provenance/story-cluster';
import { treeRows } from '../lib/provenance/story-cluster';
import { useI18n } from './I18nProvider';

export interface PropagationTreeProps {
  cluster: StoryCluster;
  /** The viewer's address for a member (beside the same page, when there is one). */
  hrefOf: (storyId: string) => string;
  /** Whether a checked page is there to set a member beside. */
  withPage: boolean;
}

// Spacing inline: the viewer's stylesheet is shared with the rest of the page.
const GAP = { marginInlineStart: '0.6em' } as const;
const ROW = { listStyle: 'none', padding: '3px 0', lineHeight: 1.6 } as const;

export function PropagationTree({ cluster, hrefOf, withPage }: PropagationTreeProps) {
  const { t, day } = useI18n();
  const rows = treeRows(cluster);
  return (
    <section class="propagation" aria-labelledby="propagation-heading">
      <h2 id="propagation-heading">{t('viewer_tree_heading')}</h2>
      {rows.length < 2 ? (
        <p class="muted">{t('viewer_tree_alone')}</p>
      ) : (
        <>
          <p class="muted">{t('viewer_tree_note')}</p>
          <ul class="tree" role="tree" aria-labelledby="propagation-heading" style={{ paddingInlineStart: 0 }}>
            {rows.map(({ node, depth }) => {
              const when = node.published ? day(node.published) : t('viewer_tree_undated');
              const here = node.id === cluster.id;
              return (
                <li
                  key={node.id}
                  role="treeitem"
                  aria-level={depth + 1}
                  aria-current={here ? 'true' : undefined}
                  class={`tree-node${here ? ' here' : ''}`}
                  data-story={node.id}
                  data-depth={depth}
                  style={{ ...ROW, paddingInlineStart: `${depth * 1.5}em`, fontWeight: here ? 600 : undefined }}
                >
                  <span aria-hidden="true">{depth > 0 ? '└ ' : ''}</span>
                  <span class="tree-title">{node.title}</span>
                  <span class="story-meta"> · {[node.source, when].filter(Boolean).join(' · ')}</span>
                  {node.id === cluster.origin && <span class="kind kind-duplicate tree-tag" style={GAP}>{t('viewer_tree_origin')}</span>}
                  {here && <span class="kind tree-tag" style={GAP}>{t('viewer_tree_this')}</span>}
                  {node.id !== cluster.origin && node.parent === null && <span class="tree-tag muted" style={GAP}>{t('viewer_tree_no_parent')}</span>}
                  {!here && (
                    <a class="link-button tree-open" style={GAP} href={hrefOf(node.id)}>
                      {withPage ? t('viewer_tree_open') : t('viewer_tree_open_alone')}
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
