/** Automatic callback of missed and abandoned calls: one pending callback per caller, not one per attempt. */
package io.switchboard.routing.callback;
