import { render } from 'preact';
import '../../components/app.css';
import '../../components/popup.css';
import type { EvidenceActions } from '../../components/actions.ts';
import { PopupApp } from '../../components/popup-app.tsx';
import { createEvidenceActions } from '../../lib/browser/evidence-actions.ts';
import { getLocale, t } from '../../lib/i18n.ts';

/** Closes the popup once a save has started well, so the page is in view for the screenshot; a failure stays on screen. */
function closingAfter(action: () => Promise<void>): () => Promise<void> {
  return async () => {
    await action();
    window.close();
  };
}

const actions = createEvidenceActions();
const popupActions: EvidenceActions = {
  ...actions,
  savePost: closingAfter(() => actions.savePost()),
  pickPost: closingAfter(() => actions.pickPost()),
  savePage: closingAfter(() => actions.savePage()),
};

document.documentElement.lang = getLocale();
document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<PopupApp actions={popupActions} />, root);
