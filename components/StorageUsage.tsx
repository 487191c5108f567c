// How much the corpus holds and how much space the browser counts for the extension.
import type { StorageUsage as Usage } from '../lib/protocol';
import { formatBytes, formatCount } from '../lib/import/display';
import { useI18n } from './I18nProvider';

export interface StorageUsageProps {
  /** Figures from the background; absent while loading. */
  usage?: Usage;
}

export function StorageUsage({ usage }: StorageUsageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!usage) return <p class="hint">{t('storage_measuring')}</p>;
  const share = usage.usage !== undefined && usage.quota ? Math.min(100, (usage.usage / usage.quota) * 100) : undefined;
  return (
    <dl class="storage">
      <div>
        <dt>{t('collections_stories')}</dt>
        <dd>{formatCount(usage.stories, i18n)}</dd>
      </div>
      <div>
        <dt>{t('options_collections_heading')}</dt>
        <dd>{formatCount(usage.collections, i18n)}</dd>
      </div>
      <div>
        <dt>{t('storage_text')}</dt>
        <dd>{formatBytes(usage.textChars, i18n)}</dd>
      </div>
      <div>
        <dt>{t('storage_used')}</dt>
        <dd>
          {formatBytes(usage.usage, i18n)}
          {share !== undefined && usage.quota !== undefined && (
            <span class="hint">
              {' '}
              {t('storage_of_quota', formatBytes(usage.quota, i18n), i18n.share(share / 100))}
            </span>
          )}
        </dd>
      </div>
    </dl>
  );
}
