// The admin console's sections, in the order of the left nav: one line each, the module js/admin/<id>.js
// (the contract is at the top of console.js and in docs/admin-console.md).
export const SECTIONS = [
  'queues',
  'agents',
  'groups',
  'schedules',
  'lists',
  'trunks',
  'numbers',
  'ivr',
  'reasons',
  'users',
  'audit',
];
