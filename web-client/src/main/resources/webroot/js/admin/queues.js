// Queues: strategy (with what it does), ring time, wrap-up, limits and where a caller overflows, the wallboard's
// service level, announcements, masked numbers. Fields as in docs/routing.md, "Configuration".

import { documents } from './documents.js';
import { el, field, group, row } from './fields.js';

export const STRATEGIES = ['longest-idle', 'round-robin', 'ring-all', 'fewest-calls', 'least-talk-time', 'linear',
  'random', 'weighted-random'];

/** Overflow targets as one select value: "voicemail", "callback", "refuse" or "queue:<id>". */
function targetValue(target) {
  if (target && typeof target === 'object') return `queue:${target.queue ?? ''}`;
  return target ?? '';
}

function targetOf(value) {
  if (!value) return undefined;
  return value.startsWith('queue:') ? { kind: 'queue', queue: value.slice(6) } : value;
}

function targetField(ctx, id, key, label, { none } = {}) {
  const { t } = ctx;
  const options = [];
  if (none) options.push(['', t(none)]);
  options.push(['voicemail', t('console.target.voicemail')], ['callback', t('console.target.callback')],
    ['refuse', t('console.target.refuse')]);
  for (const other of ctx.draft.ids('queue').filter((q) => q !== id)) {
    options.push([`queue:${other}`, t('console.target.queue', { queue: ctx.get(`queue/${other}/name`) ?? other })]);
  }
  const path = `queue/${id}/${key}`;
  ctx.label(path, label);
  return field(ctx, {
    path, label, type: 'select', options, value: targetValue(ctx.get(path)),
    onChange: (v) => ctx.update(path, targetOf(v)),
  });
}

function num(ctx, id, key, label, hint, min, max) {
  const path = `queue/${id}/${key}`;
  ctx.label(path, label);
  return field(ctx, { path, label, type: 'number', min, max, hint });
}

function form(body, ctx, id) {
  const { t } = ctx;
  const p = (key) => `queue/${id}/${key}`;
  ctx.label(p('name'), t('console.queue.name'));
  ctx.label(p('strategy'), t('admin.quick.strategy'));
  ctx.label(p('maskNumbers'), t('console.queue.maskNumbers'));
  const explain = el('p', { class: 'hint console-explain', id: 'strategy-explain' });
  const strategy = field(ctx, {
    path: p('strategy'), label: t('admin.quick.strategy'), type: 'select',
    value: ctx.get(p('strategy')) ?? 'longest-idle',
    options: STRATEGIES.map((s) => [s, t(`console.strategy.${s}`)]),
    onChange: (v) => {
      ctx.update(p('strategy'), v);
      explain.textContent = t(`console.strategy.${v}.explain`);
    },
  });
  explain.textContent = t(`console.strategy.${ctx.get(p('strategy')) ?? 'longest-idle'}.explain`);
  strategy.append(explain);
  body.append(
    group(t('console.queue.general'),
      field(ctx, { path: p('name'), label: t('console.queue.name') }),
      strategy,
      row(num(ctx, id, 'offerTimeout', t('admin.quick.offerTimeout'), t('admin.quick.default', { value: 20 }), 1, 600),
        num(ctx, id, 'wrapUp', t('admin.quick.wrapUp'), t('admin.quick.default', { value: 0 }), 0, 3600),
        num(ctx, id, 'missesBeforeNotReady', t('console.queue.misses'), t('admin.quick.default', { value: 3 }), 1, 100))),
    group(t('console.queue.limits'),
      row(num(ctx, id, 'maxWait', t('admin.quick.maxWait'), null, 0, 86400),
        targetField(ctx, id, 'whenMaxWait', t('admin.quick.whenMaxWait'), { none: 'console.target.defaultVoicemail' })),
      row(num(ctx, id, 'maxLength', t('console.queue.maxLength'), null, 0, 100000),
        targetField(ctx, id, 'whenFull', t('console.queue.whenFull'), { none: 'console.target.defaultRefuse' })),
      targetField(ctx, id, 'whenNoAgents', t('console.queue.whenNoAgents'), { none: 'console.target.wait' })),
    group(t('console.queue.service'),
      row(num(ctx, id, 'serviceLevelSeconds', t('console.queue.slSeconds'), t('admin.quick.default', { value: 20 }), 1, 3600),
        num(ctx, id, 'serviceLevelTarget', t('console.queue.slTarget'), t('admin.quick.default', { value: 80 }), 1, 100),
        num(ctx, id, 'alertWaitingCalls', t('console.queue.alertWaiting'), t('admin.quick.default', { value: 0 }), 0, 100000))),
    group(t('console.queue.caller'),
      row(num(ctx, id, 'announceEvery', t('console.queue.announceEvery'), t('console.queue.announceHint'), 0, 3600),
        num(ctx, id, 'weight', t('console.queue.weight'), t('console.queue.weightHint'), 0, 1000)),
      field(ctx, { path: p('maskNumbers'), label: t('console.queue.maskNumbers'), type: 'checkbox',
        hint: t('console.queue.maskHint') })),
  );
}

export default {
  id: 'queues',
  titleKey: 'console.section.queues',
  render(container, ctx) {
    return documents(container, ctx, {
      kind: 'queue', section: 'queues', form,
      template: (id) => ({ name: id, strategy: 'longest-idle', wrapUp: 0, offerTimeout: 20 }),
      summary: (doc) => [doc?.name, doc?.strategy && ctx.t(`console.strategy.${doc.strategy}`)]
        .filter(Boolean).join(' · '),
    });
  },
};
