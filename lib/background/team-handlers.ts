// The team index messages' handlers (options page), for the background's one handler map.
import { cleanTeamUrl } from '../settings';
import type { Handler } from './check-handlers';
import type { TeamIndex } from './team-index';

export type TeamMessage = 'testTeamIndex';

export interface TeamHandlerDeps {
  team: TeamIndex;
}

export function teamHandlers(d: TeamHandlerDeps): { [N in TeamMessage]: Handler<N> } {
  return {
    async testTeamIndex(payload) {
      const url = cleanTeamUrl((payload as { url?: unknown } | null)?.url);
      const token = (payload as { token?: unknown } | null)?.token;
      if (!url) throw new Error('Enter the team index URL first');
      if (typeof token !== 'string' || !token.trim() || token.length > 512) throw new Error('Enter your team token first');
      return d.team.test(url, token.trim());
    },
  };
}
