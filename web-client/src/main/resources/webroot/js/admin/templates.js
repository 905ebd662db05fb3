// What a new document of each kind starts from (docs/routing.md and ConfigurationFactory name every field): the
// common fields with their defaults written out, so an admin sees what can be set. Ids of queues the template refers
// to are taken from the current configuration, so a template saves as it is.

/** @param {{queue: string[], agent: string[]}} existing ids by kind */
export function template(kind, id, existing) {
  const queue = existing.queue?.[0] ?? 'support';
  switch (kind) {
    case 'queue':
      return {
        name: id, strategy: 'longest-idle', offerTimeout: 20, missesBeforeNotReady: 3, wrapUp: 0,
        maxWait: 0, whenMaxWait: 'voicemail', maxLength: 0, whenFull: 'refuse', announceEvery: 60,
      };
    case 'agent':
      return { skills: {}, queues: [queue] };
    case 'group':
      return { name: id, members: [], supervisors: [] };
    case 'flow':
      return { entry: 'start', language: 'en', steps: { start: { type: 'queue', queue } } };
    case 'entry-points':
      return { numbers: {} };
    case 'settings':
      return { notReadyReasons: ['break', 'lunch', 'training', 'meeting', 'after_call_work'] };
    default:
      return {};
  }
}
