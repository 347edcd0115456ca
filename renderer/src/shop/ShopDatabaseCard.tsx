import { useEffect, useState } from 'react';
import { PRINTER_HOST } from '../../../common/limits';
import { useShop } from './shop-store';
import { useStatus } from '../base/status-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { useT } from '../base/i18n';

/**
 * Staff & settings → Shop database (a manager): link this counter to the shop's PostgreSQL database
 * once. The first counter founds the shop and shows the link code the others need; the password
 * goes to this PC's keychain. Linked: where it ships, whether it is reached, and what waits to ship.
 */
export function ShopDatabaseCard() {
  const { view, busy, error, load, link, newLinkCode, checked, check } = useShop();
  const { t, dateTime } = useT();
  const live = useStatus((s) => s.status?.shopDatabase ?? null);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('5432');
  const [database, setDatabase] = useState('counterpos');
  const [user, setUser] = useState('counterpos');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  useEffect(() => void load(), [load]);
  if (!view) return null;
  const hostError = host && !PRINTER_HOST.test(host) ? t('printer.hostError') : null;
  const portNumber = Number(port);
  const portError =
    !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535 ? t('printer.portError') : null;
  // The live state from the status main sends every few seconds (reached, offline, waiting to ship),
  // not the one read when the card opened: "offline" must not linger once the database is back.
  const state = live?.linked ? live : view.state;
  // The server's certificate, checked for exactly this address, before any password is sent to it.
  const probe = checked && checked.host === host && checked.port === portNumber ? checked.probe : null;
  return (
    <section className="printer-card" data-testid="shop-card" aria-label={t('shop.title')}>
      <h2>{t('shop.title')}</h2>
      {view.link && state ? (
        <>
          <p data-testid="shop-linked">
            {t('shop.linkedTo', {
              where: `${view.link.user}@${view.link.host}:${view.link.port}/${view.link.database}`,
            })}{' '}
            {state.tls === null ? '' : t('shop.tls', { tls: String(state.tls) })}
            {state.pinned ? ` ${t('shop.pinned', { fingerprint: state.pinned })}` : ''}
          </p>
          {state.pinnedOnFirstUse && (
            <p className="notice warn" role="status" data-testid="shop-pinned-first-use">
              {t('shop.pinnedFirstUse')}
            </p>
          )}
          {state.refused && (
            <p className="notice error" role="alert" data-testid="shop-refused">
              {t('shop.refusedNoTls')}
            </p>
          )}
          <p className={`notice ${state.online ? 'good' : 'warn'}`} role="status" data-testid="shop-state">
            {state.online || !state.offlineSince
              ? t('shop.online', { backlog: state.backlog })
              : t('shop.offline', { since: dateTime(state.offlineSince), backlog: state.backlog })}
          </p>
          {view.linkCode ? (
            <p data-testid="shop-link-code">
              {t('shop.codeForOthers')} <b>{view.linkCode}</b> {t('shop.codeOnce')}
            </p>
          ) : (
            <button type="button" disabled={busy} onClick={() => void newLinkCode()} data-testid="shop-new-code">
              {t('shop.newCode')}
            </button>
          )}
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (hostError || portError || !host || !password) return;
            if (!probe) return void check(host, portNumber);
            const trust =
              probe.tls && probe.fingerprint ? { certificate: probe.fingerprint } : { plaintext: true as const };
            void link({
              host,
              port: portNumber,
              database,
              user,
              password,
              ...trust,
              ...(code.trim() ? { linkCode: code.trim() } : {}),
            }).then((ok) => ok && setPassword(''));
          }}
        >
          <p>{t('shop.explain')}</p>
          <div className="row">
            <label>
              {t('printer.address')}
              <input
                data-testid="shop-host"
                value={host}
                onChange={(e) => setHost(e.target.value.trim())}
                {...describedBy('shop-host-error', hostError)}
              />
              <FieldError id="shop-host-error" message={hostError} />
            </label>
            <label>
              {t('printer.port')}
              <input
                data-testid="shop-port"
                inputMode="numeric"
                value={port}
                onChange={(e) => setPort(e.target.value.replace(/\D/g, ''))}
                {...describedBy('shop-port-error', portError)}
              />
              <FieldError id="shop-port-error" message={portError} />
            </label>
          </div>
          <div className="row">
            <label>
              {t('shop.database')}
              <input
                data-testid="shop-database"
                value={database}
                onChange={(e) => setDatabase(e.target.value.trim())}
              />
            </label>
            <label>
              {t('shop.user')}
              <input data-testid="shop-user" value={user} onChange={(e) => setUser(e.target.value.trim())} />
            </label>
          </div>
          <label>
            {t('shop.password')}
            <input
              data-testid="shop-password"
              type="password"
              autoComplete="off"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <label>
            {t('shop.code')}
            <input data-testid="shop-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          {probe && (
            <p className={`notice ${probe.tls ? 'good' : 'warn'}`} role="status" data-testid="shop-certificate">
              {probe.tls ? t('shop.certificate', { fingerprint: probe.fingerprint ?? '' }) : t('shop.noTls')}
            </p>
          )}
          <button
            type="submit"
            className="primary"
            data-testid="shop-link"
            disabled={busy || !host || !password || !!hostError || !!portError}
          >
            {busy
              ? t('shop.linking')
              : !probe
                ? t('shop.check')
                : probe.tls
                  ? t('shop.trustAndLink')
                  : t('shop.linkUnencrypted')}
          </button>
        </form>
      )}
      {error && (
        <p className="notice error" role="alert" data-testid="shop-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
