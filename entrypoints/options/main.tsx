import { render } from 'preact';
import '../../components/app.css';
import '../../components/options.css';
import { OptionsApp } from '../../components/options-app.tsx';
import { createEvidenceActions } from '../../lib/browser/evidence-actions.ts';
import { getLocale, t } from '../../lib/i18n.ts';
import { parseRoute } from '../../lib/route.ts';

const actions = createEvidenceActions();
document.documentElement.lang = getLocale();
document.title = t('optionsTitle');

const root = document.getElementById('app');
const show = (): void => {
  if (root) render(<OptionsApp actions={actions} route={parseRoute(location.hash)} />, root);
};
window.addEventListener('hashchange', show);
show();

// The e2e and bench builds let the benchmark seed the store and time the export and import; the release build has no hooks.
if (import.meta.env.MODE === 'e2e' || import.meta.env.MODE === 'bench') {
  void import('../../lib/browser/bench-hooks.ts').then(({ createBenchHooks }) => Object.assign(globalThis, { safelogTest: createBenchHooks() }));
}
