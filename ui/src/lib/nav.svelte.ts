// Which screen is shown. Screens are plain components; there is no URL routing
// inside the desktop window.
export type Route =
  | { name: 'campaigns' }
  | { name: 'walk'; campaignId?: string }
  | {
      name: 'conversation';
      householdId?: string;
      campaignId?: string;
      visitId?: string;
      conversationId?: string;
      wijkCode?: string;
      draftKey?: string;
    }
  | { name: 'check'; householdId?: string; conversationId?: string; checkId?: string }
  | { name: 'followup' }
  | { name: 'search' }
  | { name: 'map' }
  | { name: 'dashboard'; code?: string }
  | { name: 'data'; section?: 'table' | 'import' | 'resident'; code?: string }
  | { name: 'year' }
  | { name: 'settings' }
  | { name: 'exchange'; tab?: 'export' | 'merge' | 'conflicts' | 'keys' };

export const nav = $state<{ route: Route }>({ route: { name: 'campaigns' } });

export function go(route: Route) {
  nav.route = route;
}
