// How much the corpus holds and how much space the browser counts for the extension.
import type { StorageUsage as Usage } from '../lib/protocol';
import { formatBytes, formatCount } from '../lib/import/display';

export interface StorageUsageProps {
  /** Figures from the background; absent while loading. */
  usage?: Usage;
}

export function StorageUsage({ usage }: StorageUsageProps) {
  if (!usage) return <p class="hint">Measuring…</p>;
  const share = usage.usage !== undefined && usage.quota ? Math.min(100, (usage.usage / usage.quota) * 100) : undefined;
  return (
    <dl class="storage">
      <div>
        <dt>Stories</dt>
        <dd>{formatCount(usage.stories)}</dd>
      </div>
      <div>
        <dt>Collections</dt>
        <dd>{formatCount(usage.collections)}</dd>
      </div>
      <div>
        <dt>Story text</dt>
        <dd>{formatBytes(usage.textChars)}</dd>
      </div>
      <div>
        <dt>Space used (text and index)</dt>
        <dd>
          {formatBytes(usage.usage)}
          {share !== undefined && usage.quota !== undefined && (
            <span class="hint">
              {' '}
              of {formatBytes(usage.quota)} available ({share < 1 ? '<1' : Math.round(share)}%)
            </span>
          )}
        </dd>
      </div>
    </dl>
  );
}
