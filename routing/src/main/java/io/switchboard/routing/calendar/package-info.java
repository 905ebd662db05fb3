/** Business hours: weekly opening times in a time zone, and a holiday calendar. Pure java.time, no clock of its own. */
package io.switchboard.routing.calendar;
