// Keyboard focus when parts of the desk appear and disappear: a disabled or hidden button drops focus on the floor,
// and a keyboard-only agent should then land on what they most likely want next — never be yanked away from
// something they are still using.

/** True when focus sits nowhere useful: on the body, or on an element that is now disabled or hidden. */
export function focusIsLost() {
  const active = document.activeElement;
  if (!active || active === document.body || active === document.documentElement) return true;
  if (active.disabled) return true;
  return active.closest('[hidden]') !== null || active.getClientRects().length === 0;
}

export function moveFocusIfLost(target) {
  if (target && !target.disabled && focusIsLost()) target.focus();
}
