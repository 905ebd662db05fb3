/** ACD and call flows as pure, deterministic logic (queues, agents, skills, strategies, schedules, IVR graphs); comes with the routing issue. Depends on no module of ours, no I/O, no Vert.x: a Clock is passed in. */
package io.switchboard.routing;
