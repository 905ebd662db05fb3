// Trunks: the carriers and PBXs that send us calls (addresses, digest credentials, registration, outbound dial plan).
// Passwords are never shown (the server keeps them sealed and says only whether one is set); leaving a password empty
// keeps the stored one. The numbers a trunk carries come from the Numbers section (one source of truth): listed here.

import { documents } from './documents.js';
import { el, field, group, row } from './fields.js';

/** Entry point numbers that arrive on trunk id, from the draft. */
export function numbersOf(ctx, id) {
  const numbers = ctx.get('entry-points/default/numbers') ?? {};
  return Object.keys(numbers).filter((n) => numbers[n] && typeof numbers[n] === 'object' && numbers[n].trunk === id);
}

function part(ctx, id, key, legend, enabledLabel, fields, template) {
  const path = `trunk/${id}/${key}`;
  const on = ctx.get(path) !== undefined;
  const toggle = field(ctx, {
    path: `${path}/enabled`, label: enabledLabel, type: 'checkbox', value: on,
    onChange: (checked) => {
      ctx.update(path, checked ? template : undefined);
      ctx.rerender();
    },
  });
  return group(legend, toggle, ...(on ? fields(path) : []));
}

function text(ctx, path, label, extra = {}) {
  ctx.label(path, label);
  return field(ctx, { path, label, ...extra });
}

function password(ctx, path, label) {
  const set = ctx.get(path.replace(/\/password$/, '/passwordSet'));
  ctx.label(path, label);
  return field(ctx, {
    path, label, type: 'password', value: '',
    placeholder: set ? ctx.t('console.trunk.passwordKept') : '',
    hint: set ? ctx.t('console.trunk.passwordSet') : ctx.t('console.trunk.passwordNew'),
  });
}

function form(body, ctx, id) {
  const { t } = ctx;
  const p = (key) => `trunk/${id}/${key}`;
  const numbers = numbersOf(ctx, id);
  body.append(
    group(t('console.trunk.inbound'),
      text(ctx, p('allowedSources'), t('console.trunk.allowedSources'), {
        type: 'lines', hint: t('console.trunk.allowedSourcesHint'), rows: 3 }),
      el('div', { class: 'field' }, el('p', { class: 'console-label' }, t('console.trunk.numbers')),
        el('p', { class: 'hint', id: 'trunk-numbers' }, numbers.length ? numbers.join(', ') : t('console.trunk.noNumbers'))),
      text(ctx, p('dids'), t('console.trunk.dids'), { type: 'lines', hint: t('console.trunk.didsHint'), rows: 2 })),
    part(ctx, id, 'inboundDigest', t('console.trunk.digest'), t('console.trunk.digestOn'), (at) => [
      row(text(ctx, `${at}/username`, t('console.trunk.username')), text(ctx, `${at}/realm`, t('console.trunk.realm'))),
      password(ctx, `${at}/password`, t('console.trunk.password')),
    ], { realm: 'switchboard' }),
    part(ctx, id, 'registration', t('console.trunk.registration'), t('console.trunk.registrationOn'), (at) => [
      row(text(ctx, `${at}/registrar`, t('console.trunk.registrar'), { placeholder: 'sip.carrier.example:5060' }),
        text(ctx, `${at}/domain`, t('console.trunk.domain'))),
      row(text(ctx, `${at}/username`, t('console.trunk.username')), password(ctx, `${at}/password`,
        t('console.trunk.password'))),
      text(ctx, `${at}/expiresSeconds`, t('console.trunk.expires'), { type: 'number', min: 60, max: 86400 }),
    ], { expiresSeconds: 3600 }),
    part(ctx, id, 'outbound', t('console.trunk.outbound'), t('console.trunk.outboundOn'), (at) => [
      row(text(ctx, `${at}/proxy`, t('console.trunk.proxy')), text(ctx, `${at}/domain`, t('console.trunk.domain'))),
      row(text(ctx, `${at}/username`, t('console.trunk.username')), password(ctx, `${at}/password`,
        t('console.trunk.password'))),
      group(t('console.trunk.dialPlan'),
        row(text(ctx, `${at}/region`, t('console.trunk.region'), { hint: t('console.trunk.regionHint') }),
          text(ctx, `${at}/callerId`, t('console.trunk.callerId'), { placeholder: '+4930555001' })),
        row(text(ctx, `${at}/international`, t('console.trunk.international'), { type: 'checkbox' }),
          text(ctx, `${at}/premium`, t('console.trunk.premium'), { type: 'checkbox' })),
        row(text(ctx, `${at}/maxConcurrent`, t('console.trunk.maxConcurrent'), { type: 'number', min: 1, max: 1000 }),
          text(ctx, `${at}/maxPerDay`, t('console.trunk.maxPerDay'), { type: 'number', min: 1 }),
          text(ctx, `${at}/ringTimeoutSeconds`, t('console.trunk.ringTimeout'), { type: 'number', min: 5, max: 300 })),
        text(ctx, `${at}/allowedAgents`, t('console.trunk.allowedAgents'), { type: 'lines', rows: 2,
          hint: t('console.trunk.allowedAgentsHint') })),
    ], { region: 'DE', maxConcurrent: 2, maxPerDay: 100 }),
  );
}

export default {
  id: 'trunks',
  titleKey: 'console.section.trunks',
  adminOnly: true,
  render(container, ctx) {
    return documents(container, ctx, {
      kind: 'trunk', section: 'trunks', form,
      template: () => ({ allowedSources: [] }),
      summary: (doc) => (doc?.allowedSources ?? []).join(', '),
    });
  },
};
