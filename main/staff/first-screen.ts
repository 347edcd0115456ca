/**
 * The counter's sign-in screen as main serves it inside the page (issue 31: the first screen paints
 * before anything else is fetched). The same markup as the React screen draws while nobody is signed
 * in (renderer/src/app/App.tsx around staff/SignInScreen.tsx), without test ids and inert: React
 * draws over it once main's status and the language are here (renderer/src/main.tsx), a moment later.
 * Names are what a manager typed: escaped like everything main writes into HTML.
 */
import { translator } from '../../common/i18n';
import type { Locale } from '../../common/i18n/locales';
import type { Roster } from '../../common/contract';
import { escapeHtml as esc } from '../html';

export type FirstScreen = { locale: Locale; training: boolean; roster: Roster };

/** The sign-in screen's HTML for the page's root, or null where the app draws another screen first. */
export function firstScreenHtml(first: FirstScreen): string | null {
  // The shop's first run asks for its first manager (a screen of its own); with nobody to pick, the
  // app says so — neither is drawn here.
  if (first.roster.firstRun || first.roster.staff.length === 0) return null;
  const { t } = translator(first.locale);
  const title = esc(t('signIn.title'));
  const banner = first.training ? `<div class="training-banner" role="note">${esc(t('app.trainingBanner'))}</div>` : '';
  const people = first.roster.staff
    .map(
      (s) =>
        `<button type="button" class="staff-pick"><strong>${esc(s.name)}</strong><span>${esc(t('role.name', { role: s.role }))}</span></button>`,
    )
    .join('');
  return (
    `<div class="app">${banner}<main class="content" tabindex="0">` +
    `<section class="panel narrow" aria-label="${title}"><h1>${title}</h1><div class="staff-grid">${people}</div></section>` +
    `</main></div>`
  );
}
